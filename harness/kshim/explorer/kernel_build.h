// SPDX-License-Identifier: MIT
// Builds a kshim module from a kernel tree on demand: the tree's unmodified tegra241-cmdqv.c
// and arm-smmu-v3.h with our stand-in headers and kernel-side stand-ins, linked with the
// runtime, into a content-addressed cache directory. A tree the shim cannot compile yields a
// KernelBuildError listing the kernel symbols the shim lacks, not the compiler's output.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace cts::kshim {

class KernelBuildError : public std::runtime_error {
 public:
  KernelBuildError(const std::string& what, std::vector<std::string> missing, std::string log_path)
      : std::runtime_error(what), missing_(std::move(missing)), log_path_(std::move(log_path)) {}
  const std::vector<std::string>& missing() const { return missing_; }
  const std::string& log_path() const { return log_path_; }

 private:
  std::vector<std::string> missing_;
  std::string log_path_;
};

// A tree that is not a kernel tree with the driver (bad input, exit status 2).
class KernelTreeError : public std::runtime_error {
 public:
  explicit KernelTreeError(const std::string& what) : std::runtime_error(what) {}
};

struct BuildConfig {
  std::string compiler;        // C compiler
  std::string shim_dir;        // harness/kshim (kernel/include, kernel/src, include)
  std::string device_abi_dir;  // harness/include (cmdqv_cts/device.h)
  std::string runtime_lib;     // libkshim_runtime.a (position-independent, sanitized)
  std::string extra_flags;     // the build's C flags and sanitizer flags, space-separated
  std::string cache_dir;       // where modules are kept
};

// The build configuration this binary was built with (paths and flags baked in by CMake).
BuildConfig default_build_config();

// "6.12.117" from the tree's Makefile, or "unknown".
std::string kernel_release(const std::string& tree);

// Returns the path of the module for `tree` (building it unless an identical one is cached).
std::string build_module(const std::string& tree, const BuildConfig& cfg);

// Which generation of the SMMU core API a tree's two files use, as -D flags for our stand-ins:
// KSHIM_API_SMMU_CMD (struct arm_smmu_cmd, 7.x; else struct arm_smmu_cmdq_ent), KSHIM_API_
// PLATFORM_PROBE (the CMDQV is a platform device), KSHIM_API_IOMMUFD (the vIOMMU and HW queue
// ops), KSHIM_API_DEVICE_DISABLE (impl device_disable, run by the core's devm disable action).
std::vector<std::string> tree_api_defines(const std::string& smmu_header,
                                          const std::string& driver);

// The kernel symbols the compiler and linker say are missing, from their combined output
// (C locale): functions, types, identifiers and headers, each once, in order of appearance.
std::vector<std::string> missing_kernel_symbols(const std::string& compiler_output);

}  // namespace cts::kshim
