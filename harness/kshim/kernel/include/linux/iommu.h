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
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
struct device;
struct dentry;
struct iommu_ops;
struct iommu_domain_ops;
#define IOMMU_NO_PASID 0
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

/* Driver-specific data user space passes with an iommufd call (a user pointer and length). */
struct iommu_user_data {
  unsigned int type;
  void* uptr;
  size_t len;
};
struct iommu_user_data_array {
  unsigned int type;
  void* uptr;
  size_t entry_len;
  u32 entry_num;
};
/* copy_struct_from_user's rule: a shorter user struct is zero-extended, a longer one must be zero
 * beyond ours (else -E2BIG); the type must match and the user struct must reach min_last. */
int kshim_copy_struct_from_user(void* dst, size_t dst_size, const struct iommu_user_data* src,
                                unsigned int type, size_t min_len);
int kshim_copy_struct_to_user(const struct iommu_user_data* dst, const void* src,
                              size_t src_size, unsigned int type, size_t min_len);
#define kshim_offsetofend(T, m) (offsetof(T, m) + sizeof(((T*)0)->m))
#define iommu_copy_struct_from_user(kdst, user_data, data_type, min_last)             \
  kshim_copy_struct_from_user((kdst), sizeof(*(kdst)), (user_data), (data_type),      \
                              kshim_offsetofend(__typeof__(*(kdst)), min_last))
#define iommu_copy_struct_to_user(user_data, ksrc, data_type, min_last)               \
  kshim_copy_struct_to_user((user_data), (ksrc), sizeof(*(ksrc)), (data_type),        \
                            kshim_offsetofend(__typeof__(*(ksrc)), min_last))

struct iommu_fwspec {
  struct fwnode_handle* iommu_fwnode;
  u32 flags;
  unsigned int num_ids;
  u32 ids[1];
};
#define IOMMU_FWSPEC_PCI_RC_ATS (1 << 0)
#define IOMMU_FWSPEC_PCI_RC_CANWBS (1 << 1)
struct iommu_fwspec* dev_iommu_fwspec_get(struct device* dev);
void* dev_iommu_priv_get(struct device* dev);
#endif
