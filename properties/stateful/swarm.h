// SPDX-License-Identifier: MIT
// Swarm testing: each test case enables a random non-empty subset of the command kinds the
// profile offers and generates commands from that subset only, so that rare interleavings
// (say, BASE changes and resets without any register noise) get whole test cases to themselves.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <memory>

#include "stateful_command.h"

namespace cts::stateful {

using CommandPtr = std::shared_ptr<const rc::state::Command<MachineState, MachineSut>>;

// The kinds a profile offers (bit per CommandKind).
std::uint32_t available_kinds(bool has_cmdqv);
// A non-empty subset of `available`.
rc::Gen<std::uint32_t> swarm_subset(std::uint32_t available);
// One command of a kind in `enabled`, for state `s`.
rc::Gen<CommandPtr> swarm_command(const MachineState& s, std::uint32_t enabled);

}  // namespace cts::stateful
