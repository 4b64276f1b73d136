/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/spinlock.h>: spinlocks. */
#ifndef KSHIM_LINUX_SPINLOCK_H
#define KSHIM_LINUX_SPINLOCK_H
#include <linux/spinlock_types.h>
/* Single-threaded harness: locks are layout and no-ops. */
#define rwlock_init(l) ((l)->readers = 0)
#define spin_lock_init(l) ((l)->locked = 0)
#endif
