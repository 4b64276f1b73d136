/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/string.h>: the compiler's builtins. */
#ifndef KSHIM_LINUX_STRING_H
#define KSHIM_LINUX_STRING_H
#include <linux/types.h>
#define memset(d, c, n) __builtin_memset((d), (c), (n))
#define memcpy(d, s, n) __builtin_memcpy((d), (s), (n))
#define memcmp(a, b, n) __builtin_memcmp((a), (b), (n))
#endif
