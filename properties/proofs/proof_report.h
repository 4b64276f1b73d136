// SPDX-License-Identifier: MIT
// Reports of a prove run: the console table and the JSON document.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "obligation.h"

namespace cts::proofs {

struct ProofResult {
  const Obligation* obligation = nullptr;
  Verdict verdict;
};

struct ProofRun {
  std::string z3_version;
  RunOptions options;
  std::vector<ProofResult> results;
  double total_ms = 0;
  std::size_t not_selected = 0;  // registered obligations left out by --only (reported, never green)
  bool passed() const;
};

// One line per obligation; under a refuted or unknown one, what it means and the counterexample.
void print_table(const ProofRun& run, bool details, std::ostream& out);
void print_json(const ProofRun& run, std::ostream& out);
// One line per obligation: its name, clauses, expectation and rule.
void print_list(const std::vector<Obligation>& obligations, std::ostream& out);

}  // namespace cts::proofs
