// SPDX-License-Identifier: MIT
// The kinds of command a state machine may issue; swarm testing enables a subset of them per
// test case.
#pragma once

#include <cstdint>
#include <string_view>

namespace cts::stateful {

enum class CommandKind : std::uint8_t {
  MmioWrite,  // any register, either page view, 4 or 8 bytes
  MmioRead,
  BringUp,      // a queue brought up the way Linux does
  Push,         // N commands into queue memory, then PROD
  Run,          // the device runs until quiescent (bounded), then progress is compared
  AckGerror,    // GERRORN = GERROR
  EnableCmdqv,  // CMDQV CONFIG.CMDQV_EN on or off
  EnableVintf,  // VINTF CONFIG.EN on or off
  EnableQueue,  // VCMDQ CONFIG.EN or SMMU CR0.CMDQEN on or off
  Alloc,        // CMDQ_ALLOC map or unmap
  BaseChange,   // BASE of a disabled queue: log2size 0, small, or IDR1.CMDQS
  Reset,        // both sides back to reset
};
inline constexpr unsigned kCommandKinds = 12;

std::string_view to_string(CommandKind k);
inline std::uint32_t bit(CommandKind k) {
  return 1u << static_cast<unsigned>(k);
}
// The kinds that need a CMDQV: not offered in the smmuv3 profile.
inline constexpr std::uint32_t kCmdqvOnlyKinds = (1u << 6) | (1u << 7) | (1u << 9);

}  // namespace cts::stateful
