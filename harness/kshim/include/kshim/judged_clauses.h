// SPDX-License-Identifier: MIT
// The driver clauses kshim judges on a real kernel driver (the iommufd user path of 7.x trees,
// explorer/user_path.cpp, and the CMDQ_ALLOC order of every lifecycle): a violation's kind is
// the clause it breaks. `cmdqv-cts list coverage` lists them as checked by "real driver (kshim)".
#pragma once

#include <string>
#include <vector>

namespace cts::kshim {

inline const std::vector<std::string>& kshim_judged_clauses() {
  static const std::vector<std::string> ids = {"UAPI-1", "UAPI-2", "ALLOC-2"};
  return ids;
}

}  // namespace cts::kshim
