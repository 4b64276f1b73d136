// SPDX-License-Identifier: MIT
// The parts of the qemu-cmdqv build that read text: missing QEMU symbols from compiler and
// linker output, and the trace header made from a tree's trace-events.
#include "qemu_tree_build.h"

#include <gtest/gtest.h>

namespace cts::harness::qemu_cmdqv {
namespace {

TEST(MissingQemuSymbols, GccCompilerAndLinkerOutput) {
  const std::string out =
      "tegra241-cmdqv.c:12:10: fatal error: hw/core/qdev-properties.h: No such file or directory\n"
      "tegra241-cmdqv.c:40:3: error: unknown type name 'VFIOContainer'\n"
      "tegra241-cmdqv.c:41:9: warning: implicit declaration of function "
      "'iommufd_backend_invalidate_cache' "
      "[-Wimplicit-function-declaration]\n"
      "tegra241-cmdqv.c:41:9: warning: implicit declaration of function "
      "'iommufd_backend_invalidate_cache'\n"
      "tegra241-cmdqv.c:42:20: error: 'VFIO_MAX_CONTAINERS' undeclared (first use in this "
      "function)\n"
      "tegra241-cmdqv.c:51:5: error: 'IOMMUFDViommu' has no member named 's2_hwpt'\n"
      "/usr/bin/ld: tegra241-cmdqv.o: in function `f': undefined reference to `qemu_ram_get_fd'\n";
  const std::vector<std::string> want = {"<hw/core/qdev-properties.h> (header)",
                                         "VFIOContainer (type)",
                                         "iommufd_backend_invalidate_cache (function)",
                                         "VFIO_MAX_CONTAINERS (identifier)",
                                         "IOMMUFDViommu.s2_hwpt (member)",
                                         "qemu_ram_get_fd (symbol)"};
  EXPECT_EQ(missing_qemu_symbols(out), want);
}

TEST(MissingQemuSymbols, ClangOutput) {
  const std::string out =
      "tegra241-cmdqv.c:3:10: fatal error: 'hw/core/qdev-properties.h' file not found\n"
      "tegra241-cmdqv.c:9:5: error: call to undeclared function 'qemu_ram_get_fd'\n"
      "tegra241-cmdqv.c:9:5: error: use of undeclared identifier 'VFIO_MAX_CONTAINERS'\n";
  const std::vector<std::string> want = {"<hw/core/qdev-properties.h> (header)",
                                         "qemu_ram_get_fd (function)",
                                         "VFIO_MAX_CONTAINERS (identifier)"};
  EXPECT_EQ(missing_qemu_symbols(out), want);
}

TEST(MissingQemuSymbols, NothingMissingInAnOtherwiseFailedBuild) {
  EXPECT_TRUE(
      missing_qemu_symbols("tegra241-cmdqv.c:1:1: error: expected ';' before '}' token\n").empty());
}

TEST(TraceHeader, EveryEventBecomesANoOpWithItsArguments) {
  const std::string events =
      "# tegra241-cmdqv\n"
      "tegra241_cmdqv_read_mmio(uint64_t offset, uint64_t val, unsigned size) \"offset: "
      "0x%\"PRIx64\n"
      "disable smmu_old(void) \"x\"\n"
      "tegra241_cmdqv_none() \"\"\n"
      "\n";
  const std::string h = trace_header_from_events(events);
  EXPECT_NE(h.find("static inline void trace_tegra241_cmdqv_read_mmio(uint64_t offset, uint64_t "
                   "val, unsigned size) {}"),
            std::string::npos);
  EXPECT_NE(h.find("static inline void trace_smmu_old(void) {}"), std::string::npos);
  EXPECT_NE(h.find("static inline void trace_tegra241_cmdqv_none(void) {}"), std::string::npos);
  EXPECT_EQ(h.find("trace_tegra241 "), std::string::npos);
}

}  // namespace
}  // namespace cts::harness::qemu_cmdqv
