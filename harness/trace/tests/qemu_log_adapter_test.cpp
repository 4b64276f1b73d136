// SPDX-License-Identifier: MIT
// The QEMU log adapter on QEMU 7.2's real output (tests/data) and on malformed lines.
#include "cmdqv_cts/trace/qemu_log_adapter.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace cts::trace {
namespace {

std::string kinds(const Trace& t) {
  std::string s;
  for (const TraceEvent& e : t.events) {
    static const char kLetter[] = "ZRWMCIU";  // reset read write mem consume irq run
    s += kLetter[static_cast<int>(e.kind)];
  }
  return s;
}

TEST(QemuLogAdapter, ReadsQemusOwnLogWithTimestamps) {
  const Trace t = parse_qemu_log(read_data("qemu-7.2-error-recovery.log"), "recovery.log");
  ASSERT_FALSE(t.events.empty());
  EXPECT_EQ(t.format, "qemu");
  const TraceEvent& first = t.events.front();
  EXPECT_EQ(first.kind, EventKind::Read);
  EXPECT_EQ(first.line, 1u);
  EXPECT_EQ(first.value, 0xd40101au);
  // CMDQ_BASE is a 64-bit write.
  bool base_seen = false;
  for (const TraceEvent& e : t.events) {
    if (e.kind == EventKind::Write && e.offset == 0x90 && e.value == 0x200000004ull)
      base_seen = e.size == 8;
  }
  EXPECT_TRUE(base_seen);
}

TEST(QemuLogAdapter, MovesConsumptionAfterTheWriteThatCausedIt) {
  const Trace t = parse_qemu_log(read_data("qemu-7.2-error-recovery.log"), "recovery.log");
  // The first PROD write (line 23) consumed CMD_SYNC (with its interrupt), CFGI_STE, TLBI_NSNH_ALL.
  std::size_t k = 0;
  while (!(t.events[k].kind == EventKind::Write && t.events[k].offset == 0x98 &&
           t.events[k].value == 3))
    ++k;
  EXPECT_EQ(t.events[k].line, 23u);
  ASSERT_GT(t.events.size(), k + 6);
  EXPECT_EQ(t.events[k + 1].kind, EventKind::Consume);
  EXPECT_EQ(t.events[k + 1].opcode, 0x46);
  EXPECT_EQ(t.events[k + 1].outcome, std::optional<std::uint8_t>(0));
  EXPECT_EQ(t.events[k + 2].kind, EventKind::Irq);
  EXPECT_EQ(t.events[k + 2].irq, model::IrqLine::SmmuCmdqSync);
  EXPECT_EQ(t.events[k + 3].opcode, 0x03);
  EXPECT_EQ(t.events[k + 4].opcode, 0x30);
  EXPECT_EQ(t.events[k + 5].kind, EventKind::Run);
}

TEST(QemuLogAdapter, TellsAnIllegalCommandFromAFetchAbort) {
  const Trace t = parse_qemu_log(read_data("qemu-7.2-error-recovery.log"), "recovery.log");
  std::vector<const TraceEvent*> errors;
  for (const TraceEvent& e : t.events) {
    if (e.kind == EventKind::Consume && e.outcome.value_or(0) != 0) errors.push_back(&e);
  }
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_FALSE(errors[0]->abort);  // INVALID: a Reserved opcode, CERROR_ILL
  EXPECT_FALSE(errors[0]->opcode_known);
  EXPECT_EQ(*errors[0]->outcome, 1);
  EXPECT_TRUE(errors[1]->abort);  // no opcode logged: the fetch aborted
  EXPECT_EQ(*errors[1]->outcome, 2);
  EXPECT_TRUE(errors[2]->abort);
}

TEST(QemuLogAdapter, SkipsEventsTheCheckerDoesNotNeedAndListsUnknownOnes) {
  const Trace t = parse_qemu_log(
      "smmuv3_read_mmio addr: 0x0 val:0xd40101a size: 0x4(0)\n"
      "smmuv3_translate_success smmuv3-iommu-memory-region-0-0 sid=0x0 iova=0x1000 "
      "translated=0x1000 perm=0x3\n"
      "smmuv3_config_cache_hit Config cache HIT for sid=0 (hits=1, misses=1, hit rate=50)\n"
      "smmuv3_translate_success x\n"
      "smmuv3_shiny_new_event a=1\n"
      "qemu-system-aarch64: terminating on signal 15 from pid 1\n",
      "skips.log");
  EXPECT_EQ(kinds(t), "R");
  ASSERT_EQ(t.skipped.size(), 4u);
  EXPECT_EQ(t.skipped[0].name, "smmuv3_translate_success");
  EXPECT_EQ(t.skipped[0].count, 2u);
  EXPECT_EQ(t.skipped[0].first_line, 2u);
  EXPECT_TRUE(t.skipped[0].known);
  EXPECT_EQ(t.skipped[2].name, "smmuv3_shiny_new_event");
  EXPECT_FALSE(t.skipped[2].known);
}

struct BadLog {
  const char* name;
  const char* text;
  std::size_t line;
  const char* message;
};

void PrintTo(const BadLog& b, std::ostream* os) {
  *os << b.name;
}

class QemuLogBadInput : public testing::TestWithParam<BadLog> {};

TEST_P(QemuLogBadInput, IsRejectedWithItsLine) {
  const BadLog& b = GetParam();
  try {
    (void)parse_qemu_log(b.text, "bad.log");
    FAIL() << "accepted";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.line(), b.line) << e.what();
    EXPECT_NE(std::string(e.what()).find(b.message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, QemuLogBadInput,
    testing::Values(
        BadLog{"empty", "", 1, "empty log"},
        BadLog{"only_skipped_events", "smmuv3_get_ste STE addr: 0x0\n", 1, "empty log"},
        BadLog{"truncated_read",
               "smmuv3_read_mmio addr: 0x0 val:0x1 size: 0x4(0)\nsmmuv3_read_mmio addr: 0x9c val:",
               2, "truncated line"},
        BadLog{"non_hex_addr", "smmuv3_write_mmio addr: 0xq8 val:0x1 size: 0x4(0)\n", 1,
               "is not a hex number"},
        BadLog{"bad_size", "smmuv3_write_mmio addr: 0x98 val:0x1 size: 0x2(0)\n", 1,
               "size 2: expected 4 or 8"},
        BadLog{"other_event",
               "smmuv3_read_mmio addr: 0x0 val:0x1 size: 0x4(0)\nvirtio_queue_notify vdev 0x0\n", 2,
               "unknown event 'virtio_queue_notify'"},
        BadLog{"unknown_command",
               "smmuv3_cmdq_consume prod=1 cons=0 prod.wrap=0 cons.wrap=0\nsmmuv3_cmdq_opcode <--- "
               "FROB\n",
               2, "unknown command name 'FROB'"},
        BadLog{"opcode_without_consume", "smmuv3_cmdq_opcode <--- SMMU_CMD_SYNC\n", 1,
               "without a preceding"}),
    [](const testing::TestParamInfo<BadLog>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace cts::trace
