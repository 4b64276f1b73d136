// SPDX-License-Identifier: MIT
// JSON and JUnit XML reports (see file_reports.h).
#include "cmdqv_cts/harness/file_reports.h"

#include <algorithm>
#include <cstdio>

#include "cmdqv_cts/harness/console_report.h"
#include "text_escape.h"

namespace cts::harness {
namespace {

std::string q(const std::string& s) {
  return json_string(s);
}

std::string status_of(const ClauseTally& t) {
  if (!t.skip_reason.empty()) return "skipped";
  if (t.failures) return "fail";
  return t.exercised ? "pass" : "not-exercised";
}

}  // namespace

void write_json_report(std::ostream& os, const std::vector<ReportedRun>& runs,
                       const RunOptions& options, const std::vector<Expectation>& expectations) {
  os << "{\"schema\": \"cmdqv-cts-report/1\", \"seed\": " << options.seed
     << ", \"sequences\": " << options.sequences
     << ", \"ops_per_sequence\": " << options.ops_per_sequence << ",\n \"runs\": [";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const ProfileRun& r = runs[i].run;
    const Judgement j = judge(r, r.device, expectations);
    os << (i ? "," : "") << "\n  {\"device\": " << q(r.device)
       << ", \"profile\": " << q(to_string(r.profile)) << ", \"config\": " << q(r.config)
       << ", \"passed\": " << (runs[i].passed ? "true" : "false") << ", \"operations\": " << r.ops
       << ", \"reads_compared\": " << r.reads_compared << ", \"commands\": " << r.commands
       << ", \"failing_sequences\": " << r.failing_sequences
       << ", \"device_failure\": " << q(r.device_failure) << ",\n   \"unexpected\": [";
    for (std::size_t k = 0; k < j.unexpected.size(); ++k)
      os << (k ? ", " : "") << q(j.unexpected[k]);
    os << "],\n   \"clauses\": [";
    bool first = true;
    for (const ClauseTally& t : r.coverage.tallies()) {
      std::string expected;
      for (const auto& [id, x] : j.expected) {
        if (id == t.clause->id) expected = x->reason;
      }
      os << (first ? "" : ",") << "\n    {\"id\": " << q(t.clause->id)
         << ", \"confidence\": " << q(std::string(spec::to_string(t.clause->confidence)))
         << ", \"status\": " << q(status_of(t)) << ", \"exercised\": " << t.exercised
         << ", \"first_failure\": " << q(t.first_failure) << ", \"expected\": " << q(expected)
         << ", \"skip_reason\": " << q(t.skip_reason) << ", \"cases\": [";
      bool first_case = true;
      for (const auto& [case_name, k] : t.cases) {
        os << (first_case ? "" : ", ") << "{\"case\": " << q(case_name)
           << ", \"failures\": " << k.failures << ", \"first_failure\": " << q(k.first_failure)
           << "}";
        first_case = false;
      }
      os << "]}";
      first = false;
    }
    os << "],\n   \"disputed_choices\": [";
    for (std::size_t k = 0; k < r.disputed_choices.size(); ++k)
      os << (k ? ", " : "") << q(r.disputed_choices[k]);
    os << "],\n   \"stale_expectations\": [";
    for (std::size_t k = 0; k < j.stale.size(); ++k)
      os << (k ? ", " : "") << q(j.stale[k]->label());
    os << "],\n   \"expectations_not_reached\": [";
    for (std::size_t k = 0; k < j.not_reached.size(); ++k)
      os << (k ? ", " : "") << q(j.not_reached[k]->label());
    os << "],\n   \"counterexamples\": [";
    for (std::size_t k = 0; k < r.failures.size(); ++k) {
      const Failure& f = r.failures[k];
      std::string ids;
      for (const std::string& c : f.clauses) ids += (ids.empty() ? "" : ", ") + q(c);
      os << (k ? "," : "") << "\n    {\"sequence\": " << f.sequence
         << (f.directed_test.empty() ? "" : ", \"directed_test\": " + q(f.directed_test))
         << ", \"clauses\": [" << ids << "], \"what\": " << q(f.what)
         << ", \"shrunk\": " << (f.shrunk ? "true" : "false")
         << ", \"nondeterministic\": " << (f.nondeterministic ? "true" : "false")
         << ", \"reproduce\": " << q(reproduce_command(r, options, f)) << ", \"steps\": [";
      for (std::size_t s = 0; s < f.steps.size(); ++s) os << (s ? ", " : "") << q(f.steps[s]);
      os << "]}";
    }
    os << "]}";
  }
  os << "\n]}\n";
}

void write_junit_report(std::ostream& os, const std::vector<ReportedRun>& runs,
                        const RunOptions& options, const std::vector<Expectation>& expectations) {
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cmdqv-cts\">\n";
  for (const ReportedRun& rr : runs) {
    const ProfileRun& r = rr.run;
    const Judgement j = judge(r, r.device, expectations);
    std::size_t failures = 0, skipped = 0;
    for (const ClauseTally& t : r.coverage.tallies()) {
      const std::string s = status_of(t);
      const bool expected = std::any_of(j.expected.begin(), j.expected.end(),
                                        [&](const auto& e) { return e.first == t.clause->id; });
      failures += s == "fail" && !expected;
      skipped += s == "skipped" || s == "not-exercised";
    }
    const std::string suite = r.device + " " + to_string(r.profile);
    os << " <testsuite name=\"" << escape_xml(suite) << "\" tests=\"" << r.coverage.tallies().size()
       << "\" failures=\"" << failures << "\" errors=\"" << (r.device_failure.empty() ? 0 : 1)
       << "\" skipped=\"" << skipped << "\">\n  <properties>\n   <property name=\"seed\" value=\""
       << options.seed << "\"/>\n"
       << "   <property name=\"config\" value=\"" << escape_xml(r.config) << "\"/>\n";
    if (!r.failures.empty()) {
      os << "   <property name=\"reproduce\" value=\""
         << escape_xml(reproduce_command(r, options, r.failures[0])) << "\"/>\n";
    }
    os << "  </properties>\n";
    if (!r.device_failure.empty()) {
      os << "  <testcase name=\"device\" classname=\"" << escape_xml(suite)
         << "\"><error message=\"" << escape_xml(r.device_failure) << "\"/></testcase>\n";
    }
    for (const ClauseTally& t : r.coverage.tallies()) {
      const std::string s = status_of(t);
      os << "  <testcase name=\"" << t.clause->id << "\" classname=\"" << escape_xml(suite)
         << "\">";
      const auto e = std::find_if(j.expected.begin(), j.expected.end(),
                                  [&](const auto& x) { return x.first == t.clause->id; });
      if (s == "fail" && e == j.expected.end()) {
        os << "<failure message=\"" << escape_xml(t.first_failure) << "\"/>";
      } else if (s == "fail") {
        os << "<skipped message=\"expected deviation: " << escape_xml(e->second->reason) << "\"/>";
      } else if (s == "skipped") {
        os << "<skipped message=\"" << escape_xml(t.skip_reason) << "\"/>";
      } else if (s == "not-exercised") {
        os << "<skipped message=\"not exercised by this run\"/>";
      }
      os << "</testcase>\n";
    }
    os << " </testsuite>\n";
  }
  os << "</testsuites>\n";
}

}  // namespace cts::harness
