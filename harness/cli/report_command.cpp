// SPDX-License-Identifier: MIT
// `cmdqv-cts report INPUT...` rebuilds the verdicts and reports of a run from its results file
// (after a crash or a kill, or to re-render); `cmdqv-cts merge OUT_DIR SHARD...` adds the
// results of --shard runs together into one campaign.
#include <filesystem>
#include <iostream>

#include "cmdqv_cts/harness/console_report.h"
#include "commands.h"

namespace cts::cli {
namespace {

// Reads every input; several must be shards of one campaign and are added together.
harness::ResultsFile read_inputs(const std::vector<std::string>& inputs, const spec::Spec& s) {
  std::vector<harness::ResultsFile> files;
  for (const std::string& in : inputs) files.push_back(harness::read_results(in, s));
  if (files.size() == 1 && files.front().options.shard_count == 1) return std::move(files.front());
  return harness::merge_results(files);
}

int judge_and_write(const harness::CliOptions& o, const spec::Spec& s,
                    const harness::ResultsFile& results) {
  for (const std::string& w : results.warnings) std::cout << "cmdqv-cts: warning: " << w << "\n";
  // --expect given here replaces what the run was judged by.
  const harness::ResultsLog::Expectations which =
      o.expect_files.empty() ? results.expectations
                             : harness::ResultsLog::Expectations{o.expect_files, false};
  const std::vector<harness::Expectation> expectations = expectations_for(which, s);
  int worst = results.runs.empty() ? kNonConformance : kConforms;
  if (results.runs.empty())
    std::cout << "cmdqv-cts: the results hold no verdict (the run stopped before any)\n";
  std::vector<harness::ReportedRun> reported;
  for (const harness::ProfileRun& r : results.runs) {
    const bool passed =
        harness::print_report(std::cout, r, results.options, o.verbose, expectations);
    reported.push_back({r, passed});
    if (!passed) worst = kNonConformance;
  }
  if (!results.ended) worst = std::max(worst, static_cast<int>(kNonConformance));
  write_report_files(o, reported, results.options, expectations);
  print_summary(worst);
  return worst;
}

}  // namespace

int report(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  try {
    return judge_and_write(o, *s, read_inputs(o.positional, *s));
  } catch (const harness::ResultsError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  }
}

int merge(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  harness::CliOptions out = o;
  out.report_dir = o.positional.front();
  try {
    const harness::ResultsFile merged =
        read_inputs(std::vector<std::string>(o.positional.begin() + 1, o.positional.end()), *s);
    std::error_code ec;
    std::filesystem::create_directories(out.report_dir, ec);
    if (ec)
      throw harness::UsageError("merge: cannot create '" + out.report_dir + "': " + ec.message());
    {  // The merged campaign as one results file, so that `report OUT_DIR` works on it too.
      harness::ResultsLog log(out.report_dir + "/results.jsonl", merged.options,
                              merged.expectations);
      for (const harness::ProfileRun& r : merged.runs) {
        for (const harness::Failure& f : r.failures) log.failure(r.device, r.profile, f);
        log.run(r);
      }
      if (merged.ended) log.end(0);
    }
    return judge_and_write(out, *s, merged);
  } catch (const harness::ResultsError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  }
}

}  // namespace cts::cli
