// SPDX-License-Identifier: MIT
// The parsers kshim reports with: missing kernel symbols from compiler and linker output, and
// the sanitizer report of a schedule.
#include "kernel_build.h"

#include <gtest/gtest.h>

#include "sanitizer_report.h"

namespace cts::kshim {
namespace {

TEST(MissingKernelSymbols, GccCompilerAndLinkerOutput) {
  const std::string out =
      "tegra241-cmdqv.c:12:10: fatal error: linux/platform_device.h: No such file or directory\n"
      "tegra241-cmdqv.c:40:3: error: unknown type name 'iommufd_hw_queue_t'\n"
      "tegra241-cmdqv.c:41:9: warning: implicit declaration of function "
      "'iommufd_viommu_report_event' "
      "[-Wimplicit-function-declaration]\n"
      "tegra241-cmdqv.c:41:9: warning: implicit declaration of function "
      "'iommufd_viommu_report_event'\n"
      "tegra241-cmdqv.c:42:20: error: 'IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV' undeclared (first use in "
      "this function)\n"
      "tegra241-cmdqv.c:50:5: error: invalid use of undefined type 'struct iommufd_viommu'\n"
      "tegra241-cmdqv.c:51:5: error: 'struct arm_smmu_device' has no member named 'vsmmu_size'\n"
      "/usr/bin/ld: tegra241-cmdqv.o: in function `f': undefined reference to "
      "`iommu_get_iommu_dev'\n";
  const std::vector<std::string> want = {"<linux/platform_device.h> (header)",
                                         "iommufd_hw_queue_t (type)",
                                         "iommufd_viommu_report_event (function)",
                                         "IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV (identifier)",
                                         "struct iommufd_viommu (type)",
                                         "struct arm_smmu_device.vsmmu_size (member)",
                                         "iommu_get_iommu_dev (symbol)"};
  EXPECT_EQ(missing_kernel_symbols(out), want);
}

TEST(MissingKernelSymbols, ClangOutput) {
  const std::string out =
      "a.c:1:10: fatal error: 'linux/iommufd.h' file not found\n"
      "a.c:3:3: error: call to undeclared function 'iommufd_hw_queue_alloc'; ISO C99 and later do "
      "not "
      "support implicit function declarations\n"
      "a.c:4:3: error: use of undeclared identifier 'IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV'\n";
  const std::vector<std::string> want = {"<linux/iommufd.h> (header)",
                                         "iommufd_hw_queue_alloc (function)",
                                         "IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV (identifier)"};
  EXPECT_EQ(missing_kernel_symbols(out), want);
}

TEST(MissingKernelSymbols, NothingMissingInOtherErrors) {
  EXPECT_TRUE(missing_kernel_symbols("a.c:1:1: error: expected ';' before '}' token\n").empty());
}

TEST(SanitizerReport, UseAfterFreeInTheIsr) {
  const std::string out =
      "@kshim preempted 0x7f00 #131 kfree\n"
      "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x1 bp "
      "0x2 sp 0x3\n"
      "READ of size 8 at 0x602000000010 thread T0\n"
      "    #0 0x7f1 in tegra241_vintf0_handle_error /src/tegra241-cmdqv.c:266:13\n"
      "    #1 0x7f2 in tegra241_cmdqv_isr /src/tegra241-cmdqv.c:301\n"
      "    #2 0x7f3 in kshim_irq_raise ../runtime/irq.c:60\n"
      "    #3 0x7f4 in tegra241_cmdqv_remove /src/tegra241-cmdqv.c:680\n"
      "\n"
      "freed by thread T0 here:\n"
      "    #0 0x7f5 in __interceptor_free asan_malloc_linux.cpp:52\n"
      "    #1 0x7f6 in kshim_kfree ../runtime/heap.c:55\n"
      "    #2 0x7f7 in tegra241_cmdqv_deinit_vintf /src/tegra241-cmdqv.c:609\n"
      "\n"
      "previously allocated by thread T0 here:\n"
      "    #0 0x7f8 in malloc x.cpp:1\n";
  const SanitizerReport r = parse_sanitizer_report(out);
  ASSERT_TRUE(r.present);
  EXPECT_EQ(r.kind, "heap-use-after-free");
  EXPECT_EQ(r.access, "READ of size 8");
  ASSERT_EQ(r.stack.size(), 4u);
  EXPECT_EQ(join_frames(kernel_frames(r.stack), " <- "),
            "tegra241_vintf0_handle_error (tegra241-cmdqv.c:266:13) <- tegra241_cmdqv_isr "
            "(tegra241-cmdqv.c:301)");
  EXPECT_EQ(join_frames(kernel_frames(r.freed), " <- "),
            "tegra241_cmdqv_deinit_vintf (tegra241-cmdqv.c:609)");
}

TEST(SanitizerReport, SegvOnNull) {
  const SanitizerReport r = parse_sanitizer_report(
      "==2==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000018 (pc 0x1 bp 0x2 sp 0x3 "
      "T0)\n"
      "==2==The signal is caused by a READ memory access.\n"
      "    #0 0x7f1 in tegra241_vintf0_handle_error /src/tegra241-cmdqv.c:260\n");
  EXPECT_EQ(r.kind, "SEGV");
  EXPECT_EQ(r.address, "0x000000000018");
  EXPECT_EQ(r.access, "READ memory access");
}

TEST(SanitizerReport, NoReport) {
  EXPECT_FALSE(parse_sanitizer_report("@kshim events 12\nall fine\n").present);
}

}  // namespace
}  // namespace cts::kshim
