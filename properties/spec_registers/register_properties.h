// SPDX-License-Identifier: MIT
// Generic register properties generated from spec/ alone, for every register instance of
// every register file in the profile's view: reset values (REG-1, when reset_known), RO fields
// immutable (REG-2), reserved bits RAZ/WI (REG-3) and guest-view wiring of wired-0-in-guest
// fields (REG-4, and the clauses that list the register: HYP-1 in the guest, HYP-2 on the host).
// A register added to spec/registers/*.yaml gets its properties with no C++ change.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::spec_registers {

enum class PropertyKind { ResetValue, ReadOnly, Reserved, GuestWiring };
const char* to_string(PropertyKind k);

struct RegisterProperty {
  PropertyKind kind = PropertyKind::ResetValue;
  model::Region region = model::Region::Smmu;
  std::uint64_t offset = 0;
  unsigned width = 32;
  std::string instance;                     // "cmdqv:vintf[1].CONFIG"
  const model::RegInstance* reg = nullptr;  // in the layout of the model it was made from
  spec::View view = spec::View::Host;
  std::uint64_t mask = 0;      // the bits the property is about
  std::uint64_t expected = 0;  // ResetValue: the value read after reset
  std::vector<std::string> clauses;
  std::string name() const;  // "reset-value cmdqv:vintf[1].CONFIG"
};

// Every property the spec implies for the model's geometry and view. Keep `m` alive while the
// properties are used (they point into its layout).
std::vector<RegisterProperty> register_properties(const model::ReferenceModel& m);

struct RegisterFailure {
  std::string property;  // RegisterProperty::name()
  std::string field;     // the field(s) whose bits differ, or "RES0 bits 0x..."
  std::vector<std::string> clauses;
  std::string what;  // device against spec value
};

struct RegisterCheckResult {
  std::size_t checked = 0;
  std::vector<RegisterFailure> failures;
  std::string device_failure;
  bool passed() const { return failures.empty() && device_failure.empty(); }
};

// Runs each property from a freshly reset device; `values` random values per written property.
RegisterCheckResult check_register_properties(const std::vector<RegisterProperty>& properties,
                                              harness::Device& dut, std::uint64_t seed,
                                              unsigned values = 4);

// Probes the device's geometry, builds the model of `spec` for it and checks every property.
RegisterCheckResult check_device_registers(std::shared_ptr<const spec::Spec> spec,
                                           harness::Profile profile, harness::Device& dut,
                                           std::uint64_t seed);

}  // namespace cts::spec_registers
