// SPDX-License-Identifier: MIT
// Every MMIO write a transition proof must consider: each 32-bit word of each register instance
// and each 8-byte access that covers one, through the global pages and the VINTF logical pages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cmdqv_cts/model/layout.h"

namespace cts::proofs {

struct WriteSite {
  std::uint64_t offset = 0;
  unsigned size = 4;
  std::string what;  // e.g. "vintf[0].CONFIG" or "vintf_page0[1].slot[0].PROD"
};

// Sites in ascending offset order. Blocks named in `skip` are left out (e.g. "cmdq_alloc", whose
// writes must be concrete). Offsets that decode to nothing are not sites: RegisterFile::write
// returns Unmapped there before touching any storage.
std::vector<WriteSite> write_sites(const model::Layout& layout, const std::vector<std::string>& skip,
                                   bool alias_windows);

}  // namespace cts::proofs
