// SPDX-License-Identifier: MIT
// The QEMU version matrix: each deviation from the architecture (clause, case) found in each
// QEMU version's SMMUv3, compared version to version (oldest first) as fixed, still present or
// new. Collecting the deviations of one version runs the conformance engine (and, given a
// directory, the directed tests); comparing them is a pure function, tested on its own.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

// One deviation of one version: a clause and the case the run names for it (an opcode, a field,
// a decision; the name of a --directed scenario), with the first failure seen.
struct QemuDeviation {
  std::string clause;
  std::string case_name;
  std::string first_failure;
};

struct QemuVersionResult {
  std::string device;          // qemu:smmuv3 or qemu:smmuv3@VERSION
  std::string version;         // what the binary says (QEMU emulator version ...)
  std::string not_checked;     // why this version was not checked (not built, not installed)
  std::string device_failure;  // it crashed or hung: its deviations are those found before
  std::vector<QemuDeviation> deviations;
  // The commands this version's ID registers make legal (by name): a CMD-2 case ("a command of
  // a feature the SMMU lacks") whose opcode is among them cannot fail here, so its absence is
  // not a fix (QEMU 10.2 reports IDR0.S2P = 1, 7.2 does not).
  std::set<std::string> legal_commands;
};

// A cell of the matrix, relative to the previous checked version.
enum class QemuCell { Absent, Present, StillPresent, Fixed, New, NotChecked, NotApplicable };
const char* to_string(QemuCell c);

struct QemuMatrixRow {
  std::string clause;
  std::string case_name;
  std::vector<QemuCell> cells;              // one per version, in the order given
  std::vector<std::string> first_failures;  // one per version ("" where absent)
};

// Rows sorted by (clause, case). The first checked version is Present or Absent; each later one
// is StillPresent / Fixed / New / Absent against the closest earlier checked version; a version
// whose device failed is NotChecked where it showed nothing (it may not have got there).
std::vector<QemuMatrixRow> compare_qemu_versions(const std::vector<QemuVersionResult>& versions);

struct QemuMatrixOptions {
  RunOptions run;            // seed, sequences, ops per sequence
  std::string directed_dir;  // directed tests (prove --emit-tests), or empty
  std::chrono::milliseconds timeout{1000};
};

// Runs `device` (a qemu:smmuv3[@VERSION] string) in the smmuv3 profile and collects its
// deviations. A version that is not available is returned with not_checked set.
QemuVersionResult collect_qemu_deviations(std::shared_ptr<const spec::Spec> spec,
                                          const std::string& device,
                                          const QemuMatrixOptions& options);

}  // namespace cts::harness
