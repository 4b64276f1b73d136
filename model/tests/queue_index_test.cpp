// SPDX-License-Identifier: MIT
// Queue index arithmetic on the concrete domain, exhaustively for
// small queues and at the edges for every log2size up to 19.
#include <gtest/gtest.h>

#include "cmdqv_cts/model/queue_index.h"
#include "test_support.h"

namespace cts::model::test {
namespace {
using D = Concrete;

TEST(QueueIndex, Q1_IndexAndWrapSplitThePointer) {
  CTS_CLAUSE("Q-1");
  EXPECT_EQ(queue::index<D>(0b10110, 4), 0b0110u);
  EXPECT_EQ(queue::wrap<D>(0b10110, 4), 0b10000u);
  EXPECT_EQ(queue::index<D>(0x1, 0), 0u);  // log2size 0: one entry, bit 0 is the wrap bit
  EXPECT_EQ(queue::wrap<D>(0x1, 0), 1u);
  EXPECT_EQ(queue::index<D>(0xFFFFF, 19), 0x7FFFFu);
  EXPECT_EQ(queue::wrap<D>(0xFFFFF, 19), 0x80000u);
}

// Every (prod, cons) pair for log2size 0..5: the rules hold together.
TEST(QueueIndex, Q2_Q3_EmptyFullSpaceAreConsistentForSmallQueues) {
  CTS_CLAUSE("Q-2");
  CTS_CLAUSE("Q-3");
  for (std::uint64_t log2 = 0; log2 <= 5; ++log2) {
    const std::uint64_t n = 1ull << log2;
    for (std::uint64_t prod = 0; prod < 2 * n; ++prod) {
      for (std::uint64_t cons = 0; cons < 2 * n; ++cons) {
        SCOPED_TRACE(testing::Message() << "log2=" << log2 << " prod=" << prod << " cons=" << cons);
        const bool empty = queue::empty<D>(prod, cons, log2);
        const bool full = queue::full<D>(prod, cons, log2);
        EXPECT_FALSE(empty && full);
        EXPECT_EQ(queue::space<D>(prod, cons, log2) + queue::used<D>(prod, cons, log2), n);
        EXPECT_EQ(empty, queue::used<D>(prod, cons, log2) == 0);
        EXPECT_EQ(full, queue::space<D>(prod, cons, log2) == 0);
        // Advancing prod by `space` fills the queue and never laps cons.
        const std::uint64_t filled = queue::advance<D>(prod, queue::space<D>(prod, cons, log2), log2);
        EXPECT_TRUE(queue::full<D>(filled, cons, log2));
      }
    }
  }
}

TEST(QueueIndex, Q3_WrapBitTogglesExactlyWhenTheIndexWraps) {
  CTS_CLAUSE("Q-3");
  for (std::uint64_t log2 = 0; log2 <= 19; ++log2) {
    const std::uint64_t n = 1ull << log2;
    const std::uint64_t last = n - 1;  // index n-1, wrap 0
    const std::uint64_t next = queue::advance<D>(last, 1, log2);
    EXPECT_EQ(queue::index<D>(next, log2), 0u) << log2;
    EXPECT_EQ(queue::wrap<D>(next, log2), n) << log2;
    // And back round: wrap 1, index n-1 -> wrap 0, index 0.
    EXPECT_EQ(queue::advance<D>(n | last, 1, log2), 0u) << log2;
    // Bits above the wrap bit are kept (PROD may store them, Q-6).
    EXPECT_EQ(queue::advance<D>((1ull << 31) | last, 1, log2), (1ull << 31) | n) << log2;
  }
}

TEST(QueueIndex, Q3_ConsumedMatchesAFifoWalk) {
  CTS_CLAUSE("Q-3");
  const std::uint64_t log2 = 3;
  for (std::uint64_t entry = 0; entry < 16; ++entry) {
    // Walk cons from entry forward: entry is consumed from cons = entry+1 for n steps.
    std::uint64_t cons = entry;
    EXPECT_FALSE(queue::consumed<D>(cons, entry, log2));
    for (int k = 1; k <= 8; ++k) {
      cons = queue::advance<D>(cons, 1, log2);
      EXPECT_TRUE(queue::consumed<D>(cons, entry, log2)) << entry << " " << k;
    }
  }
}

TEST(QueueIndex, Q4_Q5_EffectiveSizeAndBase) {
  CTS_CLAUSE("Q-4");
  CTS_CLAUSE("Q-5");
  EXPECT_EQ(queue::effective_log2size<D>(25, 19), 19u);
  EXPECT_EQ(queue::effective_log2size<D>(4, 19), 4u);
  // 2^4 entries = 256 bytes: the base is aligned down to 256.
  EXPECT_EQ(queue::effective_base<D>(0x40100FE0, 4), 0x40100F00u);
  // A 1-entry queue is 16 bytes, but the base is aligned to at least 32.
  EXPECT_EQ(queue::effective_base<D>(0x40100030, 0), 0x40100020u);
  EXPECT_EQ(queue::entry_address<D>(0x1000, 0b10011, 4), 0x1030u);
}

}  // namespace
}  // namespace cts::model::test
