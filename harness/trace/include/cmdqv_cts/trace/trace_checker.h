// SPDX-License-Identifier: MIT
// Judges a trace against the reference model: replays its writes and queue memory into the
// model, compares every read (as the differential run does: RES0-free writes, CONS.ERR only
// while an error is active, progress registers once the model has settled), the outcome of
// every consumed command and the interrupt edges, and tags the same clauses as the live run.
// After a violation the model and the device have parted, so checking resumes at the next
// reset. Where the trace lacks what the model needs, the verdict says what was not checked.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/clause_coverage.h"
#include "cmdqv_cts/trace/trace_event.h"

namespace cts::trace {

struct CheckOptions {
  std::optional<harness::Profile> profile;  // for traces without a header (QEMU logs, CSV)
};

struct Violation {
  std::size_t line = 0;              // of the source file
  std::string what;                  // the access or command, expected and actual values
  std::vector<std::string> clauses;  // blamed; empty: no clause names the register
};

// Refers to clauses of the spec it was checked against: keep that spec alive.
struct TraceVerdict {
  explicit TraceVerdict(harness::ClauseCoverage c) : coverage(std::move(c)) {}
  harness::Profile profile = harness::Profile::Smmuv3;
  model::ModelConfig config;
  std::string config_origin;  // where the configuration came from
  harness::ClauseCoverage coverage;
  std::map<std::string, std::size_t> first_violation_line;  // clause id -> line
  std::vector<Violation> violations;   // the first of each reset-delimited segment
  std::vector<std::string> narrowing;  // what was not checked, and why
  std::size_t events = 0, reads_compared = 0, writes = 0, commands = 0, segments = 1;
  std::size_t unchecked_events = 0;  // after a violation, until the next reset
  bool conforms() const { return violations.empty(); }
};

// Throws TraceError (file:line) for a trace of another device: an access outside the regions
// of the configured geometry, a CMDQV access or queue in the smmuv3 profile, identification
// registers that disagree with the header, a header configuration the model rejects, a
// profile that disagrees with options.profile.
TraceVerdict check_trace(std::shared_ptr<const spec::Spec> spec, const Trace& trace,
                         const CheckOptions& options);

}  // namespace cts::trace
