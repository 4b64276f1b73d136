// SPDX-License-Identifier: MIT
// The registry of proof obligations.
#include "registry.h"

namespace cts::proofs {

std::vector<Obligation> all_obligations() {
  std::vector<Obligation> all;
  for (auto family : {hyp_obligations, queue_obligations, alias_obligations, route_obligations, err_obligations}) {
    for (Obligation& o : family()) all.push_back(std::move(o));
  }
  return all;
}

}  // namespace cts::proofs
