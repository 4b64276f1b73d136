// SPDX-License-Identifier: MIT
#include "user_path.h"

#include <algorithm>
#include <cstdio>

namespace cts::kshim {
namespace {

// CMDQV layout (cmdqv.md section 2) and the iommufd uAPI numbers (cmdqv.md section 10).
constexpr std::uint64_t kVintfBase = 0x1000, kVintfStride = 0x100;
constexpr std::uint64_t kGlobalPage0 = 0x10000, kGlobalPage1 = 0x20000, kSlot = 0x80;
constexpr std::uint64_t kVintfPages = 0x30000, kVintfPagesStride = 0x20000;
constexpr std::uint64_t kCmdqAlloc = 0x200;
constexpr std::uint32_t kHypOwn = 1u << 17, kVmidShift = 1, kVmidMask = 0xffffu << 1;
constexpr unsigned kHwQueueTypeCmdqv = 1, kVeventTypeCmdqv = 2;
constexpr std::uint64_t kQueueBase = 0x80000000ull;  // guest queue memory, 4 KiB per queue
constexpr unsigned kQueueBytes = 256;                // 16 entries of 16 bytes
constexpr unsigned kLog2Entries = 4;
constexpr int kEINVAL = -22, kEEXIST = -17, kEIO = -5, kEOPNOTSUPP = -95, kEBUSY = -16,
              kENOSPC = -28;

std::string hex(std::uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

std::string err(int r) {
  switch (r) {
    case 0:
      return "0";
    case kEINVAL:
      return "-EINVAL";
    case kEEXIST:
      return "-EEXIST";
    case kEIO:
      return "-EIO";
    case kEOPNOTSUPP:
      return "-EOPNOTSUPP";
    case kEBUSY:
      return "-EBUSY";
    case kENOSPC:
      return "-ENOSPC";
    default:
      return std::to_string(r);
  }
}

}  // namespace

void run_user_path(const KshimModule& module, DeviceBridge& bridge, const UserPathPlan& plan,
                   LifecycleOutcome& out) {
  const kshim_module& m = module.api();
  auto violate = [&](const std::string& kind, const std::string& text) {
    out.violations.push_back({kind, text});
  };
  auto step = [&](const std::string& s) { out.user_steps.push_back(s); };
  auto expect = [&](const std::string& clause, const std::string& what, int got, int want) {
    step(what + ": " + err(got) + (got == want ? "" : " (expected " + err(want) + ")"));
    if (got != want) violate(clause, what + " returned " + err(got) + ", expected " + err(want));
    return got == want;
  };
  auto rd = [&](std::uint64_t off) {
    std::uint64_t v = 0;
    bridge.user_read(KSHIM_REGION_CMDQV, off, 4, v);
    return static_cast<std::uint32_t>(v);
  };

  // UAPI-1: a vIOMMU without driver data is refused.
  kshim_viommu_result r{};
  m.viommu_alloc(0, plan.vmid, &r);
  expect("UAPI-1", "vIOMMU alloc without driver data", r.ret, kEINVAL);
  if (r.ret == 0) m.viommu_destroy(r.id);

  m.viommu_alloc(1, plan.vmid, &r);
  if (plan.vintfs < 2) {
    // VINTF0 is the host's: with no other VINTF the allocation must be refused (the IDA's
    // -ENOSPC).
    expect("UAPI-1", "vIOMMU alloc with no VINTF free", r.ret, kENOSPC);
    if (r.ret == 0) m.viommu_destroy(r.id);
    return;
  }
  if (!expect("UAPI-1", "vIOMMU alloc (VMID " + std::to_string(plan.vmid) + ")", r.ret, 0)) return;
  const int viommu = r.id;
  // The mmap offset user space gets, and what it maps: a VINTF's page0, not VINTF0's.
  unsigned long long phys = 0, length = 0;
  const int mret = m.mmap_target(r.mmap_offset, &phys, &length);
  const bool in_pages = phys >= plan.cmdqv_phys + kVintfPages;
  const std::uint64_t page = in_pages ? phys - plan.cmdqv_phys - kVintfPages : 0;
  const unsigned vintf = static_cast<unsigned>(page / kVintfPagesStride);
  step("VINTF page0 mmap: offset " + hex(r.mmap_offset) + ", length " + hex(r.mmap_length) +
       " -> phys " + hex(phys) + " (VINTF" + std::to_string(vintf) + " page0)");
  if (r.mmap_offset == 0 || r.mmap_length != 0x10000 || mret != 0 || length != r.mmap_length ||
      !in_pages || page % kVintfPagesStride != 0 || vintf == 0 || vintf >= plan.vintfs) {
    violate("UAPI-1", "mmap offset " + hex(r.mmap_offset) + " length " + hex(r.mmap_length) +
                          " maps " + hex(phys) + " (" + hex(length) +
                          "): not the 64 KiB page0 of a VINTF other than VINTF0");
    m.viommu_destroy(viommu);
    return;
  }
  const std::uint64_t vreg = kVintfBase + kVintfStride * vintf;
  const std::uint32_t config = rd(vreg), status = rd(vreg + 4);
  step("VINTF" + std::to_string(vintf) + " CONFIG " + hex(config) + " STATUS " + hex(status));
  if (!(config & 1) || (config & kHypOwn) || ((config & kVmidMask) >> kVmidShift) != plan.vmid ||
      !(status & 1)) {
    violate("UAPI-1", "the user VINTF" + std::to_string(vintf) + " has CONFIG " + hex(config) +
                          " STATUS " + hex(status) + ": expected enabled, HYP_OWN = 0, VMID " +
                          std::to_string(plan.vmid));
  }

  // UAPI-2: the checks of a HW queue allocation, each on its own.
  const unsigned n = std::min(plan.max_queues, plan.lvcmdqs);
  const std::uint64_t max_len = 1ull << (plan.cmdqs + 4);
  int hq = -1;
  auto alloc = [&](unsigned type, unsigned index, std::uint64_t base, std::uint64_t len) {
    return m.hw_queue_alloc(viommu, type, index, base, len, &hq);
  };
  auto drop = [&](int got) {
    if (got == 0) m.hw_queue_destroy(hq);
  };
  int g;
  drop(g = alloc(0, 0, kQueueBase, kQueueBytes));
  expect("UAPI-2", "HW queue of another type", g, kEOPNOTSUPP);
  drop(g = alloc(kHwQueueTypeCmdqv, plan.lvcmdqs, kQueueBase, kQueueBytes));
  expect("UAPI-2", "HW queue at index " + std::to_string(plan.lvcmdqs) + " (past the VINTF)", g,
         kEINVAL);
  if (n >= 2) {
    drop(g = alloc(kHwQueueTypeCmdqv, 1, kQueueBase, kQueueBytes));
    expect("ALLOC-2", "HW queue at index 1 before index 0", g, kEIO);
  }
  drop(g = alloc(kHwQueueTypeCmdqv, 0, kQueueBase, 16));
  expect("UAPI-2", "HW queue of 16 bytes", g, kEINVAL);
  drop(g = alloc(kHwQueueTypeCmdqv, 0, kQueueBase, 96));
  expect("UAPI-2", "HW queue of 96 bytes (not a power of 2)", g, kEINVAL);
  drop(g = alloc(kHwQueueTypeCmdqv, 0, kQueueBase, max_len * 2));
  expect("UAPI-2", "HW queue of " + hex(max_len * 2) + " bytes (past 2^(CMDQS+4))", g, kEINVAL);
  drop(g = alloc(kHwQueueTypeCmdqv, 0, kQueueBase + kQueueBytes / 2, kQueueBytes));
  expect("UAPI-2", "HW queue base not aligned to its length", g, kEINVAL);
  drop(g = alloc(kHwQueueTypeCmdqv, 0, 1ull << 48, kQueueBytes));
  expect("UAPI-2", "HW queue base above bit 47", g, kEINVAL);

  // Indexes 0..n-1 in ascending order: each writes only its BASE and stays disabled.
  std::vector<int> queues;
  for (unsigned l = 0; l < n; ++l) {
    const std::uint64_t base = kQueueBase + 0x1000ull * l;
    const int got = alloc(kHwQueueTypeCmdqv, l, base, kQueueBytes);
    if (!expect("UAPI-2", "HW queue " + std::to_string(l) + " at " + hex(base), got, 0)) break;
    queues.push_back(hq);
    const unsigned q = vintf * plan.lvcmdqs + l;
    std::uint64_t b = 0;
    bridge.user_read(KSHIM_REGION_CMDQV, kGlobalPage1 + kSlot * q, 8, b);
    const std::uint32_t en = rd(kGlobalPage0 + kSlot * q + 8), al = rd(kCmdqAlloc + 4 * q);
    if (b != (base | kLog2Entries) || (en & 1) || !(al & 1) || ((al >> 15) & 0x3f) != vintf ||
        ((al >> 1) & 0x7f) != l) {
      violate("UAPI-2", "HW queue " + std::to_string(l) + ": VCMDQ " + std::to_string(q) +
                            " BASE " + hex(b) + " CONFIG " + hex(en) + " CMDQ_ALLOC " + hex(al) +
                            ": expected BASE " + hex(base | kLog2Entries) +
                            ", not enabled, mapped to VINTF" + std::to_string(vintf) + " LVCMDQ " +
                            std::to_string(l));
    }
  }
  if (!queues.empty()) {
    drop(g = alloc(kHwQueueTypeCmdqv, 0, kQueueBase + 0x8000, kQueueBytes));
    expect("UAPI-2", "HW queue at index 0 again", g, kEEXIST);
  }
  // Destruction must be descending: the lower queue and the vIOMMU are refused while in use.
  if (queues.size() >= 2) {
    expect("ALLOC-2", "destroy HW queue 0 while 1 exists", m.hw_queue_destroy(queues[0]), kEBUSY);
  }
  if (!queues.empty())
    expect("UAPI-1", "destroy the vIOMMU while it has HW queues", m.viommu_destroy(viommu), kEBUSY);

  // A VCMDQ error on the last queue, raised by user space through the mapped page0, reaches
  // the VMM as a vEVENT carrying the VINTF's LVCMDQ error map.
  if (!queues.empty()) {
    const unsigned l = static_cast<unsigned>(queues.size()) - 1;
    const std::uint64_t p0 = kVintfPages + kVintfPagesStride * vintf + kSlot * l;
    const std::uint64_t illegal[2] = {0xff, 0};
    bridge.user_memory(kQueueBase + 0x1000ull * l, illegal, sizeof illegal);
    bridge.user_write(KSHIM_REGION_CMDQV, p0 + 8, 4, 1);  // CONFIG.EN
    bridge.user_write(KSHIM_REGION_CMDQV, p0 + 4, 4, 1);  // PROD
    unsigned type = 0;
    unsigned long long data[4] = {0, 0, 0, 0};
    const int words = m.vevent_pop(viommu, &type, data, 4);
    step("VCMDQ error on HW queue " + std::to_string(l) + ": vEVENT " +
         (words ? "type " + std::to_string(type) + " lvcmdq_err_map " + hex(data[0]) + ":" +
                      hex(data[1])
                : std::string("none")));
    if (words != 2 || type != kVeventTypeCmdqv || !((data[l / 64] >> (l % 64)) & 1)) {
      violate("vevent", "an error on LVCMDQ " + std::to_string(l) + " of VINTF" +
                            std::to_string(vintf) +
                            " did not reach the VMM as a vEVENT of type 2 with its bit set");
    }
    // User space acks and disables its queue, as a guest driver would.
    const std::uint32_t gerror = rd(p0 + 0x10);
    bridge.user_write(KSHIM_REGION_CMDQV, p0 + 0x14, 4, gerror);
    bridge.user_write(KSHIM_REGION_CMDQV, p0 + 8, 4, 0);
  }
  for (std::size_t i = queues.size(); i-- > 0;) {
    expect("ALLOC-2", "destroy HW queue " + std::to_string(i), m.hw_queue_destroy(queues[i]), 0);
  }
  expect("UAPI-1", "destroy the vIOMMU", m.viommu_destroy(viommu), 0);
  const std::uint32_t after = rd(vreg);
  if (after & 1)
    violate("UAPI-1", "VINTF" + std::to_string(vintf) + " still enabled after destroy");
  if (m.mmap_target(r.mmap_offset, &phys, &length) == 0)
    violate("UAPI-1", "the VINTF page0 mmap offset outlives its vIOMMU");
}

}  // namespace cts::kshim
