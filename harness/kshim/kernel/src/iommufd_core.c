// SPDX-License-Identifier: MIT
// kshim's iommufd core: what user space (a VMM) reaches of a Tegra241 CMDQV driver through
// /dev/iommu, written from the iommufd uAPI and driver-facing contract (include/linux/iommufd.h
// kernel-doc, cmdqv.md section 10), for trees whose driver has the vIOMMU ops (7.x):
//  - vIOMMU alloc: the impl's get_viommu_size, a zeroed object, arm_vsmmu's fields (smmu, VMID),
//    then the impl's vsmmu_init with the driver data; an object the init refused is freed;
//  - HW queue alloc: the vIOMMU ops' get_hw_queue_size (0: -EOPNOTSUPP), a zeroed object that
//    holds a reference on its vIOMMU, then hw_queue_init_phys;
//  - destroy: refused (-EBUSY) while another object depends on it (its `users` > 1), else the
//    driver's destroy and the free;
//  - mmap offsets: first fit from PAGE_SIZE up (offset 0 is never handed out);
//  - vEVENTs: the vIOMMU's vEVENTQ of each type, as a VMM that allocated one would read it.
// Compiled empty for trees without the iommufd path.
#include <linux/iommufd.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kshim_core.h"

#ifdef KSHIM_API_IOMMUFD

#include "arm-smmu-v3.h"

#define KSHIM_MAX_OBJECTS 256
#define KSHIM_MAX_MMAPS 64
#define KSHIM_MAX_EVENTS 64

struct kshim_mmap {
  int live;
  struct iommufd_object* owner;
  phys_addr_t phys;
  size_t length;
  unsigned long offset;
};

struct kshim_vevent {
  int viommu;
  unsigned type;
  unsigned words;
  unsigned long long data[4];
};

static struct iommufd_viommu* viommus[KSHIM_MAX_OBJECTS];
static struct iommufd_hw_queue* hw_queues[KSHIM_MAX_OBJECTS];
static struct kshim_mmap mmaps[KSHIM_MAX_MMAPS];
static struct kshim_vevent events[KSHIM_MAX_EVENTS];
static unsigned n_events, events_lost;

void kshim_iommufd_reset(void) {
  memset(viommus, 0, sizeof(viommus));
  memset(hw_queues, 0, sizeof(hw_queues));
  memset(mmaps, 0, sizeof(mmaps));
  memset(events, 0, sizeof(events));
  n_events = events_lost = 0;
}

int _iommufd_object_depend(struct iommufd_object* obj_dependent,
                           struct iommufd_object* obj_depended) {
  if (obj_dependent == obj_depended || obj_dependent->type != obj_depended->type) return -EINVAL;
  atomic_inc(&obj_depended->users);
  return 0;
}

void _iommufd_object_undepend(struct iommufd_object* obj_dependent,
                              struct iommufd_object* obj_depended) {
  if (WARN_ON_ONCE(obj_dependent == obj_depended || obj_dependent->type != obj_depended->type))
    return;
  atomic_dec(&obj_depended->users);
}

static bool overlaps(unsigned long off, size_t len) {
  int i;
  for (i = 0; i < KSHIM_MAX_MMAPS; i++) {
    if (mmaps[i].live && off < mmaps[i].offset + mmaps[i].length && mmaps[i].offset < off + len)
      return true;
  }
  return false;
}

int _iommufd_alloc_mmap(struct iommufd_ctx* ictx, struct iommufd_object* owner,
                        phys_addr_t mmio_addr, size_t length, unsigned long* offset) {
  unsigned long off = PAGE_SIZE;
  int i, slot = -1;
  (void)ictx;
  kshim_event_point("_iommufd_alloc_mmap");
  if (mmio_addr & (PAGE_SIZE - 1)) return -EINVAL;
  if (!length || (length & (PAGE_SIZE - 1))) return -EINVAL;
  for (i = 0; i < KSHIM_MAX_MMAPS && slot < 0; i++)
    if (!mmaps[i].live) slot = i;
  if (slot < 0) return -ENOSPC;
  while (overlaps(off, length)) off += PAGE_SIZE;
  mmaps[slot] = (struct kshim_mmap){1, owner, mmio_addr, length, off};
  *offset = off;
  return 0;
}

void _iommufd_destroy_mmap(struct iommufd_ctx* ictx, struct iommufd_object* owner,
                           unsigned long offset) {
  int i;
  (void)ictx;
  kshim_event_point("_iommufd_destroy_mmap");
  for (i = 0; i < KSHIM_MAX_MMAPS; i++) {
    if (mmaps[i].live && mmaps[i].offset == offset) {
      WARN_ON_ONCE(mmaps[i].owner != owner);
      mmaps[i].live = 0;
      return;
    }
  }
  WARN_ON_ONCE(1); /* no such offset */
}

struct device* iommufd_vdevice_to_device(struct iommufd_vdevice* vdev) {
  (void)vdev;
  return NULL; /* vDEVICEs are not driven */
}

