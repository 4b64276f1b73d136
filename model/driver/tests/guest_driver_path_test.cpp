// SPDX-License-Identifier: MIT
// The iommufd path on the host model: the user VINTF reads HYP_OWN = 0, the HW queue checks run
// in the kernel's order with the kernel's error codes, the host writes BASE only, and queues are
// destroyed in descending order.
#include "cmdqv_cts/driver/guest_driver_path.h"

#include <gtest/gtest.h>

#include "cmdqv_cts/driver/driver_regs.h"
#include "model_bus.h"

namespace cts::driver::test {
namespace {

constexpr std::uint64_t kBase = 0x40800000;

struct Host {
  Host() : d(*find_driver_variant("fixed"), bus), path(d) {
    EXPECT_TRUE(d.probe() && d.init_structures() && d.device_reset());
  }
  ModelBus bus{spec::View::Host, "cmdqs=8"};
  DriverModel d;
  GuestDriverPath path;
};

TEST(GuestDriverPath, ViommuGetsAUserVintfWithHypOwnZero) {
  CTS_CLAUSE("UAPI-1");
  Host h;
  GuestDriverPath::Viommu v;
  EXPECT_EQ(h.path.viommu_alloc(false, 5, v), err::kEINVAL) << "user data is required";
  ASSERT_EQ(h.path.viommu_alloc(true, 5, v), 0);
  EXPECT_EQ(v.vintf, 1u) << "VINTF0 is the host's";
  EXPECT_FALSE(v.hyp_own);
  EXPECT_EQ(v.mmap_offset, 0x50000u);
  EXPECT_EQ(v.mmap_length, 0x10000u);
  std::uint64_t config = 0;
  ASSERT_TRUE(h.bus.read(Region::Cmdqv, regs::vintf_config(1), 4, config));
  EXPECT_EQ(config, (5ull << regs::kVintfVmidShift) | regs::kEn);
  GuestDriverPath::Viommu more;
  EXPECT_EQ(h.path.viommu_alloc(true, 6, more), 0);
  EXPECT_EQ(h.path.viommu_alloc(true, 7, more), 0);
  EXPECT_EQ(h.path.viommu_alloc(true, 8, more), err::kENOSPC) << "4 VINTFs: 3 for users";
}

struct AllocCase {
  const char* name;
  std::uint32_t type, index;
  std::uint64_t base, length;
  int expect;
};

TEST(GuestDriverPath, HwQueueChecksInTheKernelsOrder) {
  CTS_CLAUSE("UAPI-2");
  Host h;
  GuestDriverPath::Viommu v;
  ASSERT_EQ(h.path.viommu_alloc(true, 1, v), 0);
  const std::uint64_t max = 1ull << (8 + 4);  // IDR1.CMDQS = 8
  const AllocCase cases[] = {
      {"wrong type beats every other check", 2, 9, 3, 7, err::kEOPNOTSUPP},
      {"index past the VINTF's LVCMDQs", 1, 2, kBase, 64, err::kEINVAL},
      {"index 1 before index 0", 1, 1, kBase, 64, err::kEIO},
      {"length not a power of two", 1, 0, kBase, 48, err::kEINVAL},
      {"length below 32", 1, 0, kBase, 16, err::kEINVAL},
      {"length above 2^(CMDQS+4)", 1, 0, kBase, 2 * max, err::kEINVAL},
      {"base beyond bit 47", 1, 0, 1ull << 48, 64, err::kEINVAL},
      {"base not aligned to the length", 1, 0, kBase + 32, 64, err::kEINVAL},
      {"index 0", 1, 0, kBase, 64, 0},
      {"index 0 again", 1, 0, kBase, 64, err::kEEXIST},
      {"index 1 after index 0", 1, 1, kBase + max, max, 0},
  };
  for (const AllocCase& c : cases) {
    EXPECT_EQ(h.path.hw_queue_alloc(v.vintf, c.type, c.index, c.base, c.length), c.expect)
        << c.name;
  }
}

TEST(GuestDriverPath, HostWritesBaseOnlyAndUserSpaceEnables) {
  Host h;
  GuestDriverPath::Viommu v;
  ASSERT_EQ(h.path.viommu_alloc(true, 1, v), 0);
  h.bus.log.clear();
  ASSERT_EQ(h.path.hw_queue_alloc(v.vintf, 1, 0, kBase, 256), 0);
  const std::uint64_t p0 = regs::lvcmdq_page0(1, 0), p1 = regs::lvcmdq_page1(1, 0);
  const Access& last = h.bus.log.back();
  EXPECT_TRUE(last.write);
  EXPECT_EQ(last.offset, p1 + regs::kQBase);
  EXPECT_EQ(last.value, kBase | 4) << "ADDR | ilog2(256) - 4";
  for (const Access& a : h.bus.log) {
    if (a.write && a.offset == p0 + regs::kQConfig) {
      EXPECT_EQ(a.value, 0u) << "the host never enables a user queue";
    }
  }
  std::uint64_t alloc = 0;
  ASSERT_TRUE(h.bus.read(Region::Cmdqv, regs::cmdq_alloc(2), 4, alloc));
  EXPECT_EQ(alloc, regs::alloc_map(1, 0) | regs::kAllocAllocated);
}

TEST(GuestDriverPath, QueuesAreDestroyedDescending) {
  CTS_CLAUSE("ALLOC-2");
  Host h;
  GuestDriverPath::Viommu v;
  ASSERT_EQ(h.path.viommu_alloc(true, 1, v), 0);
  ASSERT_EQ(h.path.hw_queue_alloc(v.vintf, 1, 0, kBase, 64), 0);
  ASSERT_EQ(h.path.hw_queue_alloc(v.vintf, 1, 1, kBase + 0x1000, 64), 0);
  EXPECT_EQ(h.path.viommu_destroy(v.vintf), err::kEBUSY);
  EXPECT_EQ(h.path.hw_queue_destroy(v.vintf, 0), err::kEBUSY) << "index 1 depends on index 0";
  EXPECT_EQ(h.path.hw_queue_destroy(v.vintf, 1), 0);
  EXPECT_EQ(h.path.hw_queue_destroy(v.vintf, 0), 0);
  EXPECT_EQ(h.path.viommu_destroy(v.vintf), 0);
  GuestDriverPath::Viommu again;
  ASSERT_EQ(h.path.viommu_alloc(true, 2, again), 0);
  EXPECT_EQ(again.vintf, 1u) << "the VINTF id went back to the IDA";
}

}  // namespace
}  // namespace cts::driver::test
