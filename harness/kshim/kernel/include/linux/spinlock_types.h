/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/spinlock_types.h>: spinlocks (layout). */
#ifndef KSHIM_LINUX_SPINLOCK_TYPES_H
#define KSHIM_LINUX_SPINLOCK_TYPES_H
typedef struct {
  int locked;
} spinlock_t;
typedef struct {
  int readers;
} rwlock_t;
#endif
