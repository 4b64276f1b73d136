/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/sizes.h>: size constants. */
#ifndef KSHIM_LINUX_SIZES_H
#define KSHIM_LINUX_SIZES_H
#define SZ_1K 0x00000400
#define SZ_4K 0x00001000
#define SZ_64K 0x00010000
#define SZ_128K 0x00020000
#define SZ_1M 0x00100000
#endif
