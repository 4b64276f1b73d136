/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <asm/bitsperlong.h>: word size. */
#ifndef KSHIM_ASM_BITSPERLONG_H
#define KSHIM_ASM_BITSPERLONG_H
#define BITS_PER_LONG 64
#define BITS_PER_LONG_LONG 64
#endif
