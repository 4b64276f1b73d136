// SPDX-License-Identifier: MIT
// The checker on QEMU logs, CSV and hand-written cts-traces: verdicts, the line of the first
// violation, what it narrows, and traces of another device layout.
#include "cmdqv_cts/trace/trace_checker.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cmdqv_cts/spec/loader.h"
#include "cmdqv_cts/trace/csv_adapter.h"
#include "cmdqv_cts/trace/cts_trace_format.h"
#include "cmdqv_cts/trace/qemu_log_adapter.h"
#include "cmdqv_cts/trace/trace_report.h"
#include "test_data.h"

namespace cts::trace {
namespace {

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

std::uint64_t failures_of(const TraceVerdict& v, std::string_view id) {
  for (const harness::ClauseTally& t : v.coverage.tallies()) {
    if (t.clause->id == id) return t.failures;
  }
  return 0;
}

bool mentions(const std::vector<std::string>& notes, const std::string& what) {
  for (const std::string& n : notes) {
    if (n.find(what) != std::string::npos) return true;
  }
  return false;
}

TEST(TraceChecker, QemuErrorRecoveryConformsWithinWhatTheLogRecords) {
  const Trace t = parse_qemu_log(read_data("qemu-7.2-error-recovery.log"), "recovery.log");
  const TraceVerdict v = check_trace(the_spec(), t, CheckOptions{});
  std::ostringstream report;
  print_trace_verdict(report, t, v);
  EXPECT_TRUE(v.conforms()) << report.str();
  EXPECT_EQ(v.profile, harness::Profile::Smmuv3);
  EXPECT_EQ(v.config.idr0, std::optional<std::uint64_t>(0xd40101a));
  EXPECT_EQ(v.commands, 7u);  // SYNC, CFGI_STE, TLBI_NSNH_ALL, ILL, SYNC after the ack, two aborts
  EXPECT_GT(v.reads_compared, 10u);
  EXPECT_TRUE(mentions(v.narrowing, "only the opcode of each consumed entry")) << report.str();
  EXPECT_TRUE(mentions(v.narrowing, "INVALID, first at line 26")) << report.str();
  // IDR5 (OAS) configures the model as IDR0/1/3 do (6.3.6).
  EXPECT_NE(v.config_origin.find("IDR5 (line 4)"), std::string::npos) << v.config_origin;
  EXPECT_NE(report.str().find("not checked: queue memory is not recorded"), std::string::npos);
  EXPECT_NE(report.str().find("skipped: smmuv3_write_gerror x3"), std::string::npos)
      << report.str();
}

TEST(TraceChecker, QemuExecutingAtcInvWithoutAtsFailsCmd2AtTheConsumeLine) {
  const Trace t = parse_qemu_log(read_data("qemu-7.2-atc-inv-executed.log"), "atc.log");
  const TraceVerdict v = check_trace(the_spec(), t, CheckOptions{});
  std::ostringstream report;
  print_trace_verdict(report, t, v);
  ASSERT_FALSE(v.conforms()) << report.str();
  EXPECT_GT(failures_of(v, "CMD-2"), 0u) << report.str();
  EXPECT_EQ(v.first_violation_line.at("CMD-2"), 14u);  // smmuv3_cmdq_consume of the ATC_INV
  EXPECT_NE(report.str().find("SMMU_CMD_ATC_INV (CONS 0x0): trace executed, model ILL"),
            std::string::npos)
      << report.str();
  EXPECT_NE(report.str().find(">     14 | smmuv3_cmdq_consume prod=2"), std::string::npos)
      << report.str();
}

TEST(TraceChecker, HandWrittenCsvConformsAndAWrongReadFailsAtItsRow) {
  const Trace good = parse_csv_trace(read_data("hand-written.csv"), "hand.csv");
  EXPECT_TRUE(check_trace(the_spec(), good, CheckOptions{}).conforms());
  std::string text = read_data("hand-written.csv");
  text.replace(text.rfind("read,0x24,0x8"), 13, "read,0x24,0x0");
  const Trace bad = parse_csv_trace(text, "bad.csv");
  const TraceVerdict v = check_trace(the_spec(), bad, CheckOptions{});
  ASSERT_FALSE(v.conforms());
  EXPECT_EQ(v.violations.front().line, 13u);
  EXPECT_NE(v.violations.front().what.find("read32 smmu+0x24 (regs.CR0ACK): trace 0x0, model 0x8"),
            std::string::npos)
      << v.violations.front().what;
  EXPECT_GT(failures_of(v, "EN-5"), 0u);
  // The case is the field that differs (CR0ACK.CMDQEN, bit 3), as a live run names it, not
  // the register.
  for (const harness::ClauseTally& t : v.coverage.tallies()) {
    if (t.clause->id != "EN-5") continue;
    EXPECT_EQ(t.cases.count("CR0ACK.CMDQEN"), 1u);
    EXPECT_EQ(t.cases.count("CR0ACK"), 0u);
  }
}

constexpr const char* kSmmuHeader = "cts-trace 1\nprofile smmuv3\n";

TEST(TraceChecker, WithoutQueueContentsItStopsWhereTheModelWouldHaveToGuess) {
  const std::string text =
      std::string(kSmmuHeader) +
      "write smmu 0x90 8 0x40100004\nwrite smmu 0x20 4 0x8\nwrite smmu 0x98 4 0x1\n"
      "read smmu 0x9c 4 0x1\nread smmu 0x24 4 0x8\n";
  const Trace t = parse_cts_trace(text, "nomem.trace");
  const TraceVerdict v = check_trace(the_spec(), t, CheckOptions{});
  EXPECT_TRUE(v.conforms());
  EXPECT_TRUE(mentions(
      v.narrowing, "line 6: the model must consume a queue entry, but the trace records neither"));
  EXPECT_EQ(v.reads_compared,
            0u);  // the CONS read needs the consumption: nothing after it is judged
  EXPECT_EQ(v.commands, 0u);
}

TEST(TraceChecker, ConsumedOpcodesAreJudgedAgainstTheIdrFeatures) {
  const std::string bring_up =
      std::string(kSmmuHeader) + "config idr0=0x0d40101a\n" +
      "write smmu 0x90 8 0x40100004\nwrite smmu 0x20 4 0x8\nwrite smmu 0x98 4 0x1\n";
  // PRI_RESP with IDR0.PRI = 0 is CERROR_ILL (CMD-2): a device that executes it is caught.
  const TraceVerdict bad =
      check_trace(the_spec(), parse_cts_trace(bring_up + "consume smmu 0x41 ok\nrun\n", "t"), {});
  ASSERT_FALSE(bad.conforms());
  EXPECT_EQ(bad.violations.front().line, 7u);
  EXPECT_GT(failures_of(bad, "CMD-2"), 0u);
  const TraceVerdict good = check_trace(
      the_spec(),
      parse_cts_trace(bring_up + "consume smmu 0x41 err 1\nrun\nread smmu 0x9c 4 0x01000000\n",
                      "t"),
      {});
  EXPECT_TRUE(good.conforms());
  // A device that consumed more than PROD allows is caught too.
  const TraceVerdict extra = check_trace(
      the_spec(),
      parse_cts_trace(bring_up + "consume smmu 0x46 ok\nconsume smmu 0x46 ok\nrun\n", "t"), {});
  ASSERT_FALSE(extra.conforms());
  EXPECT_EQ(extra.violations.front().line, 8u);
}

struct WrongDevice {
  const char* name;
  const char* events;
  std::size_t line;
  const char* message;
};

void PrintTo(const WrongDevice& w, std::ostream* os) {
  *os << w.name;
}

class TraceForAnotherDevice : public testing::TestWithParam<WrongDevice> {};

TEST_P(TraceForAnotherDevice, IsAnErrorAtItsLine) {
  const WrongDevice& w = GetParam();
  const std::string text =
      std::string("cts-trace 1\nprofile cmdqv-guest\nconfig vintfs_log2=0,vcmdqs_log2=1\n") +
      w.events;
  try {
    (void)check_trace(the_spec(), parse_cts_trace(text, "other.trace"), CheckOptions{});
    FAIL() << "accepted";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.line(), w.line) << e.what();
    EXPECT_NE(std::string(e.what()).find(w.message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TraceForAnotherDevice,
    testing::Values(
        WrongDevice{"smmu_offset_outside", "write smmu 0x20 4 0x0\nread smmu 0x30000 4 0x0\n", 5,
                    "smmu+0x30000 is outside the smmu region"},
        WrongDevice{"second_vintf_page", "write cmdqv 0x50000 4 0x0\n", 4,
                    "a trace for another region layout"},
        WrongDevice{"wrong_param", "read cmdqv 0x4 4 0x4031\n", 4,
                    "describes a device with CMDQV PARAM = 0x4011"},
        WrongDevice{"missing_queue", "consume vcmdq5 0x46 ok\n", 4, "queue vcmdq5 does not exist"}),
    [](const testing::TestParamInfo<WrongDevice>& i) { return std::string(i.param.name); });

TEST(TraceChecker, AHeaderConfigTheModelRejectsIsAnErrorAtItsLine) {
  try {
    (void)check_trace(
        the_spec(),
        parse_cts_trace(std::string(kSmmuHeader) + "config vintfs_log2=9\nreset\n", "c.trace"), {});
    FAIL() << "accepted";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.line(), 3u);
    EXPECT_NE(std::string(e.what()).find("config: option 'vintfs_log2': at most 6"),
              std::string::npos)
        << e.what();
  }
}

TEST(TraceChecker, ACmdqvAccessInAnSmmuv3TraceIsAnError) {
  try {
    (void)check_trace(
        the_spec(), parse_cts_trace(std::string(kSmmuHeader) + "read cmdqv 0x0 4 0x0\n", "s.trace"),
        {});
    FAIL() << "accepted";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.line(), 3u);
  }
}

TEST(TraceChecker, AProfileFlagThatContradictsTheHeaderIsAnError) {
  CheckOptions o;
  o.profile = harness::Profile::CmdqvHost;
  EXPECT_THROW((void)check_trace(
                   the_spec(), parse_cts_trace(std::string(kSmmuHeader) + "reset\n", "p.trace"), o),
               TraceError);
}

}  // namespace
}  // namespace cts::trace
