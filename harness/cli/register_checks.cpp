// SPDX-License-Identifier: MIT
// The register properties generated from spec/ (reset values, RO fields, reserved bits, guest
// wiring: properties/spec_registers) as part of every device run, counted in the same clause
// table as the random sequences.
#include <regex>

#include "commands.h"
#include "register_properties.h"

namespace cts::cli {

void check_registers(std::shared_ptr<const spec::Spec> s, const model::ModelConfig& config,
                     harness::Device& dut, std::uint64_t seed, harness::ProfileRun& run) {
  const model::ReferenceModel m(s, config);
  const std::vector<spec_registers::RegisterProperty> properties =
      spec_registers::register_properties(m);
  const spec_registers::RegisterCheckResult r =
      spec_registers::check_register_properties(properties, dut, seed);
  for (const spec_registers::RegisterProperty& p : properties) {
    for (const std::string& c : p.clauses) run.coverage.exercise(c);
  }
  for (const spec_registers::RegisterFailure& f : r.failures) {
    // The case is the property without the instance index: "read-only cmdqv:vcmdq_page0.CONS".
    const std::string case_name = std::regex_replace(f.property, std::regex(R"(\[[0-9]+\])"), "");
    for (const std::string& c : f.clauses)
      run.coverage.fail(c, f.property + ": " + f.what, {case_name});
  }
  run.coverage.close_window();
  if (!r.device_failure.empty() && run.device_failure.empty()) {
    run.device_failure = r.device_failure + " (register properties)";
  }
}

}  // namespace cts::cli
