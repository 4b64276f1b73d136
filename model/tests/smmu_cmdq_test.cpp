// SPDX-License-Identifier: MIT
// The SMMUv3 command queue: consumption, wrap, legality from IDR features, the error
// protocol and CMD_SYNC interrupts (Q-*, CMD-1..CMD-5, CMD-9, ERR-1..ERR-5).
#include <gtest/gtest.h>

#include "cmdqv_cts/model/model_error.h"
#include "test_support.h"

namespace cts::model::test {
namespace {
constexpr Region S = Region::Smmu;
constexpr std::uint64_t kBase = 0x40100000;

struct Bench {
  explicit Bench(const std::string& options = "", unsigned log2 = 4)
      : m(make_model(spec::View::Host, options)), log2size(log2) {
    bring_up_smmu_cmdq(m, kBase, log2size);
  }
  void push(std::uint64_t d0, std::uint64_t d1 = 0) { push_smmu(m, mem, kBase, log2size, {{d0, d1}}); }
  std::uint64_t cons() { return read32(m, S, off::kSmmuCmdqCons); }
  bool error_active() {
    return ((read32(m, S, off::kSmmuGerror) ^ read32(m, S, off::kSmmuGerrorn)) & 1) != 0;
  }
  void ack() { write32(m, S, off::kSmmuGerrorn, read32(m, S, off::kSmmuGerror)); }
  ReferenceModel m;
  unsigned log2size;
  TestMemory mem;
  RecordingIrq irq;
};

TEST(SmmuCmdq, Q3_Q8_ConsumesInOrderAndWraps) {
  CTS_CLAUSE("Q-3");
  CTS_CLAUSE("Q-8");
  Bench b("", 1);  // two entries
  for (int i = 0; i < 6; ++i) {
    b.push(command(kOpCmdSync));
    EXPECT_EQ(b.m.run(b.mem, b.irq, 100), 1u);
  }
  EXPECT_EQ(b.cons(), 0b10u);  // 6 mod 4: wrap 1, index 0
  EXPECT_EQ(b.mem.reads, 6u);
}

TEST(SmmuCmdq, Q4_Log2SizeAboveCmdqsIsCappedButReadsBack) {
  CTS_CLAUSE("Q-4");
  Bench b("cmdqs=3", 0);
  write64(b.m, S, off::kSmmuCmdqBase, kBase | 25);
  EXPECT_EQ(read64(b.m, S, off::kSmmuCmdqBase) & 0x1F, 25u);
  EXPECT_EQ(queue_log2size<Concrete>(b.m.smmu().registers(), b.m.smmu().queue()), 3u);
}

TEST(SmmuCmdq, Q6_ConsBitsAboveTheWrapBitAreRaz) {
  CTS_CLAUSE("Q-6");
  Bench b("", 2);
  write32(b.m, S, off::kSmmuCr0, 0);
  write32(b.m, S, off::kSmmuCmdqCons, 0xFFFFF);
  EXPECT_EQ(b.cons(), 0x7u);
  write32(b.m, S, off::kSmmuCmdqProd, 0xFFFFF);  // PROD may store them
  EXPECT_EQ(read32(b.m, S, off::kSmmuCmdqProd), 0xFFFFFu);
}

TEST(SmmuCmdq, CMD_1_ReservedOpcodesAreIllegal) {
  CTS_CLAUSE("CMD-1");
  const ReferenceModel m = make_model(spec::View::Host);
  const CommandRules& rules = m.rules();
  const Features f = Features::from(ModelConfig::defaults(spec::View::Host));
  for (const std::uint8_t op :
       std::initializer_list<std::uint8_t>{0x00, 0x08, 0x0F, 0x14, 0x31, 0x47, 0xFF}) {
    EXPECT_EQ(rules.entry(op), nullptr) << int(op);
    EXPECT_EQ(rules.smmu_error(op, 0, f), CmdError::Ill) << int(op);
  }
}

struct FeatureCase {
  const char* options;
  std::uint64_t dword0, dword1;
  CmdError expected;
  const char* clause;
};

class Legality : public testing::TestWithParam<FeatureCase> {};
TEST_P(Legality, CommandOutcomeFollowsFeaturesAndFields) {
  const FeatureCase& c = GetParam();
  CTS_CLAUSE(c.clause);
  Bench b(c.options);
  b.push(c.dword0, c.dword1);
  b.m.run(b.mem, b.irq, 100);
  if (c.expected == CmdError::None) {
    EXPECT_EQ(b.cons(), 1u);
    EXPECT_FALSE(b.error_active());
  } else {
    EXPECT_EQ(b.cons(), static_cast<std::uint64_t>(c.expected) << 24);
    EXPECT_TRUE(b.error_active());
  }
}
INSTANTIATE_TEST_SUITE_P(
    Table, Legality,
    testing::Values(
        FeatureCase{"s1p=1", kOpTlbiNhAsid, 0, CmdError::None, "CMD-2"},
        FeatureCase{"s1p=0,s2p=1", kOpTlbiNhAsid, 0, CmdError::Ill, "CMD-2"},
        FeatureCase{"s2p=0", 0x2A, 0, CmdError::Ill, "CMD-2"},  // TLBI_S2_IPA
        FeatureCase{"s2p=1", 0x2A, 0, CmdError::None, "CMD-2"},
        FeatureCase{"hyp=0", 0x20, 0, CmdError::Ill, "CMD-2"},  // TLBI_EL2_ALL
        FeatureCase{"hyp=1", 0x20, 0, CmdError::None, "CMD-2"},
        FeatureCase{"ats=0", kOpAtcInv, 0, CmdError::Ill, "CMD-2"},
        FeatureCase{"ats=1", kOpAtcInv, 0, CmdError::None, "CMD-2"},
        FeatureCase{"stall_model=1", kOpResume, 0, CmdError::Ill, "CMD-2"},
        FeatureCase{"stall_model=0", kOpResume, 0, CmdError::None, "CMD-2"},
        FeatureCase{"", kOpTlbiNsnhAll, 0, CmdError::None, "CMD-2"},
        FeatureCase{"", kOpCfgiSte | (1u << 10), 0, CmdError::Ill, "CMD-3"},  // SSec
        FeatureCase{"", kOpCfgiSte, 0, CmdError::None, "CMD-3"},
        FeatureCase{"", 0x18, 0, CmdError::Ill, "CMD-4"},  // TLBI_EL3_ALL
        FeatureCase{"", 0x50, 0, CmdError::Ill, "CMD-4"},
        FeatureCase{"", kOpCmdSync | (3u << 12), 0, CmdError::Ill, "CMD-5"},  // CS = 0b11
        FeatureCase{"pri=1", kOpPriResp, 3u << 12, CmdError::Ill, "CMD-5"},   // RESP = 0b11
        FeatureCase{"pri=1", kOpPriResp, 1u << 12, CmdError::None, "CMD-5"},
        FeatureCase{"", 0x80, 0, CmdError::Ill, "CMD-9"}));

// Field rules (spec/commands.yaml field_rules) on TLBI_NH_VA (0x12): NUM d0[16:12], SCALE
// d0[25:20], TTL d1[9:8], TG d1[11:10]; `ill_CMD-N=1` takes the raising outcome of an either rule.
constexpr std::uint64_t kVa = 0x12;
constexpr std::uint64_t num(std::uint64_t v) {
  return v << 12;
}
constexpr std::uint64_t scale(std::uint64_t v) {
  return v << 20;
}
constexpr std::uint64_t ttl(std::uint64_t v) {
  return v << 8;
}
constexpr std::uint64_t tg(std::uint64_t v) {
  return v << 10;
}
INSTANTIATE_TEST_SUITE_P(
    FieldRules, Legality,
    testing::Values(
        FeatureCase{"ril=1", kVa, tg(1), CmdError::Ill, "CMD-11"},         // NUM = SCALE = TTL = 0
        FeatureCase{"ril=1", 0x13, tg(3), CmdError::Ill, "CMD-11"},        // TLBI_NH_VAA, 64KB
        FeatureCase{"ril=1,s2p=1", 0x2A, tg(1), CmdError::Ill, "CMD-11"},  // TLBI_S2_IPA
        FeatureCase{"ril=1", kVa, tg(1) | ttl(3), CmdError::None, "CMD-11"},
        FeatureCase{"ril=1", kVa | num(1), tg(1), CmdError::None, "CMD-11"},
        FeatureCase{"ril=1", kVa | scale(1), tg(1), CmdError::None, "CMD-11"},
        FeatureCase{"ril=1", kVa, 0, CmdError::None, "CMD-11"},  // TG = 0: no range
        FeatureCase{"ril=1", kVa, tg(2) | ttl(1), CmdError::Ill, "CMD-12"},
        FeatureCase{"ril=1,ds=1", kVa, tg(2) | ttl(1), CmdError::None, "CMD-12"},
        FeatureCase{"ril=1", kVa, tg(1) | ttl(1), CmdError::None, "CMD-12"},
        FeatureCase{"ril=1", kVa | num(3), tg(2) | ttl(1), CmdError::None, "CMD-13"},
        FeatureCase{"ril=0", kVa, tg(1), CmdError::None, "CMD-14"},
        FeatureCase{"ril=0,ill_CMD-14=1", kVa, tg(1), CmdError::Ill, "CMD-14"},
        FeatureCase{"ril=0,ill_CMD-14=1", kVa, 0, CmdError::None, "CMD-14"},
        FeatureCase{"ril=1", kVa | num(1), 0, CmdError::None, "CMD-15"},
        FeatureCase{"ril=1,ill_CMD-15=1", kVa | num(1), 0, CmdError::Ill, "CMD-15"},
        FeatureCase{"ats=1", kOpAtcInv, 53, CmdError::None, "CMD-17"},
        FeatureCase{"ats=1,ill_CMD-17=1", kOpAtcInv, 53, CmdError::Ill, "CMD-17"},
        FeatureCase{"ats=1,ill_CMD-17=1", kOpAtcInv, 52, CmdError::None, "CMD-17"},
        FeatureCase{"", kOpCmdSync | (2u << 12), 0, CmdError::None,
                    "CMD-20"},  // SIG_SEV without SEV
        FeatureCase{"", kOpCmdSync | (3u << 22) | (0xFu << 24), 0, CmdError::None, "CMD-21"},
        FeatureCase{"", kOpCmdSync | (1u << 12) | (0x1234ull << 32), 0x40100000, CmdError::None,
                    "CMD-22"},
        FeatureCase{"", 0x04, 31, CmdError::None, "CMD-23"},  // CFGI_STE_RANGE, Range 31
        FeatureCase{"", kOpTlbiNhAsid | (5ull << 32), 0, CmdError::None, "CMD-24"},
        FeatureCase{"ill_CMD-24=1", kOpTlbiNhAsid | (5ull << 32), 0, CmdError::Ill, "CMD-24"},
        FeatureCase{"ill_CMD-24=1,s2p=1", kOpTlbiNhAsid | (5ull << 32), 0, CmdError::None,
                    "CMD-24"}));

TEST(SmmuCmdq, AnOutcomeOptionMustNameAnEitherRule) {
  EXPECT_THROW(make_model(spec::View::Host, "ill_CMD-11=1"), ModelError);  // must-raise
  EXPECT_THROW(make_model(spec::View::Host, "ill_CMD-999=1"), ModelError);
  EXPECT_NO_THROW(make_model(spec::View::Host, "ill_CMD-14=1"));
}

TEST(SmmuCmdq, ERR_1_ERR_2_ERR_3_IllegalCommandStopsTheQueueUntilAckedAndFixed) {
  CTS_CLAUSE("ERR-1");
  CTS_CLAUSE("ERR-2");
  CTS_CLAUSE("ERR-3");
  Bench b;
  b.push(command(kOpCmdSync));
  b.push(command(0x00));  // reserved
  b.push(command(kOpCmdSync));
  EXPECT_EQ(b.m.run(b.mem, b.irq, 100), 2u);  // sync, then the fault
  EXPECT_EQ(b.cons(), 1u | (1u << 24));
  EXPECT_TRUE(b.error_active());
  EXPECT_EQ(b.irq.count(IrqLine::SmmuGerror), 1u);
  EXPECT_EQ(b.m.run(b.mem, b.irq, 100), 0u);  // ERR-2: nothing moves while active
  // Ack without fixing: the same entry fails again (as Linux expects, it must be rewritten).
  b.ack();
  EXPECT_EQ(b.m.run(b.mem, b.irq, 100), 1u);
  EXPECT_TRUE(b.error_active());
  // Linux's skip_err: overwrite the entry at CONS with a CMD_SYNC, then ack.
  b.mem.put_command(kBase + 16, command(kOpCmdSync));
  b.ack();
  EXPECT_EQ(b.m.run(b.mem, b.irq, 100), 2u);
  EXPECT_FALSE(b.error_active());
  EXPECT_EQ(b.cons() & 0xFFFFF, 3u);
}

TEST(SmmuCmdq, ERR_11_GerrorInterruptOnlyWithGerrorIrqen) {
  CTS_CLAUSE("ERR-11");
  Bench b;
  write32(b.m, S, off::kSmmuIrqCtrl, 0);
  EXPECT_EQ(read32(b.m, S, off::kSmmuIrqCtrlAck), 0u);
  b.push(command(0x00));
  b.m.run(b.mem, b.irq, 100);
  EXPECT_TRUE(b.error_active());
  EXPECT_EQ(b.irq.count(IrqLine::SmmuGerror), 0u);
  // GERROR_IRQEN and EVTQ_IRQEN; PRIQ_IRQEN is RES0 without IDR0.PRI (6.3.16).
  write32(b.m, S, off::kSmmuIrqCtrl, 0x5);
  EXPECT_EQ(read32(b.m, S, off::kSmmuIrqCtrlAck), 0x5u);
}

TEST(SmmuCmdq, ERR_4_FetchAbortRaisesAbt) {
  CTS_CLAUSE("ERR-4");
  Bench b;
  b.mem.fault_at(kBase + 8);
  b.push(command(kOpCmdSync));
  EXPECT_EQ(b.m.run(b.mem, b.irq, 100), 1u);
  EXPECT_EQ(b.cons(), 2u << 24);
  EXPECT_TRUE(b.error_active());
}

TEST(SmmuCmdq, CmdSyncWithCsIrqPulsesTheSyncLine) {
  CTS_CLAUSE("Q-8");
  Bench b;
  b.push(command(kOpCmdSync, 1u << 12));  // CS = IRQ
  b.push(command(kOpCmdSync, 2u << 12));  // CS = SEV
  b.m.run(b.mem, b.irq, 100);
  EXPECT_EQ(b.irq.count(IrqLine::SmmuCmdqSync), 1u);
}

}  // namespace
}  // namespace cts::model::test
