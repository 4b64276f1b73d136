// SPDX-License-Identifier: MIT
// Register names for MMIO offsets ("cmdqv+0x1004 (vintf[0].STATUS)"), from the spec's layout
// for the device's geometry, so that a schedule names the access it preempted.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "cmdqv_cts/model/config.h"
#include "cmdqv_cts/model/layout.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::kshim {

class RegisterNames {
 public:
  RegisterNames(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config);
  // "smmu+0x98 (regs.CMDQ_PROD)"; unknown offsets are printed bare.
  std::string name(unsigned region, std::uint64_t off) const;

 private:
  std::shared_ptr<const spec::Spec> spec_;
  std::unique_ptr<model::Layout> smmu_, cmdqv_;
};

}  // namespace cts::kshim
