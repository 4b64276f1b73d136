// SPDX-License-Identifier: MIT
// CSV (op, offset, value) -> Trace (see csv_adapter.h).
#include "cmdqv_cts/trace/csv_adapter.h"

#include "trace_fields.h"

namespace cts::trace {
namespace {

std::string trim(std::string s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  const std::size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(
        trim(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

}  // namespace

Trace parse_csv_trace(const std::string& text, const std::string& file) {
  Trace t;
  t.file = file;
  t.format = "csv";
  t.lines = split_lines(text);
  bool first_row = true;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    const std::size_t n = i + 1;
    const std::string row = trim(t.lines[i].substr(0, t.lines[i].find('#')));
    if (row.empty()) continue;
    const std::vector<std::string> f = split_commas(row);
    auto fail = [&](const std::string& what) { throw TraceError(file, n, what); };
    if (f.size() != 3) {
      fail("expected 3 fields (op,offset,value), got " + std::to_string(f.size()) +
           (f.size() < 3 ? " (truncated row?)" : ""));
    }
    if (first_row && f[0] == "op" && f[1] == "offset" && f[2] == "value") {
      first_row = false;
      continue;
    }
    first_row = false;
    TraceEvent e;
    e.line = n;
    if (f[0] == "read" || f[0] == "read64") {
      e.kind = EventKind::Read;
    } else if (f[0] == "write" || f[0] == "write64") {
      e.kind = EventKind::Write;
    } else {
      fail("unknown op '" + f[0] + "' (known: read, write, read64, write64)");
    }
    e.size = f[0].ends_with("64") ? 8 : 4;
    std::string offset = f[1];
    const std::size_t colon = offset.find(':');
    if (colon != std::string::npos) {
      if (!region_from_name(offset.substr(0, colon), e.region)) {
        fail("unknown region '" + offset.substr(0, colon) + "' (known: smmu, cmdqv)");
      }
      offset = offset.substr(colon + 1);
    }
    if (!parse_hex(offset, e.offset) || e.offset > 0xFFFFFFFF)
      fail("offset '" + f[1] + "' is not a hex offset (0x...)");
    if (!parse_hex(f[2], e.value)) fail("value '" + f[2] + "' is not a hex number (0x...)");
    if (e.size == 4 && e.value > 0xFFFFFFFF)
      fail("value " + f[2] + " does not fit 4 bytes (use " + f[0] + "64)");
    t.events.push_back(e);
  }
  if (t.events.empty())
    throw TraceError(file, t.lines.empty() ? 1 : t.lines.size(), "empty trace: no access");
  return t;
}

}  // namespace cts::trace
