// SPDX-License-Identifier: MIT
// CMDQ_ALLOC and the VINTF logical pages (ALLOC-1, ALLOC-3..5, ALIAS-1..4).
#include <gtest/gtest.h>

#include "test_support.h"

namespace cts::model::test {
namespace {
constexpr Region C = Region::Cmdqv;

TEST(Alloc, ALLOC_3_FieldsReadBackAsWritten) {
  CTS_CLAUSE("ALLOC-3");
  ReferenceModel m = make_model(spec::View::Host);
  for (std::uint32_t q = 0; q < 8; ++q) {
    write32(m, C, off::cmdq_alloc(q), alloc_value(q % 4, q / 4));
    EXPECT_EQ(read32(m, C, off::cmdq_alloc(q)), alloc_value(q % 4, q / 4));
  }
}

// Every (vintf, lvcmdq, register) of the host geometry: logical and global pages alias.
TEST(Alias, ALIAS_1_MappedLogicalSlotIsTheGlobalVcmdq) {
  CTS_CLAUSE("ALIAS-1");
  CTS_CLAUSE("ALLOC-1");
  ReferenceModel m = make_model(spec::View::Host);
  // Map q = 7 - (2v + l): not the identity, so a wrong index would show.
  for (std::uint32_t v = 0; v < 4; ++v)
    for (std::uint32_t l = 0; l < 2; ++l) write32(m, C, off::cmdq_alloc(7 - (2 * v + l)), alloc_value(v, l));
  for (std::uint32_t v = 0; v < 4; ++v) {
    for (std::uint32_t l = 0; l < 2; ++l) {
      const std::uint32_t q = 7 - (2 * v + l);
      SCOPED_TRACE(testing::Message() << "vintf " << v << " lvcmdq " << l << " vcmdq " << q);
      const std::uint64_t tag = 0x100u * v + 0x10u * l + 1;
      write32(m, C, off::lvcmdq_page0(v, l) + off::kProd, tag);
      EXPECT_EQ(read32(m, C, off::vcmdq_page0(q) + off::kProd), tag);
      write32(m, C, off::vcmdq_page0(q) + off::kGerrorn, 1);
      EXPECT_EQ(read32(m, C, off::lvcmdq_page0(v, l) + off::kGerrorn), 1u);
      write64(m, C, off::lvcmdq_page1(v, l) + off::kBase, 0x40000000ull + (tag << 12) + 5);
      EXPECT_EQ(read64(m, C, off::vcmdq_page1(q) + off::kBase), 0x40000000ull + (tag << 12) + 5);
      write64(m, C, off::vcmdq_page1(q) + off::kConsIndxBase, tag << 8);
      EXPECT_EQ(read64(m, C, off::lvcmdq_page1(v, l) + off::kConsIndxBase), tag << 8);
    }
  }
}

TEST(Alias, ALIAS_2_ALIAS_3_UnmappedLogicalSlotDropsWritesAndReadsZero) {
  CTS_CLAUSE("ALIAS-2");
  CTS_CLAUSE("ALIAS-3");
  ReferenceModel m = make_model(spec::View::Host);
  write32(m, C, off::vcmdq_page0(2) + off::kProd, 0x5);
  const AccessResult w = m.write(C, off::lvcmdq_page0(1, 0) + off::kProd, 4, 0x9);
  EXPECT_EQ(w.status, AccessStatus::Ok);
  EXPECT_TRUE(w.dropped);
  EXPECT_EQ(read32(m, C, off::lvcmdq_page0(1, 0) + off::kProd), 0u);
  for (std::uint32_t q = 0; q < 8; ++q) {
    EXPECT_EQ(read32(m, C, off::vcmdq_page0(q) + off::kProd), q == 2 ? 0x5u : 0u) << q;
  }
}

TEST(Alias, ALIAS_4_ResolutionFollowsTheMapAtAccessTime) {
  CTS_CLAUSE("ALIAS-4");
  CTS_CLAUSE("ALLOC-1");
  ReferenceModel m = make_model(spec::View::Host);
  write32(m, C, off::vcmdq_page0(4) + off::kProd, 0x44);
  write32(m, C, off::vcmdq_page0(5) + off::kProd, 0x55);
  write32(m, C, off::cmdq_alloc(4), alloc_value(2, 1));
  EXPECT_EQ(read32(m, C, off::lvcmdq_page0(2, 1) + off::kProd), 0x44u);
  write32(m, C, off::cmdq_alloc(4), alloc_value(2, 1, false));  // unmap
  EXPECT_EQ(read32(m, C, off::lvcmdq_page0(2, 1) + off::kProd), 0u);
  write32(m, C, off::cmdq_alloc(5), alloc_value(2, 1));  // remap to another VCMDQ
  EXPECT_EQ(read32(m, C, off::lvcmdq_page0(2, 1) + off::kProd), 0x55u);
}

TEST(Alloc, ALLOC_4_TwoEntriesForOneSlotResolveToTheLowestVcmdq) {
  CTS_CLAUSE("ALLOC-4");
  ReferenceModel m = make_model(spec::View::Host);
  write32(m, C, off::vcmdq_page0(3) + off::kProd, 0x33);
  write32(m, C, off::vcmdq_page0(6) + off::kProd, 0x66);
  write32(m, C, off::cmdq_alloc(6), alloc_value(0, 0));
  write32(m, C, off::cmdq_alloc(3), alloc_value(0, 0));
  EXPECT_EQ(read32(m, C, off::lvcmdq_page0(0, 0) + off::kProd), 0x33u);
}

// ALLOC-4 leaves the choice open: a model told the device chose the highest resolves to it, and
// its error maps show the queue that backs the slot.
TEST(Alloc, ALLOC_4_TheOtherPermittedOutcomeResolvesToTheHighestVcmdq) {
  CTS_CLAUSE("ALLOC-4");
  ModelConfig c = ModelConfig::defaults(spec::View::Host);
  c.policy.alias_highest_wins = true;
  ReferenceModel m(embedded_spec(), c);
  write32(m, C, off::vcmdq_page0(3) + off::kProd, 0x33);
  write32(m, C, off::vcmdq_page0(6) + off::kProd, 0x66);
  write32(m, C, off::cmdq_alloc(6), alloc_value(0, 0));
  write32(m, C, off::cmdq_alloc(3), alloc_value(0, 0));
  EXPECT_EQ(read32(m, C, off::lvcmdq_page0(0, 0) + off::kProd), 0x66u);
  EXPECT_TRUE(m.cmdqv().backs_slot(6, {0, 0}));
  EXPECT_FALSE(m.cmdqv().backs_slot(3, {0, 0}));
}

TEST(Alloc, ALLOC_5_EntryPastTheGeometryMapsNoVisibleSlot) {
  CTS_CLAUSE("ALLOC-5");
  ReferenceModel m = make_model(spec::View::Host);
  write32(m, C, off::cmdq_alloc(0), alloc_value(0, 2));  // LVCMDQ 2 >= 2 per VINTF
  write32(m, C, off::cmdq_alloc(1), alloc_value(5, 0));  // VINTF 5 >= 4
  EXPECT_FALSE(m.cmdqv().owner(0).has_value());
  EXPECT_FALSE(m.cmdqv().owner(1).has_value());
  write32(m, C, off::vcmdq_page0(0) + off::kProd, 7);
  for (std::uint32_t v = 0; v < 4; ++v)
    for (std::uint32_t l = 0; l < 2; ++l) EXPECT_EQ(read32(m, C, off::lvcmdq_page0(v, l) + off::kProd), 0u);
}

TEST(Alias, GuestGeometryHasOneVintfWithTwoLogicalQueues) {
  CTS_CLAUSE("ALIAS-1");
  ReferenceModel m = make_model(spec::View::Guest);
  write32(m, C, off::cmdq_alloc(1), alloc_value(0, 1));
  write32(m, C, off::lvcmdq_page0(0, 1) + off::kProd, 3);
  EXPECT_EQ(read32(m, C, off::vcmdq_page0(1) + off::kProd), 3u);
  EXPECT_EQ(m.read(C, off::lvcmdq_page0(1, 0), 4).status, AccessStatus::Unmapped);  // QEMU: 0x50000 bytes
  EXPECT_EQ(m.cmdqv().registers().layout().extent(), 0x50000u);
}

}  // namespace
}  // namespace cts::model::test
