/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/gfp_types.h>: allocation flags. */
#ifndef KSHIM_LINUX_GFP_TYPES_H
#define KSHIM_LINUX_GFP_TYPES_H
#define __GFP_ZERO 0x100u
#define __GFP_NOWARN 0x200u
#define GFP_KERNEL 0x1u
#define GFP_ATOMIC 0x2u
#define GFP_NOWAIT 0x4u
#endif
