// SPDX-License-Identifier: MIT
// RegisterFile over the symbolic domain: the model's generic register semantics (access kinds,
// views, 4/8-byte folding, alias windows) building Z3 terms. Instantiated once, in the .cpp.
//
// Bound: alias windows resolve through a concrete CMDQ_ALLOC map (RegisterFile keeps the map as
// an integer table, refreshed with D::concrete_word). A proof therefore fixes the map, or works
// on alias_owner<Symbolic> directly; writing a symbolic value to CMDQ_ALLOC throws
// SymbolicControlFlowError.
#pragma once

#include "cmdqv_cts/model/register_file.h"
#include "symbolic_domain.h"

namespace cts::model {
extern template class RegisterFile<proofs::Symbolic>;
}  // namespace cts::model

namespace cts::proofs {
using SymbolicRegisterFile = model::RegisterFile<Symbolic>;
}  // namespace cts::proofs
