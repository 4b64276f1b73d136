/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/spinlock.h>: spinlocks. */
#ifndef KSHIM_LINUX_SPINLOCK_H
#define KSHIM_LINUX_SPINLOCK_H
#include <linux/spinlock_types.h>
#endif
