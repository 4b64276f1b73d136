// SPDX-License-Identifier: MIT
// The cts-trace format (version 1): one line per event, whitespace-separated fields, '#'
// comments. Grammar and example in harness/trace/README.md.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "cmdqv_cts/model/config.h"
#include "cmdqv_cts/trace/trace_event.h"

namespace cts::trace {

inline constexpr int kCtsTraceVersion = 1;
inline constexpr std::uint32_t kMaxMemoryBytes = 4096;  // per mem line

// Parses a whole cts-trace. Throws TraceError naming `file` and the line of the first problem:
// an empty file, a missing or unsupported header, an unknown event, a truncated line, a field
// that is not a hex number or out of range.
Trace parse_cts_trace(const std::string& text, const std::string& file);

// The model options that rebuild `config` exactly (ModelConfig::parse of the profile's view).
std::string config_options(const model::ModelConfig& config);

// The header: version line, profile, config, device.
void write_header(std::ostream& out, harness::Profile profile, const model::ModelConfig& config,
                  const std::string& device);
// One event as one line, without the newline.
std::string format_event(const TraceEvent& e);
// A whole trace (header from its fields, then its events).
void write_cts_trace(std::ostream& out, const Trace& t);

}  // namespace cts::trace
