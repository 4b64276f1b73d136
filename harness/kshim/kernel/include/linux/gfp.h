/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/gfp.h>: allocation flags. */
#ifndef KSHIM_LINUX_GFP_H
#define KSHIM_LINUX_GFP_H
#include <linux/gfp_types.h>
#endif
