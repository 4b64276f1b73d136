// SPDX-License-Identifier: MIT
// Argument generators the commands share (called inside RapidCheck's gen::exec, so `*gen`
// draws a value).
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <string>
#include <vector>

#include "machine_state.h"

namespace cts::stateful {

// A queue: VCMDQ q or the SMMU CMDQ (index vcmdqs); mostly one already brought up, if any.
inline std::uint32_t pick_queue(const MachineState& s) {
  std::vector<std::uint32_t> up;
  for (std::uint32_t q = 0; q < s.queues.size(); ++q) {
    if (s.queues[q].brought_up) up.push_back(q);
  }
  if (!up.empty() && *rc::gen::inRange(0, 4) != 0) return *rc::gen::elementOf(up);
  return *rc::gen::inRange<std::uint32_t>(0, s.smmu_queue() + 1);
}

// LOG2SIZE: 0 (one entry: the wrap bit alone), small, or the IDR1.CMDQS maximum.
inline unsigned pick_log2size(const MachineState& s) {
  return *rc::gen::element<unsigned>(0u, 1u, 2u, 3u, 4u, 5u, s.twin.model.config().cmdqs);
}

// A base for queue q: aligned in RAM, sometimes misaligned (Q-5: the device aligns it down).
inline std::uint64_t pick_base(std::uint32_t q, unsigned log2size) {
  std::uint64_t base = MachineState::queue_base_address(q);
  if (*rc::gen::inRange(0, 4) == 0) {
    base |=
        *rc::gen::inRange<std::uint64_t>(0, std::uint64_t{16} << log2size) & ~std::uint64_t{0x1F};
  }
  return base;
}

// A register value: anything, small numbers, one bit, or the VINTF CONFIG fields.
inline std::uint64_t pick_value() {
  return *rc::gen::oneOf(
      rc::gen::resize(100, rc::gen::arbitrary<std::uint64_t>()),
      rc::gen::inRange<std::uint64_t>(0, 4),
      rc::gen::map(rc::gen::inRange(0, 32), [](int k) { return std::uint64_t{1} << k; }),
      rc::gen::inRange<std::uint64_t>(0, 0x40000));
}

inline std::string queue_name(const MachineState& s, std::uint32_t q) {
  return q == s.smmu_queue() ? std::string("the SMMU CMDQ") : "VCMDQ " + std::to_string(q);
}

}  // namespace cts::stateful
