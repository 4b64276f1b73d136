// SPDX-License-Identifier: MIT
// Scenarios: a named, replayable sequence of operations in YAML (spec/scenarios/, or saved by
// `cmdqv-cts run --save-failures DIR`), replayed on any device by `cmdqv-cts repro FILE`.
#pragma once

#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/run_ops.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

struct Scenario {
  std::string name;
  std::string description;
  Profile profile = Profile::CmdqvHost;
  std::vector<std::string> clauses;  // what it demonstrates
  std::vector<Op> steps;
  spec::SourceLoc loc;
};

// Throws spec::SpecError naming file:line:column on malformed input.
Scenario parse_scenario(const std::string& file, const std::string& text);
Scenario load_scenario(const std::string& path);
std::string to_yaml(const Scenario& s);

// Replays `s` on `dut` against the model: the first mismatch, if any. Throws DeviceFailure.
struct ScenarioResult {
  std::optional<std::string> mismatch;         // with the operation number
  std::optional<std::string> second_mismatch;  // the second replay, for determinism
};
ScenarioResult replay_scenario(std::shared_ptr<const spec::Spec> spec,
                               const model::ModelConfig& config, Device& dut, const Scenario& s);

}  // namespace cts::harness
