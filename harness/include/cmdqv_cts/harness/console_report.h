// SPDX-License-Identifier: MIT
// The verdict of a conformance run as a console table, clause by clause.
#pragma once

#include <ostream>

#include "cmdqv_cts/harness/conformance_run.h"

namespace cts::harness {

// Prints the table and the verdict line; returns true if the device conforms (no FAIL).
bool print_report(std::ostream& os, const ProfileRun& run, const RunOptions& options, bool verbose);

}  // namespace cts::harness
