// SPDX-License-Identifier: MIT
// GuestDriverPath (guest_driver_path.h): tegra241_cmdqv_init_vintf_user,
// tegra241_vintf_alloc_lvcmdq_user and their destroy paths.
#include "cmdqv_cts/driver/guest_driver_path.h"

#include <bit>

#include "cmdqv_cts/driver/driver_regs.h"

namespace cts::driver {

int GuestDriverPath::viommu_alloc(bool has_user_data, std::uint32_t vmid, Viommu& out) {
  if (host_.phase() != DriverModel::Phase::Running) return err::kENODEV;
  if (!has_user_data) return err::kEINVAL;
  const std::int32_t id = host_.ida_alloc_vintf();
  if (id < 0) return err::kENOSPC;  // "no more available vintf"
  const auto v = static_cast<std::uint32_t>(id);
  host_.publish_user_vintf(v, vmid);
  if (const int e = host_.vintf_hw_init(v, false); e != 0) {
    host_.unpublish_user_vintf(v);
    host_.ida_free_vintf(v);
    return e;
  }
  queues_[v].assign(host_.num_lvcmdqs_per_vintf(), -1);
  out.vintf = v;
  out.mmap_offset = regs::lvcmdq_page0(v, 0);
  out.mmap_length = regs::kVintfPageSize;
  out.hyp_own = host_.vintf(v)->hyp_own;
  return 0;
}

int GuestDriverPath::viommu_destroy(std::uint32_t vintf) {
  const auto it = queues_.find(vintf);
  if (it == queues_.end()) return err::kEINVAL;
  for (std::int32_t q : it->second) {
    if (q >= 0) return err::kEBUSY;
  }
  host_.vintf_hw_deinit(vintf);
  host_.unpublish_user_vintf(vintf);
  host_.ida_free_vintf(vintf);
  queues_.erase(it);
  return 0;
}

int GuestDriverPath::hw_queue_alloc(std::uint32_t vintf, std::uint32_t type, std::uint32_t index,
                                    std::uint64_t base_pa, std::uint64_t length) {
  const auto it = queues_.find(vintf);
  if (it == queues_.end()) return err::kEINVAL;
  std::vector<std::int32_t>& q = it->second;
  if (type != kHwQueueType) return err::kEOPNOTSUPP;
  if (index >= host_.num_lvcmdqs_per_vintf()) return err::kEINVAL;
  if (q[index] >= 0) return err::kEEXIST;
  if (index > 0 && q[index - 1] < 0) return err::kEIO;
  const std::uint64_t max_bytes = 1ull << (host_.cmdqs_log2() + 4);
  if (!std::has_single_bit(length) || length < 32 || length > max_bytes) return err::kEINVAL;
  if ((base_pa & ~regs::kBaseAddrMask) != 0 || (base_pa & (length - 1)) != 0) return err::kEINVAL;
  const unsigned log2size = static_cast<unsigned>(std::countr_zero(length)) - 4;
  const std::int32_t obj = host_.new_lvcmdq(vintf, index);
  host_.init_user_lvcmdq(obj, base_pa, log2size);
  q[index] = obj;
  return 0;
}

int GuestDriverPath::hw_queue_destroy(std::uint32_t vintf, std::uint32_t index) {
  const auto it = queues_.find(vintf);
  if (it == queues_.end() || index >= it->second.size() || it->second[index] < 0)
    return err::kEINVAL;
  std::vector<std::int32_t>& q = it->second;
  if (index + 1 < q.size() && q[index + 1] >= 0) return err::kEBUSY;
  host_.vcmdq_hw_deinit(q[index]);
  host_.unmap_lvcmdq(q[index]);
  host_.free_lvcmdq(q[index]);
  q[index] = -1;
  return 0;
}

}  // namespace cts::driver
