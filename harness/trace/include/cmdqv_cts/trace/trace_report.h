// SPDX-License-Identifier: MIT
// The verdict of a trace check on the console: per clause pass/FAIL with the line of its first
// violation, the expected and actual values and the trace lines around it; what was not
// checked; the verdict line.
#pragma once

#include <ostream>

#include "cmdqv_cts/trace/trace_checker.h"

namespace cts::trace {

void print_trace_verdict(std::ostream& os, const Trace& trace, const TraceVerdict& v);

}  // namespace cts::trace
