// SPDX-License-Identifier: MIT
// The VMM x kernel matrix: the driver model (one column per kernel variant) run on devices (one
// row per VMM or host presentation), each cell judged against the driver clauses that apply to
// the row's view, and compared with an expectation table (harness/expectations/matrix/*.yaml).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/driver/driver_scenario.h"
#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/spec/loader.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

struct MatrixRow {
  std::string name;
  std::string device;  // a device string (device_factory.h)
  Profile profile = Profile::CmdqvGuest;
  std::vector<std::string> expect;  // per kernel: "pass" or the clause the cell must fail
  std::string why;
};

struct MatrixSpec {
  std::string file;
  std::vector<std::string> clauses;  // judged in each row whose view they apply to
  std::vector<std::string> kernels;  // driver variant names, one column each
  std::vector<MatrixRow> rows;
};

// Throws spec::SpecError (file:line:column) on a malformed table, an unknown kernel or clause.
MatrixSpec parse_matrix(const std::string& file, const std::string& text, const spec::Spec& spec);
MatrixSpec load_matrix_file(const std::string& path, const spec::Spec& spec);
// harness/expectations/matrix/*.yaml, built in.
const std::vector<spec::SpecText>& embedded_matrix_texts();

struct MatrixCell {
  std::string verdict = "pass";  // "pass", the failing clause, or "device failed"
  std::string what;              // the first failing command or event
  std::vector<driver::DriverStep> minimal_steps;
  std::size_t original_steps = 0;
  bool as_expected = false;
};

struct MatrixResult {
  std::vector<std::vector<MatrixCell>> cells;  // [row][kernel]
  bool all_as_expected() const;
};

struct MatrixOptions {
  std::uint64_t seed = 1;
  std::chrono::milliseconds timeout{1000};
};

// The steps a cell runs: bring-up, every command the device's SMMU allows on cpus 0..3 in a
// seeded order, remove.
std::vector<driver::DriverStep> matrix_steps(const std::vector<driver::LinuxCommand>& commands,
                                             std::uint64_t seed);

MatrixResult run_matrix(const MatrixSpec& m, std::shared_ptr<const spec::Spec> spec,
                        const MatrixOptions& o);

// Probe/init/reset/remove cycles per second of the fixed driver on one device.
double probe_remove_cycles_per_second(const std::string& device, Profile profile,
                                      std::shared_ptr<const spec::Spec> spec,
                                      std::chrono::milliseconds budget);

}  // namespace cts::harness
