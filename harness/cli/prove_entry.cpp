// SPDX-License-Identifier: MIT
// `cmdqv-cts prove`: the Z3 obligations, plus saving counterexamples and emitting directed tests.
#include <algorithm>
#include <iostream>

#include "cmdqv_cts/harness/counterexample_scenarios.h"
#include "cmdqv_cts/harness/directed_tests.h"
#include "commands.h"
#include "prove_command.h"

namespace cts::cli {

int prove(std::vector<std::string> args) {
  // --save-counterexamples DIR: each refuted obligation as a scenario for `repro`.
  const auto save = std::find(args.begin(), args.end(), "--save-counterexamples");
  if (save != args.end()) {
    if (save + 1 == args.end()) {
      std::cerr << "cmdqv-cts: --save-counterexamples: missing value\n";
      return kConfigError;
    }
    const std::string dir = *(save + 1);
    args.erase(save, save + 2);
    const int status = proofs::run_prove_command(args, std::cout);
    harness::save_counterexamples(dir, std::cout);
    return status;
  }
  // --emit-tests DIR: a Z3 witness per branch of each clause, as directed tests for `run
  // --directed`.
  const auto emit = std::find(args.begin(), args.end(), "--emit-tests");
  if (emit != args.end()) {
    if (emit + 1 == args.end()) {
      std::cerr << "cmdqv-cts: --emit-tests: missing value\n";
      return kConfigError;
    }
    const std::string dir = *(emit + 1);
    args.erase(emit, emit + 2);
    if (!args.empty()) {
      std::cerr << "cmdqv-cts: prove --emit-tests DIR takes no other option (got '" << args.front()
                << "')\n";
      return kConfigError;
    }
    try {
      return harness::emit_directed_tests(dir, std::cout) < 0 ? kNonConformance : kConforms;
    } catch (const std::exception& e) {
      std::cerr << "cmdqv-cts: --emit-tests: " << e.what() << "\n";
      return kConfigError;
    }
  }
  return proofs::run_prove_command(args, std::cout);
}

}  // namespace cts::cli
