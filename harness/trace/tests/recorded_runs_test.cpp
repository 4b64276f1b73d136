// SPDX-License-Identifier: MIT
// Done-when of trace conformance: a recorded run of the model (and of the conforming zoo entry)
// is accepted, and a recorded run of every zoo deviant is rejected by the clause the live run
// names for it (harness/zoo/README.md, harness/expectations/zoo.yaml).
#include <gtest/gtest.h>

#include "cmdqv_cts/harness/zoo_deviants.h"

#include <sstream>

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/spec/loader.h"
#include "cmdqv_cts/trace/cts_trace_format.h"
#include "cmdqv_cts/trace/recording_device.h"
#include "cmdqv_cts/trace/trace_checker.h"
#include "cmdqv_cts/trace/trace_report.h"

namespace cts::trace {
namespace {

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

std::uint64_t failures_of(const harness::ClauseCoverage& c, std::string_view id) {
  for (const harness::ClauseTally& t : c.tallies()) {
    if (t.clause->id == id) return t.failures;
  }
  return 0;
}

struct Recorded {
  harness::ProfileRun live;
  std::string text;  // the cts-trace
};

// Runs `device` live (seed 17, as zoo_test) while recording it.
Recorded record(const std::string& device, harness::Profile p, std::uint32_t sequences) {
  const auto dut =
      harness::open_device(harness::parse_device_spec(device), p,
                           harness::OpenOptions{std::chrono::milliseconds(2000), the_spec()});
  const model::ModelConfig config =
      harness::probe_device_config(*dut, harness::profile_config(p, ""));
  std::ostringstream out;
  RecordingDevice recorder(*dut, out, p, config);
  harness::RunOptions o;
  o.seed = 17;
  o.sequences = sequences;
  harness::ProfileRun live = harness::run_profile(the_spec(), p, config, recorder, o);
  return Recorded{std::move(live), out.str()};
}

TraceVerdict check(const std::string& text, const std::string& name) {
  return check_trace(the_spec(), parse_cts_trace(text, name), CheckOptions{});
}

TEST(RecordedRuns, TheModelsRecordingIsAcceptedInEveryProfile) {
  for (harness::Profile p :
       {harness::Profile::Smmuv3, harness::Profile::CmdqvHost, harness::Profile::CmdqvGuest}) {
    SCOPED_TRACE(harness::to_string(p));
    const Recorded r = record("model", p, 60);
    ASSERT_EQ(r.live.coverage.failed(), 0u);
    const Trace t = parse_cts_trace(r.text, "model.trace");
    const TraceVerdict v = check_trace(the_spec(), t, CheckOptions{});
    std::ostringstream report;
    print_trace_verdict(report, t, v);
    EXPECT_TRUE(v.conforms()) << report.str().substr(0, 4000);
    EXPECT_TRUE(v.narrowing.empty())
        << v.narrowing.front();  // memory is recorded: nothing narrowed
    EXPECT_EQ(v.reads_compared, r.live.reads_compared);
    EXPECT_EQ(v.commands, r.live.commands);
    EXPECT_EQ(v.segments, 61u);  // the trace's start, then one reset per sequence
  }
}

TEST(RecordedRuns, TheConformingZooEntrysRecordingIsAccepted) {
  const Recorded r = record("zoo:conforming", harness::Profile::CmdqvHost, 30);
  const TraceVerdict v = check(r.text, "conforming.trace");
  EXPECT_TRUE(v.conforms()) << v.violations.front().what;
}

TEST(RecordedRuns, ATamperedReadInAModelRecordingIsCaughtAtItsLine) {
  const Recorded r = record("model", harness::Profile::Smmuv3, 5);
  std::string text = r.text;
  const std::size_t at = text.find("read smmu 0x24 4 ");  // CR0ACK
  ASSERT_NE(at, std::string::npos);
  const std::size_t eol = text.find('\n', at);
  text.replace(at, eol - at, "read smmu 0x24 4 0x1f");
  const std::size_t line =
      static_cast<std::size_t>(
          std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
      1;
  const TraceVerdict v = check(text, "tampered.trace");
  ASSERT_FALSE(v.conforms());
  EXPECT_EQ(v.violations.front().line, line);
  EXPECT_NE(v.violations.front().what.find("trace 0x1f"), std::string::npos)
      << v.violations.front().what;
}

using Deviant = harness::DeviantEntry;

class RecordedDeviant : public testing::TestWithParam<Deviant> {};

TEST_P(RecordedDeviant, IsRejectedByTheClauseTheLiveRunNames) {
  const Deviant& d = GetParam();
  const Recorded r = record(std::string("zoo:") + d.name, d.profile, 60);
  ASSERT_GT(failures_of(r.live.coverage, d.clause), 0u)
      << "the live run does not name " << d.clause;
  const Trace t = parse_cts_trace(r.text, std::string(d.name) + ".trace");
  const TraceVerdict v = check_trace(the_spec(), t, CheckOptions{});
  std::ostringstream report;
  print_trace_verdict(report, t, v);
  EXPECT_FALSE(v.conforms());
  EXPECT_GT(failures_of(v.coverage, d.clause), 0u) << report.str().substr(0, 6000);
  EXPECT_TRUE(v.first_violation_line.count(d.clause));
}

INSTANTIATE_TEST_SUITE_P(
    Zoo, RecordedDeviant,
    testing::ValuesIn(harness::kZooDeviants),
    [](const testing::TestParamInfo<Deviant>& i) { return harness::param_name(i.param); });

}  // namespace
}  // namespace cts::trace
