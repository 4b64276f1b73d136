// SPDX-License-Identifier: MIT
// RegisterFile: generic access semantics (see register_file.h).
#include "cmdqv_cts/model/register_file_impl.h"

namespace cts::model {

const char* to_string(AccessStatus s) {
  switch (s) {
    case AccessStatus::Ok: return "ok";
    case AccessStatus::Unmapped: return "unmapped offset";
    case AccessStatus::BadSize: return "bad access size";
    case AccessStatus::Misaligned: return "misaligned access";
  }
  return "?";
}

template class RegisterFile<Concrete>;

}  // namespace cts::model
