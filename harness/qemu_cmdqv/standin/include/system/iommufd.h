/* SPDX-License-Identifier: MIT */
/*
 * QEMU's iommufd backend API as the Tegra241 CMDQV file calls it. The stand-in serves these
 * calls from an emulated host (standin/src/qemu_iommufd.c and the harness's host bridge):
 * vIOMMU allocation, HW queues, vEVENTQ and the mmap of the VINTF page0.
 */
#ifndef CTS_SYSTEM_IOMMUFD_H
#define CTS_SYSTEM_IOMMUFD_H
#include "qemu/osdep.h"

typedef struct IOMMUFDBackend {
  Object parent;
  int fd;
  void *cts_host; /* the emulated host (standin/src/host_bridge.h) */
} IOMMUFDBackend;
typedef struct IOMMUFDViommu {
  IOMMUFDBackend *iommufd;
  uint32_t s2_hwpt_id;
  uint32_t viommu_id;
} IOMMUFDViommu;
typedef struct IOMMUFDVdev {
  IOMMUFDViommu *viommu;
  uint32_t vdevice_id;
  uint32_t virt_id;
} IOMMUFDVdev;
typedef struct IOMMUFDVeventq {
  IOMMUFDViommu *viommu;
  uint32_t veventq_id;
  uint32_t veventq_fd;
} IOMMUFDVeventq;
typedef struct IOMMUFDHWqueue {
  IOMMUFDViommu *viommu;
  uint32_t hw_queue_id;
} IOMMUFDHWqueue;
typedef struct HostIOMMUDevice {
  Object parent_obj;
} HostIOMMUDevice;
typedef struct HostIOMMUDeviceIOMMUFD {
  HostIOMMUDevice parent_obj;
  IOMMUFDBackend *iommufd;
  uint32_t devid;
  uint32_t hwpt_id;
} HostIOMMUDeviceIOMMUFD;

void iommufd_backend_free_id(IOMMUFDBackend *be, uint32_t id);
bool iommufd_backend_get_device_info(IOMMUFDBackend *be, uint32_t devid, uint32_t *type,
                                     void *data, uint32_t len, uint64_t *caps,
                                     uint8_t *max_pasid_log2, Error **errp);
bool iommufd_backend_alloc_viommu(IOMMUFDBackend *be, uint32_t dev_id, uint32_t viommu_type,
                                  uint32_t hwpt_id, void *data_ptr, uint32_t data_len,
                                  uint32_t *out_viommu_id, Error **errp);
bool iommufd_backend_viommu_mmap(IOMMUFDBackend *be, uint32_t viommu_id, uint64_t size,
                                 uint64_t offset, void **out_ptr, Error **errp);
bool iommufd_backend_alloc_veventq(IOMMUFDBackend *be, uint32_t viommu_id, uint32_t type,
                                   uint32_t depth, uint32_t *out_veventq_id,
                                   uint32_t *out_veventq_fd, Error **errp);
bool iommufd_backend_alloc_hw_queue(IOMMUFDBackend *be, uint32_t viommu_id, uint32_t queue_type,
                                    uint32_t index, uint64_t addr, uint64_t length,
                                    uint32_t *out_hw_queue_id, Error **errp);
#endif
