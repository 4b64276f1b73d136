// SPDX-License-Identifier: MIT
// Whole-device commands: let it run, or reset it.
#pragma once

#include "stateful_command.h"

namespace cts::stateful {

// Both sides run until quiescent (the device: run() again while its queues still move, up to
// a bound), then every progress register and interrupt count is compared. A device that
// never consumes a legal command differs in CONS here (Q-*, EN-*), it does not hang the suite.
class Run final : public StatefulCommand {
 public:
  CommandKind kind() const override { return CommandKind::Run; }
  void check(const MachineState&) const override {}  // legal in every state
  std::vector<Op> ops(const MachineState&) const override { return {Op{}}; }
  void book(MachineState&) const override {}
  std::string line() const override { return "run"; }
};

class Reset final : public StatefulCommand {
 public:
  CommandKind kind() const override { return CommandKind::Reset; }
  void check(const MachineState&) const override {}  // legal in every state
  std::vector<Op> ops(const MachineState&) const override { return {}; }
  void book(MachineState&) const override {}
  std::string line() const override { return "reset (device and model)"; }

 protected:
  bool resets() const override { return true; }
};

}  // namespace cts::stateful
