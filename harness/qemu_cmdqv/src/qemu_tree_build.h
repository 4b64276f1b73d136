// SPDX-License-Identifier: MIT
// Builds the qemu-cmdqv plugin of a QEMU tree on demand: the tree's unmodified
// hw/arm/tegra241-cmdqv.c with the tree's own hw/arm and include/hw/arm headers, against our
// stand-in of the QEMU API (standin/), into a content-addressed cache directory, as kshim does
// for kernel trees. A tree the stand-in cannot compile yields a QemuTreeBuildError listing the
// QEMU symbols the stand-in lacks, not the compiler's output.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace cts::harness::qemu_cmdqv {

// Not a QEMU tree with the Tegra241 CMDQV file (bad input).
class QemuTreeError : public std::runtime_error {
 public:
  explicit QemuTreeError(const std::string& what) : std::runtime_error(what) {}
};

class QemuTreeBuildError : public std::runtime_error {
 public:
  QemuTreeBuildError(const std::string& what, std::vector<std::string> missing,
                     std::string log_path)
      : std::runtime_error(what), missing_(std::move(missing)), log_path_(std::move(log_path)) {}
  const std::vector<std::string>& missing() const { return missing_; }
  const std::string& log_path() const { return log_path_; }

 private:
  std::vector<std::string> missing_;
  std::string log_path_;
};

struct QemuBuildConfig {
  std::string compiler;                   // C compiler
  std::string standin_dir;                // harness/qemu_cmdqv/standin
  std::vector<std::string> include_dirs;  // the device ABI and host bridge headers
  std::string cache_dir;                  // where plugins are kept
};

// The configuration this binary was built with ($CMDQV_CTS_QEMU_CMDQV_CACHE overrides the cache).
QemuBuildConfig default_qemu_build_config();

// The path of the file under test in `tree` (hw/arm/tegra241-cmdqv.c).
std::string cmdqv_source(const std::string& tree);

// Returns the plugin for `tree`, building it unless an identical one is cached.
std::string build_qemu_cmdqv_plugin(const std::string& tree, const QemuBuildConfig& cfg);

// The QEMU names the compiler and linker say are missing, from their combined output (C locale):
// functions, types, identifiers, members and headers, each once, in order of appearance.
std::vector<std::string> missing_qemu_symbols(const std::string& compiler_output);

// `trace_NAME(ARGS)` no-op functions for every event of a QEMU trace-events file.
std::string trace_header_from_events(const std::string& trace_events);

}  // namespace cts::harness::qemu_cmdqv
