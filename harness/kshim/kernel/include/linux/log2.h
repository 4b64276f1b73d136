/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/log2.h>: ilog2 and power-of-two tests. */
#ifndef KSHIM_LINUX_LOG2_H
#define KSHIM_LINUX_LOG2_H
#include <linux/bitops.h>
#endif
