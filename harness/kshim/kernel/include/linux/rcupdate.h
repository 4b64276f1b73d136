/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/rcupdate.h>: RCU pointer accessors (single-threaded harness: plain
 * loads and release stores; no grace periods). */
#ifndef KSHIM_LINUX_RCUPDATE_H
#define KSHIM_LINUX_RCUPDATE_H
#include <asm/barrier.h>
#include <linux/compiler.h>
#define rcu_dereference_protected(p, c) (p)
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) smp_store_release(&(p), (v))
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
#define rcu_read_lock() barrier()
#define rcu_read_unlock() barrier()
#endif
