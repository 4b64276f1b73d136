// SPDX-License-Identifier: MIT
// An interrupt sink that counts the pulses of each line: edges are compared as counts.
#pragma once

#include <array>
#include <cstddef>

#include "cmdqv_cts/model/ports.h"

namespace cts::harness {

class CountingIrq final : public model::IrqSink {
 public:
  static constexpr std::size_t kLines = 3;
  void pulse(model::IrqLine line) override { ++counts_[static_cast<std::size_t>(line)]; }
  std::size_t count(model::IrqLine line) const { return counts_[static_cast<std::size_t>(line)]; }

 private:
  std::array<std::size_t, kLines> counts_{};
};

}  // namespace cts::harness
