/* SPDX-License-Identifier: MIT */
/*
 * kshim stand-in for <linux/iommufd.h>: the iommufd objects a vIOMMU driver embeds (vIOMMU,
 * vDEVICE, HW queue), its ops table, and the core services it calls. The services are kshim's
 * own iommufd core (kernel/src/iommufd_core.c), written from the documented contract:
 *  - _iommufd_object_depend(a, b): b cannot be destroyed while a depends on it;
 *  - _iommufd_alloc_mmap: registers an MMIO range of an object and returns the mmap offset
 *    user space passes to mmap(); _iommufd_destroy_mmap removes it;
 *  - iommufd_viommu_report_event: queues one vEVENT on the vIOMMU's vEVENTQ of that type.
 */
#ifndef KSHIM_LINUX_IOMMUFD_H
#define KSHIM_LINUX_IOMMUFD_H
#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/types.h>
#include <uapi/linux/iommufd.h>

struct device;
struct iommufd_ctx;
struct iommufd_device;
struct iommufd_access;
struct iommufd_hwpt_paging;
struct iommu_user_data;
struct iommu_user_data_array;
struct iommufd_viommu_ops;

enum iommufd_object_type {
  IOMMUFD_OBJ_NONE,
  IOMMUFD_OBJ_VIOMMU,
  IOMMUFD_OBJ_VDEVICE,
  IOMMUFD_OBJ_VEVENTQ,
  IOMMUFD_OBJ_HW_QUEUE,
};

/* What user space holds an ID of. `users` counts the objects that depend on this one. */
struct iommufd_object {
  atomic_t wait_cnt;
  atomic_t users;
  enum iommufd_object_type type;
  unsigned int id;
};

struct iommufd_viommu {
  struct iommufd_object obj;
  struct iommufd_ctx* ictx;
  struct iommu_device* iommu_dev;
  struct iommufd_hwpt_paging* hwpt;
  const struct iommufd_viommu_ops* ops;
  struct list_head veventqs;
  enum iommu_viommu_type type;
};

struct iommufd_vdevice {
  struct iommufd_object obj;
  struct iommufd_viommu* viommu;
  struct iommufd_device* idev;
  u64 virt_id;
  void (*destroy)(struct iommufd_vdevice* vdev);
};

struct iommufd_hw_queue {
  struct iommufd_object obj;
  struct iommufd_viommu* viommu;
  struct iommufd_access* access;
  u64 base_addr; /* guest physical */
  size_t length;
  enum iommu_hw_queue_type type;
  void (*destroy)(struct iommufd_hw_queue* hw_queue);
};

struct iommufd_viommu_ops {
  void (*destroy)(struct iommufd_viommu* viommu);
  struct iommu_domain* (*alloc_domain_nested)(struct iommufd_viommu* viommu, u32 flags,
                                              const struct iommu_user_data* user_data);
  int (*cache_invalidate)(struct iommufd_viommu* viommu, struct iommu_user_data_array* array);
  const size_t vdevice_size;
  int (*vdevice_init)(struct iommufd_vdevice* vdev);
  size_t (*get_hw_queue_size)(struct iommufd_viommu* viommu, enum iommu_hw_queue_type queue_type);
  int (*hw_queue_init_phys)(struct iommufd_hw_queue* hw_queue, u32 index, phys_addr_t base_addr_pa);
};

int _iommufd_object_depend(struct iommufd_object* obj_dependent,
                           struct iommufd_object* obj_depended);
void _iommufd_object_undepend(struct iommufd_object* obj_dependent,
                              struct iommufd_object* obj_depended);
int _iommufd_alloc_mmap(struct iommufd_ctx* ictx, struct iommufd_object* owner,
                        phys_addr_t mmio_addr, size_t length, unsigned long* offset);
void _iommufd_destroy_mmap(struct iommufd_ctx* ictx, struct iommufd_object* owner,
                           unsigned long offset);
struct device* iommufd_vdevice_to_device(struct iommufd_vdevice* vdev);
int iommufd_viommu_report_event(struct iommufd_viommu* viommu, enum iommu_veventq_type type,
                                void* event_data, size_t data_len);

#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))

/* The driver's structure must start with the core one (the core frees it as that). */
#define KSHIM_CORE_STRUCT_SIZE(core_type, drv_struct, member)             \
  (sizeof(drv_struct) + BUILD_BUG_ON_ZERO(offsetof(drv_struct, member)) + \
   BUILD_BUG_ON_ZERO(!__same_type(core_type, ((drv_struct*)NULL)->member)))
#define VIOMMU_STRUCT_SIZE(drv_struct, member) \
  KSHIM_CORE_STRUCT_SIZE(struct iommufd_viommu, drv_struct, member)
#define VDEVICE_STRUCT_SIZE(drv_struct, member) \
  KSHIM_CORE_STRUCT_SIZE(struct iommufd_vdevice, drv_struct, member)
#define HW_QUEUE_STRUCT_SIZE(drv_struct, member) \
  KSHIM_CORE_STRUCT_SIZE(struct iommufd_hw_queue, drv_struct, member)

/* Siblings of one vIOMMU only. */
#define iommufd_hw_queue_depend(dependent, depended, member)                                  \
  ({                                                                                          \
    int kshim_ret_ = -EINVAL;                                                                 \
    if (!WARN_ON_ONCE((dependent)->member.viommu != (depended)->member.viommu))               \
      kshim_ret_ = _iommufd_object_depend(&(dependent)->member.obj, &(depended)->member.obj); \
    kshim_ret_;                                                                               \
  })
#define iommufd_hw_queue_undepend(dependent, depended, member)                   \
  ({                                                                             \
    WARN_ON_ONCE((dependent)->member.viommu != (depended)->member.viommu);       \
    _iommufd_object_undepend(&(dependent)->member.obj, &(depended)->member.obj); \
  })

static inline int iommufd_viommu_alloc_mmap(struct iommufd_viommu* viommu, phys_addr_t mmio_addr,
                                            size_t length, unsigned long* offset) {
  return _iommufd_alloc_mmap(viommu->ictx, &viommu->obj, mmio_addr, length, offset);
}
static inline void iommufd_viommu_destroy_mmap(struct iommufd_viommu* viommu,
                                               unsigned long offset) {
  _iommufd_destroy_mmap(viommu->ictx, &viommu->obj, offset);
}

#endif
