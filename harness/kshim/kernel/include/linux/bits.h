/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/bits.h>: single bits and contiguous masks. */
#ifndef KSHIM_LINUX_BITS_H
#define KSHIM_LINUX_BITS_H
#include <asm/bitsperlong.h>
#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define BITS_PER_BYTE 8
/* Bits h..l set: all ones shifted up by l, cut above h. */
#define GENMASK(h, l) ((~0UL << (l)) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l) ((~0ULL << (l)) & (~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))))
#endif
