// SPDX-License-Identifier: MIT
// Every proof obligation, by clause family. One .cpp per family defines its list.
#pragma once

#include <vector>

#include "obligation.h"

namespace cts::proofs {

std::vector<Obligation> hyp_obligations();    // hyp_proofs.cpp
std::vector<Obligation> queue_obligations();  // queue_proofs.cpp
std::vector<Obligation> alias_obligations();  // alias_proofs.cpp
std::vector<Obligation> route_obligations();  // route_proofs.cpp
std::vector<Obligation> err_obligations();    // err_proofs.cpp

// All of them, in the order `prove` lists them.
std::vector<Obligation> all_obligations();

}  // namespace cts::proofs
