// SPDX-License-Identifier: MIT
// SparseMemory (see sparse_memory.h).
#include "cmdqv_cts/harness/sparse_memory.h"

#include <algorithm>
#include <cstring>

namespace cts::harness {

bool SparseMemory::read(std::uint64_t addr, void* buf, std::uint32_t len) {
  if (!in_ram(addr, len)) return false;
  auto* out = static_cast<std::uint8_t*>(buf);
  for (std::uint32_t done = 0; done < len;) {
    const std::uint64_t a = addr + done;
    const auto chunk = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(len - done, kPageSize - (a & (kPageSize - 1))));
    const auto it = pages_.find(a >> kPageShift);
    if (it == pages_.end()) {
      std::memset(out + done, 0, chunk);
    } else {
      std::memcpy(out + done, it->second.data() + (a & (kPageSize - 1)), chunk);
    }
    done += chunk;
  }
  return true;
}

bool SparseMemory::write(std::uint64_t addr, const void* buf, std::uint32_t len) {
  if (!in_ram(addr, len)) return false;
  const auto* in = static_cast<const std::uint8_t*>(buf);
  for (std::uint32_t done = 0; done < len;) {
    const std::uint64_t a = addr + done;
    const auto chunk = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(len - done, kPageSize - (a & (kPageSize - 1))));
    auto [it, fresh] = pages_.try_emplace(a >> kPageShift);
    if (fresh) it->second.fill(0);
    std::memcpy(it->second.data() + (a & (kPageSize - 1)), in + done, chunk);
    done += chunk;
  }
  return true;
}

}  // namespace cts::harness
