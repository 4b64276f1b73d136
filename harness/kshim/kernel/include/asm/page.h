/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <asm/page.h>: page size (arm64, 4 KiB pages). */
#ifndef KSHIM_ASM_PAGE_H
#define KSHIM_ASM_PAGE_H
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#endif