static int viommu_id(const struct iommufd_viommu* v) {
  int i;
  for (i = 0; i < KSHIM_MAX_OBJECTS; i++)
    if (viommus[i] == v) return i;
  return -1;
}

int iommufd_viommu_report_event(struct iommufd_viommu* viommu, enum iommu_veventq_type type,
                                void* event_data, size_t data_len) {
  struct kshim_vevent* e;
  kshim_event_point("iommufd_viommu_report_event");
  if (!viommu || !event_data || !data_len) return -EINVAL;
  if (n_events >= KSHIM_MAX_EVENTS) {
    events_lost++;
    return -EOVERFLOW;
  }
  e = &events[n_events++];
  e->viommu = viommu_id(viommu);
  e->type = type;
  e->words = (unsigned)(data_len > sizeof(e->data) ? sizeof(e->data) : data_len) / 8;
  memcpy(e->data, event_data, e->words * 8);
  return 0;
}

int kshim_copy_struct_from_user(void* dst, size_t dst_size, const struct iommu_user_data* src,
                                unsigned int type, size_t min_len) {
  size_t i;
  if (!src || src->type != type || !src->uptr) return -EINVAL;
  if (src->len < min_len) return -EINVAL;
  for (i = dst_size; i < src->len; i++)
    if (((const unsigned char*)src->uptr)[i]) return -E2BIG;
  memset(dst, 0, dst_size);
  memcpy(dst, src->uptr, src->len < dst_size ? src->len : dst_size);
  return 0;
}

int kshim_copy_struct_to_user(const struct iommu_user_data* dst, const void* src, size_t src_size,
                              unsigned int type, size_t min_len) {
  if (!dst || dst->type != type || !dst->uptr) return -EINVAL;
  if (dst->len < min_len) return -EINVAL;
  memcpy(dst->uptr, src, dst->len < src_size ? dst->len : src_size);
  return 0;
}

void* dev_iommu_priv_get(struct device* dev) {
  (void)dev;
  return NULL;
}

struct iommu_fwspec* dev_iommu_fwspec_get(struct device* dev) {
  (void)dev;
  return NULL;
}

/* ---- What the harness calls, as user space would through the iommufd ioctls. ---- */

void kshim_core_viommu_alloc(int with_data, unsigned vmid, struct kshim_viommu_result* out) {
  struct arm_smmu_device* smmu = kshim_core_smmu();
  struct iommu_viommu_tegra241_cmdqv data = {0};
  struct iommu_user_data ud = {IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV, &data, sizeof(data)};
  struct iommufd_viommu* viommu;
  struct arm_vsmmu* vsmmu;
  size_t size;
  int id, ret;

  memset(out, 0, sizeof(*out));
  out->id = -1;
  if (!smmu || !smmu->impl_ops || !smmu->impl_ops->get_viommu_size) {
    out->ret = -EOPNOTSUPP;
    return;
  }
  for (id = 0; id < KSHIM_MAX_OBJECTS && viommus[id]; id++) {
  }
  if (id == KSHIM_MAX_OBJECTS) {
    out->ret = -ENOSPC;
    return;
  }
  size = smmu->impl_ops->get_viommu_size(IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV);
  if (!size) {
    out->ret = -EOPNOTSUPP;
    return;
  }
  viommu = kzalloc(size, GFP_KERNEL);
  if (!viommu) {
    out->ret = -ENOMEM;
    return;
  }
  viommu->obj.type = IOMMUFD_OBJ_VIOMMU;
  atomic_set(&viommu->obj.users, 1);
  viommu->iommu_dev = &smmu->iommu;
  viommu->type = IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV;
  INIT_LIST_HEAD(&viommu->veventqs);
  /* arm_vsmmu_init: the VMID is the nesting parent's (here: the VMM's choice). */
  vsmmu = container_of(viommu, struct arm_vsmmu, core);
  vsmmu->smmu = smmu;
  vsmmu->vmid = (u16)vmid;
  viommus[id] = viommu;
  ret = smmu->impl_ops->vsmmu_init(vsmmu, with_data ? &ud : NULL);
  if (ret) {
    viommus[id] = NULL;
    kfree(viommu);
    out->ret = ret;
    return;
  }
  out->id = id;
  out->mmap_offset = data.out_vintf_mmap_offset;
  out->mmap_length = data.out_vintf_mmap_length;
}

int kshim_core_viommu_destroy(int id) {
  struct iommufd_viommu* viommu;
  if (id < 0 || id >= KSHIM_MAX_OBJECTS || !viommus[id]) return -ENOENT;
  viommu = viommus[id];
  if (atomic_read(&viommu->obj.users) > 1) return -EBUSY;
  if (viommu->ops && viommu->ops->destroy) viommu->ops->destroy(viommu);
  viommus[id] = NULL;
  kfree(viommu);
  return 0;
}

