// SPDX-License-Identifier: MIT
// Enable handshakes: CMDQV, VINTF, VCMDQ (EN-1..EN-4) and SMMU CR0/CR0ACK (EN-5).
#include <gtest/gtest.h>

#include "test_support.h"

namespace cts::model::test {
namespace {
constexpr Region C = Region::Cmdqv;
constexpr Region S = Region::Smmu;

TEST(Enable, EN_1_CmdqvStatusFollowsConfig) {
  CTS_CLAUSE("EN-1");
  ReferenceModel m = make_model(spec::View::Host);
  EXPECT_EQ(read32(m, C, off::kStatus), 0u);
  write32(m, C, off::kConfig, 1);
  EXPECT_EQ(read32(m, C, off::kStatus), 1u);
  write32(m, C, off::kConfig, 0);
  EXPECT_EQ(read32(m, C, off::kStatus), 0u);
}

TEST(Enable, EN_2_VintfStatusFollowsConfig) {
  CTS_CLAUSE("EN-2");
  ReferenceModel m = make_model(spec::View::Host);
  for (std::uint32_t v = 0; v < 4; ++v) {
    write32(m, C, off::vintf_config(v), kHypOwn | 1);
    EXPECT_EQ(read32(m, C, off::vintf_status(v)) & 1, 1u) << v;
    write32(m, C, off::vintf_config(v), kHypOwn);
    EXPECT_EQ(read32(m, C, off::vintf_status(v)) & 1, 0u) << v;
  }
}

TEST(Enable, EN_3_VcmdqStatusFollowsConfigThroughEitherPage) {
  CTS_CLAUSE("EN-3");
  ReferenceModel m = make_model(spec::View::Host);
  write32(m, C, off::cmdq_alloc(1), alloc_value(0, 1));
  write32(m, C, off::lvcmdq_page0(0, 1) + off::kQConfig, 1);
  EXPECT_EQ(read32(m, C, off::vcmdq_page0(1) + off::kQStatus), 1u);
  write32(m, C, off::vcmdq_page0(1) + off::kQConfig, 0);
  EXPECT_EQ(read32(m, C, off::lvcmdq_page0(0, 1) + off::kQStatus), 0u);
}

// EN-4: the queue consumes only with all three enables and a mapping.
TEST(Enable, EN_4_VcmdqConsumesOnlyWhenCmdqvVintfAndQueueAreEnabledAndMapped) {
  CTS_CLAUSE("EN-4");
  struct Gate {
    const char* name;
    std::uint64_t offset;
    std::uint64_t value;
  };
  const Gate gates[] = {
      {"CMDQV disabled", off::kConfig, 0},
      {"VINTF disabled", off::vintf_config(0), kHypOwn},
      {"VCMDQ disabled", off::vcmdq_page0(0) + off::kQConfig, 0},
      {"VCMDQ unmapped", off::cmdq_alloc(0), alloc_value(0, 0, false)},
      {"mapped to a VINTF past the count", off::cmdq_alloc(0), alloc_value(9, 0)},
  };
  for (const Gate& g : gates) {
    SCOPED_TRACE(g.name);
    ReferenceModel m = make_model(spec::View::Host);
    TestMemory mem;
    RecordingIrq irq;
    QueueSetup s;
    bring_up_vcmdq(m, s);
    write32(m, C, g.offset, g.value);
    push_vcmdq(m, mem, s, {{command(kOpCmdSync), 0}});
    EXPECT_EQ(m.run(mem, irq, 16), 0u);
    EXPECT_EQ(read32(m, C, off::vcmdq_page0(0) + off::kCons), 0u);
    EXPECT_EQ(mem.reads, 0u);
  }
}

TEST(Enable, EN_5_Cr0AckMirrorsCr0AndGatesTheSmmuCmdq) {
  CTS_CLAUSE("EN-5");
  ReferenceModel m = make_model(spec::View::Host);
  TestMemory mem;
  RecordingIrq irq;
  write64(m, S, off::kSmmuCmdqBase, 0x40200000 | 3);
  mem.put_command(0x40200000, command(kOpCmdSync));
  write32(m, S, off::kSmmuCmdqProd, 1);
  EXPECT_EQ(m.run(mem, irq, 16), 0u);  // CMDQEN = 0: PROD is stored, nothing happens
  // SMMUEN, EVTQEN, CMDQEN; PRIQEN and ATSCHK are RES0 without IDR0.PRI/ATS (6.3.9) and software
  // writes them as 0.
  write32(m, S, off::kSmmuCr0, 0x0D);
  EXPECT_EQ(read32(m, S, off::kSmmuCr0Ack), 0x0Du);
  write32(m, S, off::kSmmuCr0, 1u << 3);  // SMMUEN = 0 does not matter for consumption
  EXPECT_EQ(read32(m, S, off::kSmmuCr0Ack), 1u << 3);
  EXPECT_EQ(m.run(mem, irq, 16), 1u);
  EXPECT_EQ(read32(m, S, off::kSmmuCmdqCons), 1u);
}

}  // namespace
}  // namespace cts::model::test
