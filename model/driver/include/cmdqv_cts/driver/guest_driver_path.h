// SPDX-License-Identifier: MIT
// The host kernel's side of a VM's accelerated vIOMMU through iommufd (cmdqv.md section 10):
// a user VINTF enabled with HYP_OWN = 0, and HW queue allocation with its checks, in the
// kernel's order, each with the kernel's error code. Built on the host DriverModel's internals.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "cmdqv_cts/driver/driver_model.h"

namespace cts::driver {

// Negative errno values as the ioctls return them.
namespace err {
inline constexpr int kEIO = -5, kEBUSY = -16, kEEXIST = -17, kENODEV = -19, kEINVAL = -22,
                     kENOSPC = -28, kEOPNOTSUPP = -95;
}

class GuestDriverPath {
 public:
  static constexpr std::uint32_t kHwQueueType = 1;  // IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV
  struct Viommu {
    std::uint32_t vintf = 0;
    std::uint64_t mmap_offset = 0;  // the VINTF's page0, from the CMDQV base
    std::uint64_t mmap_length = 0;
    bool hyp_own = true;  // as the host read it back: must be 0
  };

  explicit GuestDriverPath(DriverModel& host) : host_(host) {}

  // IOMMU_VIOMMU_ALLOC: -EINVAL without user data, -ENOSPC when no VINTF id is free, -ENODEV
  // before the host driver is up.
  int viommu_alloc(bool has_user_data, std::uint32_t vmid, Viommu& out);
  // -EBUSY while HW queues hold it.
  int viommu_destroy(std::uint32_t vintf);
  // IOMMU_HW_QUEUE_ALLOC, checks in the kernel's order (-EOPNOTSUPP, -EINVAL, -EEXIST, -EIO,
  // -EINVAL length, -EINVAL base). The host writes BASE only; the guest enables the queue.
  int hw_queue_alloc(std::uint32_t vintf, std::uint32_t type, std::uint32_t index,
                     std::uint64_t base_pa, std::uint64_t length);
  // -EBUSY while queue index+1 depends on it (iommufd forces descending destroy).
  int hw_queue_destroy(std::uint32_t vintf, std::uint32_t index);

 private:
  DriverModel& host_;
  std::map<std::uint32_t, std::vector<std::int32_t>>
      queues_;  // vintf -> LvcmdqObj per index, -1 = none
};

}  // namespace cts::driver
