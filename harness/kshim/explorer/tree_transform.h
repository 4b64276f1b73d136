// SPDX-License-Identifier: MIT
// Builds, in a directory of the build tree, a copy of a kernel tree's arm-smmu-v3 driver with
// one change applied at build time: the supports_cmd assignment moved back to where upstream
// 6.12.0 had it (tegra241_vcmdq_alloc_smmu_cmdq, before HYP_OWN is read back), which is the
// ordering bug fixed by 803e41f36d22. Nothing of the kernel is kept in the repository.
#pragma once

#include <stdexcept>
#include <string>

namespace cts::kshim {

class TransformError : public std::runtime_error {
 public:
  explicit TransformError(const std::string& what) : std::runtime_error(what) {}
};

// Writes the transformed tree to `out_dir` (Makefile and the driver directory). Throws
// TransformError if the tree does not have the fixed ordering to move back.
void transform_supports_cmd_to_6_12_0(const std::string& tree, const std::string& out_dir);

}  // namespace cts::kshim
