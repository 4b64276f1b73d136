// SPDX-License-Identifier: MIT
// What `run`, `report` and `merge` share: the expectations that judge a run and the report
// files they write.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cmdqv_cts/harness/html_report.h"
#include "commands.h"

namespace cts::cli {
namespace {

template <class Writer>
void write_file(const std::string& flag, const std::string& path, Writer write) {
  std::ofstream out(path);
  write(out);
  out.close();
  if (!out) throw harness::UsageError(flag + ": cannot write " + path);
}

}  // namespace

std::vector<harness::Expectation> expectations_for(const harness::ResultsLog::Expectations& which,
                                                   const spec::Spec& s) {
  std::vector<harness::Expectation> expectations;
  for (const std::string& f : which.files) {
    for (auto& x : harness::load_expectation_file(f, s)) expectations.push_back(std::move(x));
  }
  if (which.builtin) {
    for (auto& x : harness::load_expectations(harness::embedded_expectation_texts(), s))
      expectations.push_back(std::move(x));
  }
  return expectations;
}

void write_report_files(const harness::CliOptions& o, const std::vector<harness::ReportedRun>& runs,
                        const harness::RunOptions& options,
                        const std::vector<harness::Expectation>& expectations) {
  auto json = [&](std::ostream& out) {
    harness::write_json_report(out, runs, options, expectations);
  };
  auto junit = [&](std::ostream& out) {
    harness::write_junit_report(out, runs, options, expectations);
  };
  auto html = [&](std::ostream& out) {
    harness::write_html_report(out, runs, options, expectations);
  };
  if (!o.json_file.empty()) write_file("--json", o.json_file, json);
  if (!o.junit_file.empty()) write_file("--junit", o.junit_file, junit);
  if (!o.report_dir.empty()) {
    write_file("--report", o.report_dir + "/report.json", json);
    write_file("--report", o.report_dir + "/junit.xml", junit);
    write_file("--report", o.report_dir + "/index.html", html);
    std::cout << "cmdqv-cts: report in " << o.report_dir
              << "/index.html (results.jsonl, report.json, junit.xml)\n";
  }
}

void print_summary(int status, const std::vector<std::string>& skipped) {
  std::cout << "cmdqv-cts: "
            << (status == kConforms ? "PASS (every device conforms, or deviates only as expected)"
                : status == kNonConformance ? "FAIL (a non-conformance or a stale expectation)"
                                            : "CONFIGURATION ERROR");
  if (!skipped.empty()) {
    std::cout << "; SKIPPED " << skipped.size() << " (could not run):";
    for (const std::string& s : skipped) std::cout << " " << s;
  }
  std::cout << "\n";
}

}  // namespace cts::cli
