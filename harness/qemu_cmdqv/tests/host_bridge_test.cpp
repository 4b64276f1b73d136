// SPDX-License-Identifier: MIT
// The emulated host behind QEMU's file (src/host_bridge.cpp) on the reference model: the
// kernel's HW queue checks in the kernel's order (UAPI-2), descending frees, fault injection,
// and the page0 window onto the user VINTF.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>

#include "cmdqv_cts/qemu_cmdqv_host.h"

namespace {

int no_dma(void*, std::uint64_t, void*, std::uint32_t) { return 1; }
int no_dma_write(void*, std::uint64_t, const void*, std::uint32_t) { return 1; }
void no_irq(void*, std::uint32_t, int) {}
void no_log(void*, const char*) {}
const cts_host kGuest{nullptr, no_dma, no_dma_write, no_irq, no_log};

constexpr std::uint32_t kType = 1;  // IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV
constexpr std::uint64_t kBase = 0x40100000;

class HostBridge : public ::testing::Test {
 protected:
  void open(const char* fail = "") {
    char err[256] = {0};
    h_ = ops_->open("model", fail, &kGuest, err, sizeof err);
    ASSERT_NE(h_, nullptr) << err;
    ASSERT_EQ(ops_->alloc_viommu(h_, &viommu_, &mmap_offset_), 0);
  }
  void TearDown() override {
    if (h_) ops_->close(h_);
  }
  const cts_qcmdqv_host_ops* ops_ = cts_qemu_cmdqv_host();
  void* h_ = nullptr;
  std::uint32_t viommu_ = 0;
  std::uint64_t mmap_offset_ = 0;
};

TEST_F(HostBridge, HwInfoDescribesTheModelsGeometry) {
  open();
  std::uint32_t version = 0;
  std::uint8_t log2vcmdqs = 0, log2vsids = 0;
  ASSERT_EQ(ops_->hw_info(h_, &version, &log2vcmdqs, &log2vsids), 0);
  EXPECT_EQ(version, 1u);
  EXPECT_EQ(log2vcmdqs, 1u);  // default model: 8 VCMDQs over 4 VINTFs
  EXPECT_EQ(ops_->page0_slots(h_), 2u);
  EXPECT_EQ(mmap_offset_, 0x50000u);  // VINTF1 page0: VINTF0 is the host's
}

TEST_F(HostBridge, HwQueueChecksRunInTheKernelsOrder) {
  open();
  std::uint32_t id = 0;
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, 7, 0, kBase, 128, &id), -EOPNOTSUPP);
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 2, kBase, 128, &id), -EINVAL);  // index
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 1, kBase, 128, &id), -EIO);     // index 0 missing
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 16, &id), -EINVAL);   // < 32 bytes
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 96, &id), -EINVAL);   // not a power of 2
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase + 0x20, 128, &id), -EINVAL);  // alignment
  ASSERT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 128, &id), 0);
  std::uint32_t again = 0;
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 128, &again), -EEXIST);
  // The host wrote BASE only; the guest enables the queue through page0.
  std::uint64_t config = 1;
  ASSERT_EQ(ops_->page0_read(h_, 0x08, 4, &config), 0);
  EXPECT_EQ(config, 0u);
  ASSERT_EQ(ops_->page0_write(h_, 0x08, 4, 1), 0);
  std::uint64_t status = 0;
  ASSERT_EQ(ops_->page0_read(h_, 0x0C, 4, &status), 0);
  EXPECT_EQ(status & 1, 1u);
}

TEST_F(HostBridge, QueuesAreFreedInDescendingOrderOnly) {
  open();
  std::uint32_t q0 = 0, q1 = 0;
  ASSERT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 128, &q0), 0);
  ASSERT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 1, kBase + 0x1000, 128, &q1), 0);
  EXPECT_EQ(ops_->free_id(h_, q0), -EBUSY);
  EXPECT_EQ(ops_->free_id(h_, viommu_), -EBUSY);
  EXPECT_EQ(ops_->free_id(h_, q1), 0);
  EXPECT_EQ(ops_->free_id(h_, q0), 0);
  EXPECT_EQ(ops_->free_id(h_, viommu_), 0);
  EXPECT_EQ(ops_->free_id(h_, viommu_), -ENOENT);
}

TEST_F(HostBridge, InjectedFailuresHitTheNthAllocation) {
  open("2");
  std::uint32_t id = 0;
  ASSERT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 128, &id), 0);
  ASSERT_EQ(ops_->free_id(h_, id), 0);
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 128, &id), -ENOMEM);
  EXPECT_EQ(ops_->alloc_hw_queue(h_, viommu_, kType, 0, kBase, 128, &id), 0);
}

TEST_F(HostBridge, AnUnknownHostDeviceIsRefusedWithItsReason) {
  char err[256] = {0};
  EXPECT_EQ(ops_->open("nope", "", &kGuest, err, sizeof err), nullptr);
  EXPECT_NE(std::strstr(err, "unknown backend 'nope'"), nullptr) << err;
}

}  // namespace
