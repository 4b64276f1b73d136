// SPDX-License-Identifier: MIT
// The model's third port, beside Memory and IrqSink: at each decision it reports which clause
// decided the bits it changed, and from which registers. A test bench that keeps these reports
// can charge a difference to the clauses behind the bits that differ (blame at the decision),
// and can check the decision's inputs on the device first, to find where the two parted.
// Passed per call, as memory and interrupts are, so that the model stays a value type.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace cts::model {

enum class Region : std::uint8_t { Smmu = 0, Cmdqv = 1 };  // matches the device ABI

class Observer {
 public:
  virtual ~Observer() = default;
  // Bits `mask` of register instance `id` (of `region`'s layout) now hold what `clause`
  // decided from the current values of `inputs` (instances of the same region). A software
  // write through the register's own offset is reported with an empty clause and no inputs.
  // `clause` has static storage (the model passes literals), so an observer may keep it.
  virtual void decided(Region region, std::int32_t id, std::uint64_t mask, std::string_view clause,
                       std::initializer_list<std::int32_t> inputs) = 0;
  // A command the queue consumed or faulted on decided `id` (its CONS, or its GERROR on an
  // error), with the queue set up by `inputs`. Which clause decided the command's outcome is in
  // the step record the model returns (the opcode's legality rules, the HYP_OWN filter, ...).
  virtual void command_decided(Region region, std::int32_t id,
                               std::initializer_list<std::int32_t> inputs) = 0;
};

}  // namespace cts::model
