// SPDX-License-Identifier: MIT
// The base of every command of the state machines. RapidCheck's defaults (apply and run do
// nothing, show prints the type) would let a forgotten override pass silently, so they are
// final here and each command must say what it needs, what it does and how it reads:
//   check(s)  asserts (RC_PRE) everything the command relies on: shrinking replays commands
//             on states they were not generated for;
//   ops(s)    the operations of the differential executor it stands for, built from the
//             state it is applied to (a GERRORN ack writes the GERROR the model holds);
//   book(s)   what a driver remembers beyond the registers (queues brought up, BASE);
//   line()    one readable, replayable line.
// apply runs ops on the model alone; run runs them on the device and a copy of the pre-state
// model through harness::Differential, and fails with the difference and the clauses blamed.
#pragma once

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <ostream>
#include <string>
#include <vector>

#include "command_kind.h"
#include "machine_state.h"

namespace cts::stateful {

class StatefulCommand : public rc::state::Command<MachineState, MachineSut> {
 public:
  virtual CommandKind kind() const = 0;
  virtual void check(const MachineState& s) const = 0;
  virtual std::vector<Op> ops(const MachineState& s) const = 0;
  virtual void book(MachineState& s) const = 0;
  virtual std::string line() const = 0;

  void checkPreconditions(const MachineState& s0) const final { check(s0); }
  void apply(MachineState& s0) const final;
  void run(const MachineState& s0, MachineSut& sut) const final;
  void show(std::ostream& os) const final { os << line(); }

 protected:
  // The device and the model back to reset (the Reset command).
  virtual bool resets() const { return false; }
};

}  // namespace cts::stateful
