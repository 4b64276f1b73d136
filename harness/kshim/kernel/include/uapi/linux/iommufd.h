/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <uapi/linux/iommufd.h>: only the Tegra241 CMDQV part of the iommufd uAPI
 * (type numbers and the layouts user space exchanges with the driver, cmdqv.md section 10). */
#ifndef KSHIM_UAPI_LINUX_IOMMUFD_H
#define KSHIM_UAPI_LINUX_IOMMUFD_H
#include <linux/types.h>

enum iommu_hw_info_type {
  IOMMU_HW_INFO_TYPE_NONE = 0,
  IOMMU_HW_INFO_TYPE_DEFAULT = 0,
  IOMMU_HW_INFO_TYPE_INTEL_VTD = 1,
  IOMMU_HW_INFO_TYPE_ARM_SMMUV3 = 2,
  IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV = 3,
};

enum iommu_viommu_type {
  IOMMU_VIOMMU_TYPE_DEFAULT = 0,
  IOMMU_VIOMMU_TYPE_ARM_SMMUV3 = 1,
  IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV = 2,
};

enum iommu_hw_queue_type {
  IOMMU_HW_QUEUE_TYPE_DEFAULT = 0,
  IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV = 1,
};

enum iommu_veventq_type {
  IOMMU_VEVENTQ_TYPE_DEFAULT = 0,
  IOMMU_VEVENTQ_TYPE_ARM_SMMUV3 = 1,
  IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV = 2,
};

/* hw_info: PARAM's version, log2 of the LVCMDQs per VINTF and of the SID pairs. */
struct iommu_hw_info_tegra241_cmdqv {
  __u32 flags;
  __u8 version;
  __u8 log2vcmdqs;
  __u8 log2vsids;
  __u8 __reserved;
};

/* vIOMMU allocation data: where user space mmap()s the VINTF's page0. */
struct iommu_viommu_tegra241_cmdqv {
  __aligned_u64 out_vintf_mmap_offset;
  __aligned_u64 out_vintf_mmap_length;
};

/* vEVENT of a user VINTF error: its two LVCMDQ error map words, little-endian. */
struct iommu_vevent_tegra241_cmdqv {
  __aligned_le64 lvcmdq_err_map[2];
};

#endif
