// SPDX-License-Identifier: MIT
// Fuzz target: the scenario loader (spec/scenarios/*.yaml, run --save-failures, prove
// --emit-tests). Whatever parses is also written back and parsed again: to_yaml() must produce a
// scenario the loader accepts, with the same steps. SpecError is the answer to bad input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "cmdqv_cts/harness/run_ops.h"
#include "cmdqv_cts/harness/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  cts::harness::Scenario s;
  try {
    s = cts::harness::parse_scenario("fuzz.yaml", text);
  } catch (const cts::spec::SpecError&) {
    return 0;
  }
  const std::string again = cts::harness::to_yaml(s);
  try {
    const cts::harness::Scenario t = cts::harness::parse_scenario("again.yaml", again);
    if (t.steps.size() != s.steps.size() || cts::harness::to_yaml(t) != again) {
      std::cerr << "to_yaml() does not round-trip:\n" << again << "\n";
      std::abort();
    }
  } catch (const cts::spec::SpecError& e) {
    std::cerr << "to_yaml() wrote a scenario the loader refuses: " << e.what() << "\n"
              << again << "\n";
    std::abort();
  }
  return 0;
}
