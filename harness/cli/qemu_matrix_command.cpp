// SPDX-License-Identifier: MIT
// `cmdqv-cts matrix --qemu`: each SMMUv3 deviation (clause, case) of each QEMU version, oldest
// first, marked present / still present / fixed / new (harness/src/qemu_matrix.cpp). Exit 0 when
// every version was checked and none has a deviation, 1 when one has (a matrix is a report of
// deviations: judging them against the expectations is `run --device qemu:smmuv3@VERSION`).
#include <algorithm>
#include <iomanip>
#include <iostream>

#include "cmdqv_cts/harness/directed_tests.h"
#include "cmdqv_cts/harness/qemu_backend.h"
#include "cmdqv_cts/harness/qemu_matrix.h"
#include "commands.h"

namespace cts::cli {

int qemu_matrix(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  std::vector<std::string> devices = o.devices;
  if (!o.devices_given) {
    devices.push_back("qemu:smmuv3");
    for (const std::string& v : harness::listed_qemu_versions())
      devices.push_back("qemu:smmuv3@" + v);
  }
  harness::QemuMatrixOptions options;
  options.run = o.run;
  // The built-in directed tests first, as in `run` (--no-directed leaves them out).
  if (!o.no_directed) {
    options.run.directed_tests = harness::builtin_directed_tests();
    options.run.all_directed_tests = true;
  }
  options.directed_dir = o.directed_dir;
  options.timeout = std::chrono::milliseconds(o.timeout_ms);

  std::cout << "cmdqv-cts matrix --qemu: SMMUv3 deviations per QEMU version, profile smmuv3, seed "
            << o.run.seed << ", " << o.run.sequences << " sequences x " << o.run.ops_per_sequence
            << " ops" << (o.directed_dir.empty() ? "" : ", directed tests " + o.directed_dir)
            << "\n";
  std::vector<harness::QemuVersionResult> results;
  for (const std::string& d : devices) {
    results.push_back(harness::collect_qemu_deviations(s, d, options));
    const harness::QemuVersionResult& r = results.back();
    std::cout << "   " << d << ": "
              << (!r.not_checked.empty() ? "not checked: " + r.not_checked
                                         : r.version + "; " + std::to_string(r.deviations.size()) +
                                               " deviations (clause, case)")
              << (r.device_failure.empty() ? "" : "; DEVICE FAILED: " + r.device_failure) << "\n";
  }
  const std::vector<harness::QemuMatrixRow> rows = harness::compare_qemu_versions(results);

  std::size_t w0 = 14;
  for (const auto& row : rows) w0 = std::max(w0, row.clause.size() + row.case_name.size() + 5);
  std::vector<std::size_t> w;
  for (const std::string& d : devices) w.push_back(std::max<std::size_t>(d.size(), 13) + 2);
  std::cout << "\n" << std::left << std::setw(static_cast<int>(w0)) << "clause (case)";
  for (std::size_t i = 0; i < devices.size(); ++i)
    std::cout << std::setw(static_cast<int>(w[i])) << devices[i];
  std::cout << "\n";
  for (const auto& row : rows) {
    std::cout << std::setw(static_cast<int>(w0)) << row.clause + " (" + row.case_name + ")";
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      std::cout << std::setw(static_cast<int>(w[i])) << harness::to_string(row.cells[i]);
    }
    std::cout << "\n";
  }
  if (rows.empty()) std::cout << "(no deviation in any checked version)\n";
  std::cout << std::right << "\nfirst failure of each deviation, per version:\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (row.first_failures[i].empty()) continue;
      std::cout << "   " << row.clause << " (" << row.case_name << ") on " << devices[i] << ": "
                << row.first_failures[i] << "\n";
    }
  }
  bool all_checked = true, any = !rows.empty();
  for (const auto& r : results) {
    all_checked = all_checked && r.not_checked.empty();
    any = any || !r.device_failure.empty();
  }
  std::cout << "\ncmdqv-cts: matrix --qemu: " << rows.size() << " deviations (clause, case) over "
            << devices.size() << " versions" << (all_checked ? "" : " (some not checked, above)")
            << "\n   reproduce: cmdqv-cts matrix --qemu --seed " << o.run.seed << " --sequences "
            << o.run.sequences << (o.directed_dir.empty() ? "" : " --directed " + o.directed_dir)
            << "\n";
  return any ? kNonConformance : kConforms;
}

}  // namespace cts::cli
