// SPDX-License-Identifier: MIT
// The CSV adapter: (op, offset, value) rows, regions, and bad rows with their line.
#include "cmdqv_cts/trace/csv_adapter.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace cts::trace {
namespace {

TEST(CsvAdapter, ReadsRowsWithSizesAndRegions) {
  const Trace t = parse_csv_trace(read_data("hand-written.csv"), "hand-written.csv");
  ASSERT_EQ(t.events.size(), 11u);
  EXPECT_EQ(t.events[0].kind, EventKind::Read);
  EXPECT_EQ(t.events[0].line, 4u);
  EXPECT_EQ(t.events[0].value, 0x0d40101au);
  EXPECT_EQ(t.events[5].kind, EventKind::Write);
  EXPECT_EQ(t.events[5].size, 8u);
  EXPECT_EQ(t.events[5].offset, 0x90u);
  EXPECT_EQ(t.events[8].region, model::Region::Smmu);
  const Trace c = parse_csv_trace("read, cmdqv:0x4 , 0x4011\n", "c.csv");
  EXPECT_EQ(c.events[0].region, model::Region::Cmdqv);
  EXPECT_EQ(c.events[0].offset, 0x4u);
}

struct BadCsv {
  const char* name;
  const char* text;
  std::size_t line;
  const char* message;
};

void PrintTo(const BadCsv& b, std::ostream* os) {
  *os << b.name;
}

class CsvBadInput : public testing::TestWithParam<BadCsv> {};

TEST_P(CsvBadInput, IsRejectedWithItsLine) {
  const BadCsv& b = GetParam();
  try {
    (void)parse_csv_trace(b.text, "bad.csv");
    FAIL() << "accepted";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.line(), b.line) << e.what();
    EXPECT_NE(std::string(e.what()).find(b.message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CsvBadInput,
    testing::Values(
        BadCsv{"empty", "", 1, "empty trace"},
        BadCsv{"header_only", "op,offset,value\n", 1, "empty trace"},
        BadCsv{"truncated_row", "read,0x0,0x1\nwrite,0x20\n", 2, "expected 3 fields"},
        BadCsv{"unknown_op", "poke,0x0,0x1\n", 1, "unknown op 'poke'"},
        BadCsv{"non_hex_value", "read,0x0,12\n", 1, "value '12' is not a hex number"},
        BadCsv{"non_hex_offset", "read,zero,0x1\n", 1, "offset 'zero' is not a hex offset"},
        BadCsv{"unknown_region", "read,gic:0x0,0x1\n", 1, "unknown region 'gic'"},
        BadCsv{"value_too_wide", "write,0x90,0x140100004\n", 1, "does not fit 4 bytes"}),
    [](const testing::TestParamInfo<BadCsv>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace cts::trace
