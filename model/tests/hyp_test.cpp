// SPDX-License-Identifier: MIT
// HYP_OWN in the host and guest views (HYP-1, HYP-2, HYP-3, HYP-4, HYP-5).
#include <gtest/gtest.h>

#include "test_support.h"

namespace cts::model::test {
namespace {
constexpr Region C = Region::Cmdqv;

class HypValues : public testing::TestWithParam<std::uint64_t> {};

TEST_P(HypValues, HYP_1_GuestReadsHypOwnZeroWhateverIsWritten) {
  CTS_CLAUSE("HYP-1");
  ReferenceModel m = make_model(spec::View::Guest);
  const std::uint64_t v = GetParam();
  write32(m, C, off::vintf_config(0), v);
  EXPECT_EQ(read32(m, C, off::vintf_config(0)) & kHypOwn, 0u);
  EXPECT_FALSE(m.cmdqv().vintf_hyp_own(0));
  // The same through an 8-byte access covering CONFIG and STATUS.
  write64(m, C, off::vintf_config(0), v | (v << 32));
  EXPECT_EQ(read64(m, C, off::vintf_config(0)) & kHypOwn, 0u);
  // The other CONFIG fields still read back (EN, VMID).
  EXPECT_EQ(read32(m, C, off::vintf_config(0)), v & 0x1FFFFu);
}

TEST_P(HypValues, HYP_2_HostReadsHypOwnBackAsWritten) {
  CTS_CLAUSE("HYP-2");
  ReferenceModel m = make_model(spec::View::Host);
  const std::uint64_t v = GetParam();
  write32(m, C, off::vintf_config(2), v);
  EXPECT_EQ(read32(m, C, off::vintf_config(2)), v & 0x3FFFFu);
  EXPECT_EQ(m.cmdqv().vintf_hyp_own(2), (v & kHypOwn) != 0);
}

INSTANTIATE_TEST_SUITE_P(WrittenValues, HypValues,
                         testing::Values(0u, kHypOwn, kHypOwn | 1, 0xFFFFFFFFu, 0x0001FFFFu, kHypOwn | (7u << 1)));

// The allow-list of a guest-owned VCMDQ versus a host-owned one.
struct FilterCase {
  std::uint64_t opcode;
  bool accepted_by_hyp_own_0;
};
class GuestFilter : public testing::TestWithParam<FilterCase> {};

TEST_P(GuestFilter, HYP_3_HYP_4_FilterDependsOnHypOwnOfTheOwningVintf) {
  CTS_CLAUSE("HYP-3");
  CTS_CLAUSE("HYP-4");
  CTS_CLAUSE("HYP-5");
  for (bool hyp_own : {false, true}) {
    SCOPED_TRACE(hyp_own ? "HYP_OWN=1" : "HYP_OWN=0");
    ReferenceModel m = make_model(spec::View::Host);
    TestMemory mem;
    RecordingIrq irq;
    QueueSetup s;
    s.vintf = 1;
    s.lvcmdq = 1;
    s.vcmdq = 3;
    s.hyp_own = hyp_own;
    bring_up_vcmdq(m, s);
    push_vcmdq(m, mem, s, {{command(static_cast<std::uint8_t>(GetParam().opcode)), 0}});
    m.run(mem, irq, 16);
    const std::uint64_t cons = read32(m, C, off::vcmdq_page0(3) + off::kCons);
    const bool accepted = hyp_own || GetParam().accepted_by_hyp_own_0;
    EXPECT_EQ(cons, accepted ? 1u : (1u << 24));  // rejected: CONS stays, ERR = ILL
  }
}

INSTANTIATE_TEST_SUITE_P(Opcodes, GuestFilter,
                         testing::Values(FilterCase{kOpTlbiNhAsid, true}, FilterCase{kOpTlbiNhVa, true},
                                         FilterCase{kOpCmdSync, true}, FilterCase{kOpCfgiSte, false},
                                         FilterCase{kOpCfgiAll, false}, FilterCase{kOpPrefetchCfg, false},
                                         // CMD-8 is disputed; the model's policy accepts it.
                                         FilterCase{kOpTlbiNhAll, true}, FilterCase{kOpTlbiNsnhAll, true}));

TEST(Hyp, HYP_5_GuestViewQueueIsFilteredEvenIfTheGuestAsksForHypOwn) {
  CTS_CLAUSE("HYP-5");
  CTS_CLAUSE("ROUTE-4");
  ReferenceModel m = make_model(spec::View::Guest);
  TestMemory mem;
  RecordingIrq irq;
  QueueSetup s;
  s.hyp_own = true;  // the guest kernel requests it; the VMM wires it to 0
  bring_up_vcmdq(m, s);
  push_vcmdq(m, mem, s, {{command(kOpCfgiSte), 0}});
  m.run(mem, irq, 16);
  EXPECT_EQ(read32(m, C, off::vcmdq_page0(0) + off::kCons), 1u << 24);
}

TEST(Hyp, CMD_7_RejectCodeFollowsThePolicy) {
  CTS_CLAUSE("CMD-7");
  CTS_CLAUSE("ERR-9");
  ReferenceModel m = make_model(spec::View::Guest, "guest_reject_code=4");
  TestMemory mem;
  RecordingIrq irq;
  QueueSetup s;
  bring_up_vcmdq(m, s);
  push_vcmdq(m, mem, s, {{command(kOpCfgiSte), 0}});
  m.run(mem, irq, 16);
  EXPECT_EQ(read32(m, C, off::vcmdq_page0(0) + off::kCons), 4u << 24);
}

}  // namespace
}  // namespace cts::model::test
