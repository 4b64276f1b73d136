// SPDX-License-Identifier: MIT
// ALLOC-2 on a real driver: the order in which it maps and unmaps a VINTF's logical queues,
// judged from the CMDQ_ALLOC writes it made.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cts::kshim {

// Checks every CMDQ_ALLOC write so far against ALLOC-2: a logical queue is mapped (ALLOCATED
// 0 -> 1) only while all lower ones of its VINTF are, and unmapped only once all higher ones are
// not. Returns one violation text per offending write.
std::vector<std::string> alloc_order_violations(
    const std::vector<std::pair<unsigned, std::uint32_t>>& writes);

}  // namespace cts::kshim
