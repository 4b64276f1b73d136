// SPDX-License-Identifier: MIT
// VCMDQ queues: consumption through the logical page, errors, error maps and the CMDQV
// interrupt (Q-7, ERR-1..ERR-3, ERR-6..ERR-8).
#include <gtest/gtest.h>

#include "test_support.h"

namespace cts::model::test {
namespace {
constexpr Region C = Region::Cmdqv;

struct Bench {
  explicit Bench(QueueSetup setup = {}) : m(make_model(spec::View::Host)), s(setup) { bring_up_vcmdq(m, s); }
  std::uint64_t reg(std::uint64_t slot_off) { return read32(m, C, off::vcmdq_page0(s.vcmdq) + slot_off); }
  ReferenceModel m;
  QueueSetup s;
  TestMemory mem;
  RecordingIrq irq;
};

TEST(Vcmdq, Q7_LogicalPageProdDrivesTheGlobalQueue) {
  CTS_CLAUSE("Q-7");
  CTS_CLAUSE("ALIAS-1");
  QueueSetup s;
  s.vintf = 2;
  s.lvcmdq = 1;
  s.vcmdq = 6;
  s.log2size = 0;  // one entry: the wrap bit is bit 0
  Bench b(s);
  for (int i = 0; i < 3; ++i) {
    b.mem.put_command(s.base, command(kOpTlbiNhAsid));
    const std::uint64_t prod = read32(b.m, C, off::lvcmdq_page0(2, 1) + off::kProd);
    write32(b.m, C, off::lvcmdq_page0(2, 1) + off::kProd, (prod + 1) & 1);
    EXPECT_EQ(b.m.run(b.mem, b.irq, 10), 1u);
  }
  EXPECT_EQ(read32(b.m, C, off::lvcmdq_page0(2, 1) + off::kCons), 1u);
}

TEST(Vcmdq, Q7_Log2SizeAbove19IsCappedAt19) {
  CTS_CLAUSE("Q-7");
  QueueSetup s;
  s.log2size = 31;
  s.base = 0x80000000;  // 8 MiB aligned
  Bench b(s);
  EXPECT_EQ(queue_log2size<Concrete>(b.m.cmdqv().registers(), b.m.cmdqv().queue(0)), 19u);
  write32(b.m, C, off::vcmdq_page0(0) + off::kCons, 0xFFFFF);
  EXPECT_EQ(b.reg(off::kCons), 0xFFFFFu);  // RD is 20 bits: nothing above the wrap bit
}

TEST(Vcmdq, ERR_1_ERR_6_ERR_8_ErrorSetsMapsAndPulsesTheInterrupt) {
  CTS_CLAUSE("ERR-1");
  CTS_CLAUSE("ERR-6");
  CTS_CLAUSE("ERR-8");
  QueueSetup s;
  s.vintf = 1;
  s.lvcmdq = 1;
  s.vcmdq = 5;
  s.hyp_own = false;
  Bench b(s);
  push_vcmdq(b.m, b.mem, s, {{command(kOpTlbiNhVa), 0}, {command(kOpCfgiAll), 0}});
  EXPECT_EQ(b.m.run(b.mem, b.irq, 10), 2u);
  EXPECT_EQ(b.reg(off::kCons), 1u | (1u << 24));
  EXPECT_EQ(b.reg(off::kGerror) & 1, 1u);
  EXPECT_EQ(read32(b.m, C, off::kCmdqErrMap0), 1u << 5);
  EXPECT_EQ(read64(b.m, C, off::vintf_lvcmdq_err_map(1, 0)), 1u << 1);
  EXPECT_EQ(read32(b.m, C, off::kViErrMap0), 1u << 1);
  EXPECT_EQ(b.irq.count(IrqLine::CmdqvError), 1u);
}

TEST(Vcmdq, ERR_8_MaskedVintfRaisesNoInterrupt) {
  CTS_CLAUSE("ERR-8");
  QueueSetup s;
  s.hyp_own = false;
  Bench b(s);
  write32(b.m, C, off::kViIntMask0, 1);
  push_vcmdq(b.m, b.mem, s, {{command(kOpCfgiAll), 0}});
  b.m.run(b.mem, b.irq, 10);
  EXPECT_EQ(read32(b.m, C, off::kViErrMap0), 1u);
  EXPECT_EQ(b.irq.count(IrqLine::CmdqvError), 0u);
}

TEST(Vcmdq, ERR_3_ERR_7_AckResumesAndClearsTheMaps) {
  CTS_CLAUSE("ERR-3");
  CTS_CLAUSE("ERR-7");
  QueueSetup s;
  s.hyp_own = false;
  Bench b(s);
  push_vcmdq(b.m, b.mem, s, {{command(kOpCfgiAll), 0}, {command(kOpCmdSync), 0}});
  b.m.run(b.mem, b.irq, 10);
  // The driver's ISR: rewrite the entry at CONS as CMD_SYNC (CS = NONE), then GERRORN = GERROR.
  b.mem.put_command(s.base, command(kOpCmdSync));
  write32(b.m, C, off::vcmdq_page0(0) + off::kGerrorn, b.reg(off::kGerror));
  EXPECT_EQ(read32(b.m, C, off::kCmdqErrMap0), 0u);
  EXPECT_EQ(read32(b.m, C, off::kViErrMap0), 0u);
  EXPECT_EQ(b.m.run(b.mem, b.irq, 10), 2u);
  EXPECT_EQ(b.reg(off::kCons) & 0xFFFFF, 2u);
}

TEST(Vcmdq, ERR_7_MapsCanStaySetUntilResetByPolicy) {
  CTS_CLAUSE("ERR-7");
  ModelConfig c = ModelConfig::defaults(spec::View::Host);
  c.policy.clear_err_maps_on_ack = false;
  ReferenceModel m(embedded_spec(), c);
  TestMemory mem;
  RecordingIrq irq;
  QueueSetup s;
  s.hyp_own = false;
  bring_up_vcmdq(m, s);
  push_vcmdq(m, mem, s, {{command(kOpCfgiAll), 0}});
  m.run(mem, irq, 10);
  write32(m, C, off::vcmdq_page0(0) + off::kGerrorn, read32(m, C, off::vcmdq_page0(0) + off::kGerror));
  EXPECT_EQ(read32(m, C, off::kCmdqErrMap0), 1u);
}

TEST(Vcmdq, ERR_4_FetchAbortOnAVcmdq) {
  CTS_CLAUSE("ERR-4");
  Bench b;
  b.mem.fault_at(b.s.base);
  write32(b.m, C, off::vcmdq_page0(0) + off::kProd, 1);
  EXPECT_EQ(b.m.run(b.mem, b.irq, 10), 1u);
  EXPECT_EQ(b.reg(off::kCons), 2u << 24);
}

TEST(Vcmdq, QueuesProgressIndependently) {
  CTS_CLAUSE("EN-4");
  ReferenceModel m = make_model(spec::View::Host);
  TestMemory mem;
  RecordingIrq irq;
  QueueSetup a, b;
  b.vintf = 3;
  b.vcmdq = 7;
  b.base = 0x40200000;
  b.hyp_own = false;
  bring_up_vcmdq(m, a);
  bring_up_vcmdq(m, b);
  push_vcmdq(m, mem, a, {{command(kOpCfgiAll), 0}, {command(kOpCmdSync), 0}});
  push_vcmdq(m, mem, b, {{command(kOpCfgiAll), 0}});  // rejected: HYP_OWN = 0
  EXPECT_EQ(m.run(mem, irq, 10), 3u);
  EXPECT_EQ(read32(m, C, off::vcmdq_page0(0) + off::kCons), 2u);
  EXPECT_EQ(read32(m, C, off::vcmdq_page0(7) + off::kCons), 1u << 24);
}

}  // namespace
}  // namespace cts::model::test
