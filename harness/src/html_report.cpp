// SPDX-License-Identifier: MIT
// HTML report with SVG sequence diagrams (see html_report.h).
#include "cmdqv_cts/harness/html_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "cmdqv_cts/harness/console_report.h"
#include "text_escape.h"

namespace cts::harness {
namespace {

std::string h(const std::string& s) {
  return escape_xml(s);
}

enum class Cell { Pass, Fail, Expected, NotExercised, Skipped };

const char* css_class(Cell c) {
  switch (c) {
    case Cell::Pass:
      return "pass";
    case Cell::Fail:
      return "fail";
    case Cell::Expected:
      return "expected";
    case Cell::NotExercised:
      return "unexercised";
    case Cell::Skipped:
      return "skipped";
  }
  return "";
}

Cell cell_of(const ClauseTally& t, const Judgement& j) {
  if (!t.skip_reason.empty()) return Cell::Skipped;
  if (t.failures) {
    const bool expected = std::any_of(j.expected.begin(), j.expected.end(),
                                      [&](const auto& e) { return e.first == t.clause->id; });
    return expected ? Cell::Expected : Cell::Fail;
  }
  return t.exercised ? Cell::Pass : Cell::NotExercised;
}

std::string anchor(const ProfileRun& r) {
  std::string a = "run-" + r.device + "-" + to_string(r.profile);
  for (char& c : a) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';
  }
  return a;
}

// A family's cell in the matrix: the worst status of its clauses, and how many passed.
void matrix_cell(std::ostream& os, const ProfileRun& r, const Judgement& j,
                 const std::string& family) {
  std::size_t pass = 0, total = 0, fail = 0, expected = 0;
  for (const ClauseTally& t : r.coverage.tallies()) {
    if (t.clause->family != family) continue;
    const Cell c = cell_of(t, j);
    if (c == Cell::Skipped) continue;
    ++total;
    pass += c == Cell::Pass;
    fail += c == Cell::Fail;
    expected += c == Cell::Expected;
  }
  if (total == 0) {
    os << "<td class=\"skipped\">&ndash;</td>";
  } else if (fail) {
    os << "<td class=\"fail\">FAIL " << fail << "/" << total << "</td>";
  } else if (expected) {
    os << "<td class=\"expected\">expected " << expected << "/" << total << "</td>";
  } else {
    os << "<td class=\"" << (pass == total ? "pass" : "unexercised") << "\">" << pass << "/"
       << total << "</td>";
  }
}

// The counterexample as a sequence diagram: the suite sends each step to the device and to
// the model; the last step is where their answers differ.
void sequence_diagram(std::ostream& os, const Failure& f) {
  constexpr int kTop = 50, kRow = 30, kSuite = 90, kDevice = 520, kModel = 760, kWidth = 860;
  const int rows = static_cast<int>(f.steps.size());
  const int height = kTop + rows * kRow + 70;
  os << "<svg class=\"sequence\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth
     << "\" height=\"" << height << "\" viewBox=\"0 0 " << kWidth << " " << height
     << "\" role=\"img\" aria-label=\"sequence diagram of " << rows << " steps\">\n"
     << "<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"8\" refY=\"4\" "
        "orient=\"auto\">"
     << "<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#444\"/></marker></defs>\n";
  const std::pair<int, const char*> lifelines[] = {
      {kSuite, "suite"}, {kDevice, "device"}, {kModel, "model"}};
  for (const auto& [x, name] : lifelines) {
    os << "<rect x=\"" << x - 45
       << "\" y=\"8\" width=\"90\" height=\"26\" rx=\"4\" class=\"actor\"/>"
       << "<text x=\"" << x << "\" y=\"26\" text-anchor=\"middle\" class=\"actor-name\">" << name
       << "</text>"
       << "<line x1=\"" << x << "\" y1=\"34\" x2=\"" << x << "\" y2=\"" << height - 10
       << "\" class=\"lifeline\"/>\n";
  }
  for (int k = 0; k < rows; ++k) {
    const int y = kTop + k * kRow + 14;
    const bool last = k + 1 == rows;
    os << "<g class=\"step" << (last ? " failing" : "") << "\"><text x=\"" << kSuite + 8
       << "\" y=\"" << y - 4 << "\" class=\"label\">" << k + 1 << ". "
       << h(f.steps[static_cast<std::size_t>(k)]) << "</text>"
       << "<line x1=\"" << kSuite << "\" y1=\"" << y << "\" x2=\"" << kDevice << "\" y2=\"" << y
       << "\" marker-end=\"url(#arrow)\"/>"
       << "<line x1=\"" << kDevice << "\" y1=\"" << y << "\" x2=\"" << kModel << "\" y2=\"" << y
       << "\" class=\"mirror\" marker-end=\"url(#arrow)\"/></g>\n";
  }
  const int y = kTop + rows * kRow + 20;
  os << "<rect x=\"" << kSuite - 45 << "\" y=\"" << y - 16 << "\" width=\"" << kModel - kSuite + 90
     << "\" height=\"40\" class=\"mismatch\"/><text x=\"" << kSuite - 37 << "\" y=\"" << y + 8
     << "\" class=\"mismatch-text\">&#x2260; " << h(f.what) << "</text>\n</svg>\n";
}

void run_section(std::ostream& os, const ReportedRun& rr, const RunOptions& options,
                 const Judgement& j) {
  const ProfileRun& r = rr.run;
  os << "<section id=\"" << anchor(r) << "\"><h2>" << h(r.device) << " &middot; "
     << to_string(r.profile) << " <span class=\"" << (rr.passed ? "pass" : "fail") << "\">"
     << (rr.passed ? "PASS" : "FAIL") << "</span></h2>\n"
     << "<p class=\"config\">" << h(r.config) << "<br>" << r.ops << " operations, "
     << r.reads_compared << " reads compared, " << r.commands << " commands consumed, "
     << r.failing_sequences << " failing sequences</p>\n";
  if (!r.device_failure.empty())
    os << "<p class=\"fail\">" << (r.interrupted ? "INTERRUPTED: " : "DEVICE FAILED: ")
       << h(r.device_failure) << "</p>\n";
  for (const Expectation* x : j.held)
    os << "<p class=\"expected\">expected: " << h(x->label()) << ": " << h(x->reason) << "</p>\n";
  for (const std::string& u : j.unexpected) os << "<p class=\"fail\">NEW: " << h(u) << "</p>\n";
  for (const std::string& choice : r.disputed_choices)
    os << "<p class=\"expected\">permitted outcome chosen: " << h(choice) << "</p>\n";
  for (const Expectation* x : j.stale) {
    os << "<p class=\"fail\">STALE expectation (" << h(x->loc.str()) << "): " << h(x->label())
       << " was expected to fail but did not</p>\n";
  }
  for (const Failure& f : r.failures) {
    std::string ids;
    for (const std::string& c : f.clauses) ids += (ids.empty() ? "" : ", ") + c;
    os << "<div class=\"counterexample\"><h3>counterexample"
       << (ids.empty() ? "" : " for " + h(ids)) << " (" << h(failure_origin(f)) << ", "
       << f.steps.size() << " of " << f.original_length << " operations"
       << (f.shrunk ? ", shrunk" : "") << ")</h3>\n";
    sequence_diagram(os, f);
    if (f.nondeterministic)
      os << "<p class=\"fail\">the device answered two replays differently "
            "(non-deterministic)</p>\n";
    os << "<p>reproduce: <code>" << h(reproduce_command(r, options, f)) << "</code></p></div>\n";
  }
  os << "<table "
        "class=\"clauses\"><tr><th>clause</th><th>confidence</th><th>status</th><th>exercised</th>"
        "<th>detail</th></tr>\n";
  for (const ClauseTally& t : r.coverage.tallies()) {
    const Cell c = cell_of(t, j);
    const std::string detail = !t.skip_reason.empty() ? t.skip_reason : t.first_failure;
    os << "<tr class=\"" << css_class(c) << "\"><td title=\"" << h(t.clause->text) << "\">"
       << h(t.clause->id) << "</td><td>" << spec::to_string(t.clause->confidence) << "</td><td>"
       << css_class(c) << "</td><td>" << t.exercised << "</td><td>" << h(detail) << "</td></tr>\n";
  }
  os << "</table>\n";
  os << "</section>\n";
}

}  // namespace

