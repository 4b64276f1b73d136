/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/overflow.h>: the size of a structure with a flexible array. */
#ifndef KSHIM_LINUX_OVERFLOW_H
#define KSHIM_LINUX_OVERFLOW_H
#define struct_size(p, member, n) (sizeof(*(p)) + sizeof((p)->member[0]) * (size_t)(n))
#define flex_array_size(p, member, n) (sizeof((p)->member[0]) * (size_t)(n))
#endif
