// SPDX-License-Identifier: MIT
#include "alloc_order.h"

#include <map>

namespace cts::kshim {

std::vector<std::string> alloc_order_violations(
    const std::vector<std::pair<unsigned, std::uint32_t>>& writes) {
  struct Slot {
    unsigned vintf = 0, lidx = 0;
    bool allocated = false;
  };
  std::map<unsigned, Slot> state;  // global VCMDQ -> what CMDQ_ALLOC holds
  std::vector<std::string> out;
  for (const auto& [q, v] : writes) {
    const Slot now{(v >> 15) & 0x3f, (v >> 1) & 0x7f, (v & 1) != 0};
    const Slot before = state[q];
    state[q] = now;
    if (now.allocated == before.allocated) continue;
    for (const auto& [other, s] : state) {
      if (other == q || !s.allocated || s.vintf != now.vintf) continue;
      if (now.allocated && s.lidx > now.lidx) {
        out.push_back("VCMDQ " + std::to_string(q) + " mapped as LVCMDQ " +
                      std::to_string(now.lidx) + " of VINTF " + std::to_string(now.vintf) +
                      " while LVCMDQ " + std::to_string(s.lidx) + " is mapped (not ascending)");
      }
      if (!now.allocated && s.lidx > before.lidx) {
        out.push_back("VCMDQ " + std::to_string(q) + " (LVCMDQ " + std::to_string(before.lidx) +
                      " of VINTF " + std::to_string(before.vintf) + ") unmapped while LVCMDQ " +
                      std::to_string(s.lidx) + " is still mapped (not descending)");
      }
    }
  }
  return out;
}

}  // namespace cts::kshim
