// SPDX-License-Identifier: MIT
// The one instantiation of RegisterFile<Symbolic>.
#include "symbolic_register_file.h"

#include "cmdqv_cts/model/register_file_impl.h"

namespace cts::model {
template class RegisterFile<proofs::Symbolic>;
}  // namespace cts::model
