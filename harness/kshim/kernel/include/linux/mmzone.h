/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/mmzone.h>: page allocator orders (arm64 default). */
#ifndef KSHIM_LINUX_MMZONE_H
#define KSHIM_LINUX_MMZONE_H
#define MAX_PAGE_ORDER 10
#endif
