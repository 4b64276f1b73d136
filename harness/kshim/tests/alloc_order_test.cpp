// SPDX-License-Identifier: MIT
// ALLOC-2 as kshim judges a real driver's CMDQ_ALLOC writes: map ascending, unmap descending.
#include "alloc_order.h"

#include <gtest/gtest.h>

namespace cts::kshim {
namespace {

// CMDQ_ALLOC value: VINTF [20:15], LVCMDQ [7:1], ALLOCATED [0].
std::uint32_t alloc(unsigned vintf, unsigned lidx, bool on) {
  return (vintf << 15) | (lidx << 1) | (on ? 1u : 0u);
}

TEST(AllocOrder, AscendingMapAndDescendingUnmapPass) {
  const std::vector<std::pair<unsigned, std::uint32_t>> w = {
      {2, alloc(1, 0, true)},  {3, alloc(1, 1, true)},  {4, alloc(1, 2, true)},
      {4, alloc(1, 2, false)}, {3, alloc(1, 1, false)}, {2, alloc(1, 0, false)}};
  EXPECT_TRUE(alloc_order_violations(w).empty());
}

TEST(AllocOrder, UnmappingBelowAMappedQueueFails) {
  const std::vector<std::pair<unsigned, std::uint32_t>> w = {
      {2, alloc(1, 0, true)}, {3, alloc(1, 1, true)}, {2, alloc(1, 0, false)}};
  const auto v = alloc_order_violations(w);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("not descending"), std::string::npos) << v[0];
}

TEST(AllocOrder, MappingBelowAMappedQueueFails) {
  const std::vector<std::pair<unsigned, std::uint32_t>> w = {{3, alloc(1, 1, true)},
                                                             {2, alloc(1, 0, true)}};
  const auto v = alloc_order_violations(w);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("not ascending"), std::string::npos) << v[0];
}

TEST(AllocOrder, OtherVintfsAndRewritesDoNotCount) {
  const std::vector<std::pair<unsigned, std::uint32_t>> w = {{0, alloc(0, 0, true)},
                                                             {3, alloc(1, 1, true)},
                                                             {0, alloc(0, 0, true)},
                                                             {0, alloc(0, 0, false)}};
  EXPECT_TRUE(alloc_order_violations(w).empty());
}

}  // namespace
}  // namespace cts::kshim
