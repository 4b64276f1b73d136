// SPDX-License-Identifier: MIT
// Reads a hand-written trace as CSV, one access a row: `op,offset,value`.
//   op      read | write (4 bytes) or read64 | write64 (8 bytes)
//   offset  hex, in the SMMU page (0x98), or with a region: smmu:0x98, cmdqv:0x1000
//   value   hex: what the read returned, or what was written
// An optional first row `op,offset,value`, blank lines and '#' comments are allowed.
#pragma once

#include <string>

#include "cmdqv_cts/trace/trace_event.h"

namespace cts::trace {

// Throws TraceError (file:line) on an empty file, a row without three fields, an unknown op
// or region, or a value that is not hex.
Trace parse_csv_trace(const std::string& text, const std::string& file);

}  // namespace cts::trace
