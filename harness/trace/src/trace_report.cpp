// SPDX-License-Identifier: MIT
// Console verdict of a trace check (see trace_report.h).
#include "cmdqv_cts/trace/trace_report.h"

#include <iomanip>

namespace cts::trace {
namespace {

constexpr std::size_t kContext = 2;  // lines shown before and after a violation

void print_context(std::ostream& os, const Trace& t, std::size_t line) {
  const std::size_t from = line > kContext ? line - kContext : 1;
  const std::size_t to = std::min(t.lines.size(), line + kContext);
  for (std::size_t n = from; n <= to; ++n) {
    os << "      " << (n == line ? "> " : "  ") << std::setw(6) << n << " | " << t.lines[n - 1]
       << "\n";
  }
}

}  // namespace

void print_trace_verdict(std::ostream& os, const Trace& t, const TraceVerdict& v) {
  os << "== trace " << t.file << " (format " << t.format << ", profile "
     << harness::to_string(v.profile) << ")\n";
  if (!t.device.empty()) os << "   recorded from: " << t.device << "\n";
  os << "   model: " << v.config.describe() << "\n   configured from " << v.config_origin << "\n";
  os << "   " << v.events << " events, " << v.reads_compared << " reads compared, " << v.writes
     << " writes, " << v.commands << " commands consumed, " << v.segments << " reset segment(s)\n";
  for (const SkippedEvents& s : t.skipped) {
    os << "   skipped: " << s.name << " x" << s.count << " (first at line " << s.first_line << ")"
       << (s.known ? "" : ", an event this checker does not know") << "\n";
  }
  for (const std::string& n : t.notes) os << "   note: " << n << "\n";
  os << "   CLAUSE    CONFIDENCE STATUS         EXERCISED\n";
  std::size_t failing = 0, passing = 0, idle = 0;
  for (const harness::ClauseTally& c : v.coverage.tallies()) {
    if (!c.skip_reason.empty()) continue;
    const char* status = c.failures > 0 ? "FAIL" : c.exercised > 0 ? "pass" : "not exercised";
    (c.failures > 0 ? failing : c.exercised > 0 ? passing : idle)++;
    os << "   " << std::left << std::setw(9) << c.clause->id << " " << std::setw(10)
       << spec::to_string(c.clause->confidence) << " " << std::setw(14) << status << " "
       << c.exercised << std::right << "\n";
    if (c.failures == 0) continue;
    os << "      first violation: " << c.first_failure << "\n";
    const auto line = v.first_violation_line.find(c.clause->id);
    if (line != v.first_violation_line.end()) print_context(os, t, line->second);
  }
  for (const Violation& x : v.violations) {
    if (!x.clauses.empty()) continue;
    os << "   violation no clause names: " << x.what << "\n";
    print_context(os, t, x.line);
  }
  for (const std::string& n : v.narrowing) os << "   not checked: " << n << "\n";
  if (v.unchecked_events > 0) {
    os << "   not checked: " << v.unchecked_events
       << " events after a violation (the model and the device have parted; checking resumes at a "
          "reset)\n";
  }
  if (v.conforms()) {
    os << "   verdict: CONFORMS (" << passing << " pass, " << idle << " not exercised"
       << (v.narrowing.empty() ? "" : "; within what the trace records, see 'not checked'")
       << ")\n";
  } else {
    os << "   verdict: DOES NOT CONFORM: first violation at line " << v.violations.front().line
       << " (" << failing << " FAIL, " << passing << " pass, " << idle << " not exercised, "
       << v.violations.size() << " violating segment(s))\n";
  }
}

}  // namespace cts::trace
