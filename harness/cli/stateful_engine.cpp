// SPDX-License-Identifier: MIT
// `run --engine rapidcheck`: the RapidCheck state machine of the profile (properties/stateful:
// swarm-selected command kinds, preconditions checked, shrinking) instead of the seeded
// sequences, reported through the same clause tables, expectations and files.
#include "commands.h"
#include "stateful_check.h"

namespace cts::cli {

harness::ProfileRun run_stateful(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s,
                                 const std::string& device, harness::Profile p) {
  const stateful::StatefulResult res = stateful::check_device_stateful(
      s, p, [&] { return open_for(o, s, device, p); },
      stateful::StatefulOptions{o.run.seed, static_cast<int>(o.run.sequences),
                                static_cast<int>(o.run.ops_per_sequence)});
  harness::ProfileRun r{
      p,  device, res.config,   res.steps_searched, res.reads_compared, res.commands_consumed,
      {}, 0,      res.coverage, res.device_failure};
  if (!res.error.empty() && r.device_failure.empty())
    r.device_failure = "RapidCheck could not test: " + res.error;
  if (!res.passed && res.error.empty()) {
    harness::Failure f;
    f.what = res.what;
    f.steps = res.counterexample;
    f.clauses = res.clauses;
    f.shrunk = true;
    f.original_length = res.steps_to_first_failure;
    r.failures.push_back(std::move(f));
    r.failing_sequences = 1;
  }
  r.coverage.deselect_unless(o.run.clause_globs, "not selected by --clauses");
  return r;
}

}  // namespace cts::cli
