// SPDX-License-Identifier: MIT
// A refuted proof obligation as a scenario that `cmdqv-cts repro` replays on any device: the
// counterexample's MMIO accesses in order, and each device step as a queue bring-up, the
// command push and a run.
#pragma once

#include <string>
#include <vector>

#include "cmdqv_cts/harness/scenario.h"

namespace cts::proofs {
struct Counterexample;
struct ObligationInfo;
}  // namespace cts::proofs

namespace cts::harness {

Scenario scenario_from_counterexample(const std::string& name,
                                      const std::vector<std::string>& clauses,
                                      const proofs::Counterexample& cex);

// Runs every obligation (as `prove`), writes each refuted one as DIR/<obligation>.yaml and
// prints what it wrote. Returns the number written.
int save_counterexamples(const std::string& dir, std::ostream& out);

}  // namespace cts::harness
