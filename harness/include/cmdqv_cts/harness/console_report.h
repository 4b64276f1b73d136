// SPDX-License-Identifier: MIT
// The verdict of a conformance run as a console table, clause by clause.
#pragma once

#include <ostream>
#include <string>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/expectations.h"

namespace cts::harness {

// Prints the table and the verdict line. Returns true if the run passes: no failure but
// expected ones (`expectations` may be empty), no stale expectation, and something was checked.
bool print_report(std::ostream& os, const ProfileRun& run, const RunOptions& options, bool verbose,
                  const std::vector<Expectation>& expectations = {});

// The verdict after expectations: only expected failures, no stale expectation, no device
// failure, and something was checked (a run that checked nothing never passes).
bool run_passes(const ProfileRun& run, const std::vector<Expectation>& expectations);

// The one-line command that replays the sequence or directed test of failure `f` exactly.
std::string reproduce_command(const ProfileRun& run, const RunOptions& options, const Failure& f);

// Where `f` comes from: "sequence 12" or "directed test Q-3-smmu-wrap-4".
std::string failure_origin(const Failure& f);

}  // namespace cts::harness