int kshim_core_hw_queue_alloc(int viommu_id_, unsigned type, unsigned index,
                              unsigned long long base_pa, unsigned long long length, int* id_out) {
  struct iommufd_viommu* viommu;
  struct iommufd_hw_queue* q;
  size_t size;
  int id, ret;

  *id_out = -1;
  if (viommu_id_ < 0 || viommu_id_ >= KSHIM_MAX_OBJECTS || !viommus[viommu_id_]) return -ENOENT;
  viommu = viommus[viommu_id_];
  if (!viommu->ops || !viommu->ops->get_hw_queue_size || !viommu->ops->hw_queue_init_phys)
    return -EOPNOTSUPP;
  /* The core's own checks of the guest queue memory come first. */
  if (!length || !base_pa) return -EINVAL;
  if (base_pa + length < base_pa) return -EOVERFLOW;
  size = viommu->ops->get_hw_queue_size(viommu, (enum iommu_hw_queue_type)type);
  if (!size) return -EOPNOTSUPP;
  for (id = 0; id < KSHIM_MAX_OBJECTS && hw_queues[id]; id++) {
  }
  if (id == KSHIM_MAX_OBJECTS) return -ENOSPC;
  q = kzalloc(size, GFP_KERNEL);
  if (!q) return -ENOMEM;
  q->obj.type = IOMMUFD_OBJ_HW_QUEUE;
  atomic_set(&q->obj.users, 1);
  q->viommu = viommu;
  q->base_addr = base_pa;
  q->length = (size_t)length;
  q->type = (enum iommu_hw_queue_type)type;
  atomic_inc(&viommu->obj.users);
  ret = viommu->ops->hw_queue_init_phys(q, index, (phys_addr_t)base_pa);
  if (ret) {
    atomic_dec(&viommu->obj.users);
    kfree(q);
    return ret;
  }
  hw_queues[id] = q;
  *id_out = id;
  return 0;
}

int kshim_core_hw_queue_destroy(int id) {
  struct iommufd_hw_queue* q;
  if (id < 0 || id >= KSHIM_MAX_OBJECTS || !hw_queues[id]) return -ENOENT;
  q = hw_queues[id];
  if (atomic_read(&q->obj.users) > 1) return -EBUSY;
  if (q->destroy) q->destroy(q);
  atomic_dec(&q->viommu->obj.users);
  hw_queues[id] = NULL;
  kfree(q);
  return 0;
}

int kshim_core_mmap_target(unsigned long long offset, unsigned long long* phys,
                           unsigned long long* length) {
  int i;
  for (i = 0; i < KSHIM_MAX_MMAPS; i++) {
    if (mmaps[i].live && mmaps[i].offset == offset) {
      *phys = mmaps[i].phys;
      *length = mmaps[i].length;
      return 0;
    }
  }
  return -EINVAL;
}

int kshim_core_vevent_pop(int viommu, unsigned* type, unsigned long long* data,
                          unsigned max_words) {
  unsigned i, j, words;
  for (i = 0; i < n_events; i++) {
    if (events[i].viommu != viommu) continue;
    *type = events[i].type;
    words = events[i].words < max_words ? events[i].words : max_words;
    for (j = 0; j < words; j++) data[j] = events[i].data[j];
    for (j = i + 1; j < n_events; j++) events[j - 1] = events[j];
    n_events--;
    return (int)words;
  }
  return 0;
}

int kshim_core_iommufd_supported(void) {
  return 1;
}

#else /* !KSHIM_API_IOMMUFD */

void kshim_iommufd_reset(void) {}
void kshim_core_viommu_alloc(int with_data, unsigned vmid, struct kshim_viommu_result* out) {
  (void)with_data;
  (void)vmid;
  memset(out, 0, sizeof(*out));
  out->id = -1;
  out->ret = -EOPNOTSUPP;
}
int kshim_core_viommu_destroy(int id) {
  (void)id;
  return -EOPNOTSUPP;
}
int kshim_core_hw_queue_alloc(int viommu, unsigned type, unsigned index, unsigned long long base_pa,
                              unsigned long long length, int* id_out) {
  (void)viommu;
  (void)type;
  (void)index;
  (void)base_pa;
  (void)length;
  *id_out = -1;
  return -EOPNOTSUPP;
}
int kshim_core_hw_queue_destroy(int id) {
  (void)id;
  return -EOPNOTSUPP;
}
int kshim_core_mmap_target(unsigned long long offset, unsigned long long* phys,
                           unsigned long long* length) {
  (void)offset;
  (void)phys;
  (void)length;
  return -EOPNOTSUPP;
}
int kshim_core_vevent_pop(int viommu, unsigned* type, unsigned long long* data,
                          unsigned max_words) {
  (void)viommu;
  (void)type;
  (void)data;
  (void)max_words;
  return 0;
}
int kshim_core_iommufd_supported(void) {
  return 0;
}

#endif /* KSHIM_API_IOMMUFD */
