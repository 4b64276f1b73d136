// SPDX-License-Identifier: MIT
#include "tree_transform.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace cts::kshim {

void transform_supports_cmd_to_6_12_0(const std::string& tree, const std::string& out_dir) {
  namespace fs = std::filesystem;
  const fs::path sub = "drivers/iommu/arm/arm-smmu-v3";
  const fs::path src = fs::path(tree) / sub / "tegra241-cmdqv.c";
  std::ifstream in(src);
  if (!in) throw TransformError(src.string() + ": cannot read");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();

  // The fixed code: the filter is installed in tegra241_vcmdq_hw_init, after the read-back.
  static const std::regex fixed(
      R"((\n[ \t]*/\*[^\n]*hyp_own[^\n]*\*/)?\n([ \t]*)if \(!vcmdq->vintf->hyp_own\)\n[ \t]*vcmdq->cmdq\.supports_cmd = tegra241_guest_vcmdq_supports_cmd;\n)");
  std::smatch m;
  if (!std::regex_search(text, m, fixed)) {
    throw TransformError(
        src.string() +
        ": no supports_cmd assignment in tegra241_vcmdq_hw_init (already the 6.12.0 ordering?)");
  }
  const std::string indent = m[2];
  text = m.prefix().str() + "\n" + m.suffix().str();

  // Upstream 6.12.0: decided while the LVCMDQ is built, from the zero-allocated VINTF0.
  const std::string anchor = "\treturn arm_smmu_cmdq_init(smmu, cmdq);";
  const auto at = text.find(anchor);
  if (at == std::string::npos) {
    throw TransformError(
        src.string() +
        ": no 'return arm_smmu_cmdq_init(smmu, cmdq);' in tegra241_vcmdq_alloc_smmu_cmdq");
  }
  text.insert(at, indent + "if (!vcmdq->vintf->hyp_own)\n" + indent +
                      "\tcmdq->supports_cmd = tegra241_guest_vcmdq_supports_cmd;\n\n");

  fs::remove_all(out_dir);
  fs::create_directories(fs::path(out_dir) / sub);
  for (const auto& e : fs::directory_iterator(fs::path(tree) / sub)) {
    if (e.is_regular_file()) fs::copy_file(e.path(), fs::path(out_dir) / sub / e.path().filename());
  }
  if (fs::exists(fs::path(tree) / "Makefile"))
    fs::copy_file(fs::path(tree) / "Makefile", fs::path(out_dir) / "Makefile");
  std::ofstream(fs::path(out_dir) / sub / "tegra241-cmdqv.c", std::ios::trunc) << text;
}

}  // namespace cts::kshim
