// SPDX-License-Identifier: MIT
// Machine-readable reports of a run: JSON (schema "cmdqv-cts-report/1", documented in
// README.md) and JUnit XML (one testcase per clause per device and profile).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/expectations.h"

namespace cts::harness {

struct ReportedRun {
  ProfileRun run;
  bool passed = false;  // after expectations
};

void write_json_report(std::ostream& os, const std::vector<ReportedRun>& runs,
                       const RunOptions& options, const std::vector<Expectation>& expectations);
void write_junit_report(std::ostream& os, const std::vector<ReportedRun>& runs,
                        const RunOptions& options, const std::vector<Expectation>& expectations);

}  // namespace cts::harness
