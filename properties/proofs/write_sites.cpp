// SPDX-License-Identifier: MIT
// Enumerates the write sites of a layout (see write_sites.h).
#include "write_sites.h"

#include <algorithm>
#include <map>

namespace cts::proofs {

std::vector<WriteSite> write_sites(const model::Layout& layout, const std::vector<std::string>& skip,
                                   bool alias_windows) {
  std::map<std::uint64_t, std::string> words;  // 4-byte offset -> what
  auto skipped = [&](const std::string& block) { return std::find(skip.begin(), skip.end(), block) != skip.end(); };
  for (const model::RegInstance& ri : layout.instances()) {
    if (skipped(ri.block->name)) continue;
    for (unsigned half = 0; half < ri.width / 32; ++half) {
      words[ri.offset + 4 * half] = ri.name() + (ri.width == 64 ? (half ? ".hi" : ".lo") : "");
    }
  }
  if (alias_windows) {
    for (const model::AliasInfo& ai : layout.aliases()) {
      const model::BlockInfo& tb = layout.blocks()[ai.target_block];
      if (skipped(ai.block->name) || skipped(tb.block->name)) continue;
      const std::uint64_t slot_stride = ai.block->alias->slot_stride;
      for (std::uint32_t i = 0; i < ai.instances; ++i) {
        for (std::uint32_t l = 0; l < ai.slots; ++l) {
          for (std::uint32_t k = 0; k < tb.per_instance; ++k) {
            const model::RegInstance& ri = layout.instances()[tb.first_instance + k];
            const std::uint64_t in_block = ri.offset - tb.block->base;
            const std::uint64_t base = ai.block->base + i * ai.block->stride + l * slot_stride + in_block;
            for (unsigned half = 0; half < ri.width / 32; ++half) {
              words[base + 4 * half] = ai.block->name + "[" + std::to_string(i) + "].slot[" + std::to_string(l) +
                                       "]." + ri.reg->name + (ri.width == 64 ? (half ? ".hi" : ".lo") : "");
            }
          }
        }
      }
    }
  }
  std::vector<WriteSite> out;
  std::uint64_t last_dword = ~0ull;
  for (const auto& [off, what] : words) {
    out.push_back({off, 4, what});
    const std::uint64_t dword = off & ~7ull;
    if (dword == last_dword) continue;
    last_dword = dword;
    out.push_back({dword, 8, what + " (8-byte)"});
  }
  return out;
}

}  // namespace cts::proofs