void write_html_report(std::ostream& os, const std::vector<ReportedRun>& runs,
                       const RunOptions& options, const std::vector<Expectation>& expectations) {
  std::vector<std::string> families;  // in spec order
  for (const ReportedRun& rr : runs) {
    for (const ClauseTally& t : rr.run.coverage.tallies()) {
      if (std::find(families.begin(), families.end(), t.clause->family) == families.end())
        families.push_back(t.clause->family);
    }
  }
  const bool all_pass =
      std::all_of(runs.begin(), runs.end(), [](const ReportedRun& r) { return r.passed; });
  os << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cmdqv-cts "
        "report</title>\n<style>\n"
        "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:"
        "1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}"
        ".pass{background:#d9f2d9}.fail{background:#f8d0d0}.expected{background:#fcebc2}"
        ".unexercised{background:#eee}.skipped{color:#888}"
        "svg.sequence{font-family:monospace;font-size:12px;display:block;margin:.5em 0}"
        "svg .actor{fill:#e8eef8;stroke:#456}svg .actor-name{font-weight:bold}"
        "svg .lifeline{stroke:#999;stroke-dasharray:4 3}svg line{stroke:#444}svg "
        ".mirror{stroke-dasharray:3 3}"
        "svg .failing line{stroke:#c00}svg .mismatch{fill:#fde0e0;stroke:#c00}svg "
        ".mismatch-text{fill:#900}"
        "code{background:#f4f4f4;padding:2px 4px}\n</style></head><body>\n"
     << "<h1>cmdqv-cts: " << (all_pass ? "PASS" : "FAIL") << "</h1>\n<p>seed " << options.seed
     << ", sequences " << options.first_sequence << ".."
     << options.first_sequence + options.sequences - 1 << " x " << options.ops_per_sequence
     << " operations"
     << (options.shard_count > 1 ? ", shard " + std::to_string(options.shard_index) + "/" +
                                       std::to_string(options.shard_count)
                                 : std::string())
     << "</p>\n<table class=\"matrix\"><tr><th>device</th><th>profile</th><th>verdict</th>";
  for (const std::string& f : families) os << "<th>" << h(f) << "</th>";
  os << "</tr>\n";
  std::vector<Judgement> judgements;
  for (const ReportedRun& rr : runs) {
    judgements.push_back(judge(rr.run, rr.run.device, expectations));
    const Judgement& j = judgements.back();
    os << "<tr><td><a href=\"#" << anchor(rr.run) << "\">" << h(rr.run.device) << "</a></td><td>"
       << to_string(rr.run.profile) << "</td><td class=\"" << (rr.passed ? "pass" : "fail") << "\">"
       << (!rr.passed        ? std::string("FAIL")
           : !j.held.empty() ? "PASS (" + std::to_string(j.held.size()) + " expected)"
                             : std::string("PASS"))
       << "</td>";
    for (const std::string& f : families) matrix_cell(os, rr.run, j, f);
    os << "</tr>\n";
  }
  os << "</table>\n";
  for (std::size_t i = 0; i < runs.size(); ++i) run_section(os, runs[i], options, judgements[i]);
  os << "</body></html>\n";
}

}  // namespace cts::harness
