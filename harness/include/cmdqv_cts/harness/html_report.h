// SPDX-License-Identifier: MIT
// The HTML report of a run (index.html of --report DIR): the clause matrix (device and profile
// x clause family), each run's clause table, and each counterexample as a sequence diagram in
// inline SVG. One self-contained file: no script, no external resource.
#pragma once

#include <ostream>
#include <vector>

#include "cmdqv_cts/harness/expectations.h"
#include "cmdqv_cts/harness/file_reports.h"

namespace cts::harness {

void write_html_report(std::ostream& os, const std::vector<ReportedRun>& runs,
                       const RunOptions& options, const std::vector<Expectation>& expectations);

}  // namespace cts::harness
