// SPDX-License-Identifier: MIT
// The cts-trace format: every event kind survives a write/parse round trip, and every kind of
// bad input is rejected with its line number.
#include "cmdqv_cts/trace/cts_trace_format.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cts::trace {
namespace {

TraceEvent event(EventKind k) {
  TraceEvent e;
  e.kind = k;
  return e;
}

Trace sample() {
  Trace t;
  t.profile = harness::Profile::CmdqvHost;
  t.config = config_options(harness::profile_config(harness::Profile::CmdqvHost, "idr0=0xd40101a"));
  t.device = "zoo:conforming";
  t.events.push_back(event(EventKind::Reset));
  TraceEvent r = event(EventKind::Read);
  r.region = model::Region::Cmdqv;
  r.offset = 0x10004;
  r.value = 0xdeadbeef;
  t.events.push_back(r);
  r.fault = true;
  r.size = 8;
  t.events.push_back(r);
  TraceEvent w = event(EventKind::Write);
  w.offset = 0x90;
  w.size = 8;
  w.value = 0x4000000040100004ull;
  t.events.push_back(w);
  w.fault = true;
  t.events.push_back(w);
  TraceEvent m = event(EventKind::Memory);
  m.address = 0x40100000;
  m.bytes = {0x46, 0x10, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0, 0, 0, 0, 0x01};
  t.events.push_back(m);
  TraceEvent c = event(EventKind::Consume);
  c.queue = QueueId{false, 3};
  c.opcode = 0x41;
  c.outcome = 1;
  t.events.push_back(c);
  c.queue = QueueId{};
  c.abort = true;
  c.outcome.reset();
  t.events.push_back(c);
  c.abort = false;
  c.outcome = 0;
  t.events.push_back(c);
  TraceEvent i = event(EventKind::Irq);
  i.irq = model::IrqLine::CmdqvError;
  t.events.push_back(i);
  t.events.push_back(event(EventKind::Run));
  return t;
}

TEST(CtsTraceFormat, EveryEventSurvivesARoundTrip) {
  const Trace t = sample();
  std::ostringstream out;
  write_cts_trace(out, t);
  const Trace back = parse_cts_trace(out.str(), "round-trip");
  EXPECT_EQ(back.profile, t.profile);
  EXPECT_EQ(back.config, t.config);
  EXPECT_EQ(back.device, t.device);
  ASSERT_EQ(back.events.size(), t.events.size());
  for (std::size_t k = 0; k < t.events.size(); ++k) {
    SCOPED_TRACE(format_event(t.events[k]));
    const TraceEvent& a = t.events[k];
    const TraceEvent& b = back.events[k];
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(format_event(a), format_event(b));
    EXPECT_EQ(b.line, k + 5);  // after the four header lines
    EXPECT_EQ(a.bytes, b.bytes);
    EXPECT_EQ(a.queue, b.queue);
    EXPECT_EQ(a.outcome, b.outcome);
    EXPECT_EQ(a.abort, b.abort);
    if (a.kind == EventKind::Read || a.kind == EventKind::Write) {
      EXPECT_EQ(a.value & (a.fault && a.kind == EventKind::Read ? 0 : ~0ull), b.value);
      EXPECT_EQ(a.offset, b.offset);
      EXPECT_EQ(a.size, b.size);
      EXPECT_EQ(a.fault, b.fault);
    }
  }
}

TEST(CtsTraceFormat, TheHeaderConfigRebuildsTheModelConfiguration) {
  const model::ModelConfig c =
      harness::profile_config(harness::Profile::CmdqvGuest, "idr0=0x1d40161b,vintfs_log2=0");
  const model::ModelConfig back =
      harness::profile_config(harness::Profile::CmdqvGuest, config_options(c));
  EXPECT_EQ(back.describe(), c.describe());
  EXPECT_EQ(back.idr0, c.idr0);
  EXPECT_EQ(config_options(back), config_options(c));
}

TEST(CtsTraceFormat, CommentsAndBlankLinesAreAllowedAnywhere) {
  const Trace t = parse_cts_trace(
      "# recorded by hand\n\ncts-trace 1   # v1\nread smmu 0x0 4 0x1 # IDR0\n\n", "f");
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].line, 4u);
}

struct BadInput {
  const char* name;
  const char* text;
  std::size_t line;
  const char* message;
};

void PrintTo(const BadInput& b, std::ostream* os) {
  *os << b.name;
}

class CtsTraceBadInput : public testing::TestWithParam<BadInput> {};

TEST_P(CtsTraceBadInput, IsRejectedWithItsLine) {
  const BadInput& b = GetParam();
  try {
    (void)parse_cts_trace(b.text, "bad.trace");
    FAIL() << "accepted";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.line(), b.line) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.trace:" + std::to_string(b.line) + ": "),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find(b.message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CtsTraceBadInput,
    testing::Values(
        BadInput{"empty_file", "", 1, "empty trace"},
        BadInput{"only_comments", "# nothing\n\n", 1, "empty trace"},
        BadInput{"no_header", "read smmu 0x0 4 0x1\n", 1, "first line must be 'cts-trace 1'"},
        BadInput{"other_version", "cts-trace 2\n", 1, "version '2' is not supported"},
        BadInput{"unknown_event", "cts-trace 1\nread smmu 0x0 4 0x1\npoke smmu 0x0\n", 3,
                 "unknown event 'poke'"},
        BadInput{"truncated_read", "cts-trace 1\nread smmu 0x9c 4\n", 2, "truncated line"},
        BadInput{"truncated_write", "cts-trace 1\n\nwrite smmu\n", 3, "truncated line"},
        BadInput{"non_hex_value", "cts-trace 1\nread smmu 0x9c 4 12\n", 2,
                 "value '12' is not a hex number"},
        BadInput{"garbage_value", "cts-trace 1\nread smmu 0x9c 4 0xzz\n", 2,
                 "value '0xzz' is not a hex number"},
        BadInput{"non_hex_offset", "cts-trace 1\nwrite smmu 0x9g 4 0x1\n", 2,
                 "offset '0x9g' is not a hex number"},
        BadInput{"bad_size", "cts-trace 1\nread smmu 0x9c 2 0x1\n", 2, "access size '2'"},
        BadInput{"value_too_wide", "cts-trace 1\nread smmu 0x9c 4 0x100000000\n", 2,
                 "out of range"},
        BadInput{"unknown_region", "cts-trace 1\nread gic 0x0 4 0x1\n", 2, "unknown region 'gic'"},
        BadInput{"odd_memory_bytes", "cts-trace 1\nmem 0x40000000 461\n", 2,
                 "even number of hex digits"},
        BadInput{"unknown_queue", "cts-trace 1\nconsume evtq 0x46\n", 2, "unknown queue 'evtq'"},
        BadInput{"bad_error_code", "cts-trace 1\nconsume smmu 0x46 err 0\n", 2, "expected 1..127"},
        BadInput{"unknown_irq", "cts-trace 1\nirq evtq\n", 2, "unknown interrupt line 'evtq'"},
        BadInput{"run_with_fields", "cts-trace 1\nrun now\n", 2, "'run' expects no fields"},
        BadInput{"unknown_profile", "cts-trace 1\nprofile qemu\n", 2, "unknown profile 'qemu'"},
        BadInput{"directive_after_event", "cts-trace 1\nreset\nprofile smmuv3\n", 3,
                 "before the first event"}),
    [](const testing::TestParamInfo<BadInput>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace cts::trace
