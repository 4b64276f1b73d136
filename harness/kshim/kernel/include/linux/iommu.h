/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/iommu.h>: the IOMMU core's embedded structures (layout) and debugfs
 * root. */
#ifndef KSHIM_LINUX_IOMMU_H
#define KSHIM_LINUX_IOMMU_H
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/rbtree_types.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>
struct device;
struct dentry;
struct iommu_ops;
struct iommu_domain_ops;
struct iommu_device {
  struct list_head list;
  const struct iommu_ops* ops;
  struct fwnode_handle* fwnode;
  struct device* dev;
  u32 max_pasids;
};
struct iommu_domain {
  unsigned type;
  const struct iommu_domain_ops* ops;
  unsigned long pgsize_bitmap;
};
extern struct dentry* iommu_debugfs_dir;
#endif
