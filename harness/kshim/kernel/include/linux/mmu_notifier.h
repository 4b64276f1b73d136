/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/mmu_notifier.h>: MMU notifiers (layout). */
#ifndef KSHIM_LINUX_MMU_NOTIFIER_H
#define KSHIM_LINUX_MMU_NOTIFIER_H
#include <linux/types.h>
struct mm_struct;
struct mmu_notifier_ops;
struct mmu_notifier {
  struct hlist_node hlist;
  const struct mmu_notifier_ops* ops;
  struct mm_struct* mm;
  struct rcu_head rcu;
  unsigned int users;
};
#endif
