// SPDX-License-Identifier: MIT
// A driver scenario: a list of lifecycle steps, commands and test-bench events, run on a fresh
// DriverModel over a bus, with the IRQ firing where an IrqSchedule says. Used by the randomized
// properties and by the VMM x kernel matrix; shrink_steps() finds a minimal failing list.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/driver/driver_model.h"

namespace cts::driver {

enum class StepKind : std::uint8_t {
  StaleError,  // test bench, before probe: a previous kernel left LVCMDQ `index` stopped on an
               // error
  Probe,
  InitStructures,
  DeviceReset,
  Issue,  // the driver issues `opcode` on cpu `index`
  Fault,  // test bench: an illegal command lands on LVCMDQ `index` (the ISR must skip it)
  Remove,
};

struct DriverStep {
  StepKind kind = StepKind::Probe;
  std::uint8_t opcode = 0;
  std::uint32_t index = 0;
};

std::string describe(const DriverStep& s);

struct ScenarioResult {
  std::vector<Violation> violations;
  std::uint32_t rejected_steps = 0;  // steps whose precondition did not hold (skipped)
  std::uint64_t micro_steps = 0;
  std::string bus_error;  // the device failed the driver (DriverBusError); the run stopped
  const Violation* first() const { return violations.empty() ? nullptr : &violations.front(); }
};

ScenarioResult run_driver_scenario(const DriverVariant& variant, DriverBus& bus,
                                   const std::vector<DriverStep>& steps,
                                   const IrqSchedule& schedule = {});

// probe, init_structures, device_reset.
std::vector<DriverStep> bring_up_steps();

// Greedy one-step-at-a-time removal until nothing can go: the shortest list for which `fails`
// still holds. `fails` replays a candidate (on a reset device) and says whether it still shows
// the failure. At most `max_replays` replays.
std::vector<DriverStep> shrink_steps(
    std::vector<DriverStep> steps, const std::function<bool(const std::vector<DriverStep>&)>& fails,
    unsigned max_replays = 400);

}  // namespace cts::driver
