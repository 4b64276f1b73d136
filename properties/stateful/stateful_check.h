// SPDX-License-Identifier: MIT
// check_device_stateful: the RapidCheck state machine of one profile run against a device,
// with a fixed seed, silently, returning a structured verdict: passed, or the shrunk command
// sequence (one command a line, the failing one last), the difference and the clauses blamed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/clause_coverage.h"
#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device.h"

namespace cts::stateful {

using DeviceFactory = std::function<std::unique_ptr<harness::Device>()>;

struct StatefulResult {
  bool passed = false;
  std::string error;  // RapidCheck could not test (gave up, generation failed, device unopenable)
  // The counterexample, when not passed and no error.
  std::string what;                         // the difference at the failing step
  std::vector<std::string> counterexample;  // shrunk, one command a line, the failing one last
  std::vector<std::string> clauses;         // blamed clause ids
  std::string device_failure;               // the device crashed or hung at the failing step
  std::string rapidcheck_report;            // RapidCheck's own message (seed, shrink path)
  // What the run did.
  std::string config;                 // the model configuration probed from the device
  int test_cases = 0;                 // passed before the failure, or in all
  std::uint64_t steps_searched = 0;   // commands run on the device while searching
  std::uint64_t steps_shrinking = 0;  // commands run on the device while shrinking
  std::uint64_t steps_to_first_failure = 0;
  std::uint64_t reads_compared = 0, commands_consumed = 0;
  double seconds_to_first_failure = 0, seconds = 0;  // measured, for reports
  std::vector<std::uint32_t> swarm_masks;            // per searched test case: enabled kinds
  std::vector<std::uint32_t> executed_kinds;         // per searched test case: kinds that ran
  harness::ClauseCoverage coverage;                  // search phase: exercised and failed clauses
};

struct StatefulOptions {
  std::uint64_t seed = 1;
  int tests = 30;      // test cases (command sequences)
  int max_steps = 24;  // commands per sequence, at most
};

StatefulResult check_device_stateful(std::shared_ptr<const spec::Spec> spec,
                                     harness::Profile profile, const DeviceFactory& device_factory,
                                     const StatefulOptions& options);

// The same, with the arguments spelled out.
inline StatefulResult check_device_stateful(std::shared_ptr<const spec::Spec> spec,
                                            harness::Profile profile,
                                            const DeviceFactory& device_factory, std::uint64_t seed,
                                            int tests, int max_steps) {
  return check_device_stateful(std::move(spec), profile, device_factory,
                               StatefulOptions{seed, tests, max_steps});
}

}  // namespace cts::stateful
