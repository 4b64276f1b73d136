// SPDX-License-Identifier: MIT
// `cmdqv-cts matrix`: the driver model's kernels against VMM and host presentations of the
// device, as a table, judged against the matrix expectation table (exit 0 = every cell as
// expected). --bench also measures probe/remove cycles per second.
#include <algorithm>
#include <iomanip>
#include <iostream>

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/driver_matrix.h"
#include "commands.h"

namespace cts::cli {
namespace {

std::string cell_text(const harness::MatrixCell& c) {
  std::string t = c.verdict == "pass"            ? "PASS"
                  : c.verdict == "device failed" ? "DEVICE FAILED"
                                                 : "FAIL " + c.verdict;
  if (!c.as_expected) t += " (UNEXPECTED)";
  return t;
}

void print_bench(std::shared_ptr<const spec::Spec> s) {
  std::cout << "probe/remove cycles per second (fixed driver: probe, init_structures, "
               "device_reset, remove):\n";
  for (const char* device : {"model", "zoo:conforming"}) {
    try {
      const double rate = harness::probe_remove_cycles_per_second(
          device, harness::Profile::CmdqvHost, s, std::chrono::milliseconds(500));
      std::cout << "   " << std::left << std::setw(28) << std::string(device) + " (cmdqv-host)"
                << std::right << std::fixed << std::setprecision(0) << std::setw(10) << rate
                << " /s\n";
    } catch (const harness::DeviceUnavailable& e) {
      std::cout << "   " << device << ": skipped: " << e.what() << "\n";
    }
  }
}

}  // namespace

int matrix(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  if (o.expect_files.size() > 1)
    throw harness::UsageError("matrix: give at most one --expect table");
  const harness::MatrixSpec m =
      o.expect_files.empty()
          ? harness::parse_matrix(harness::embedded_matrix_texts().at(0).file,
                                  harness::embedded_matrix_texts().at(0).text, *s)
          : harness::load_matrix_file(o.expect_files[0], *s);
  const harness::MatrixResult r = harness::run_matrix(
      m, s, harness::MatrixOptions{o.run.seed, std::chrono::milliseconds(o.timeout_ms)});

  std::cout << "cmdqv-cts matrix: driver model kernels (columns) on devices (rows), seed "
            << o.run.seed << "\n"
            << "   expectations: " << m.file << "\n   clauses judged where their views apply:";
  for (const std::string& c : m.clauses) std::cout << " " << c;
  std::cout << "\n\n";
  std::size_t w0 = 6;
  for (const auto& row : m.rows) w0 = std::max(w0, row.name.size() + row.device.size() + 3);
  std::vector<std::size_t> w(m.kernels.size());
  for (std::size_t k = 0; k < m.kernels.size(); ++k) {
    w[k] = m.kernels[k].size();
    for (const auto& row : r.cells) w[k] = std::max(w[k], cell_text(row[k]).size());
  }
  std::cout << "   " << std::left << std::setw(static_cast<int>(w0)) << "DEVICE";
  for (std::size_t k = 0; k < m.kernels.size(); ++k)
    std::cout << "  " << std::setw(static_cast<int>(w[k])) << m.kernels[k];
  std::cout << "\n";
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    std::cout << "   " << std::setw(static_cast<int>(w0))
              << m.rows[i].name + " (" + m.rows[i].device + ")";
    for (std::size_t k = 0; k < m.kernels.size(); ++k) {
      std::cout << "  " << std::setw(static_cast<int>(w[k])) << cell_text(r.cells[i][k]);
    }
    std::cout << "\n";
  }
  std::cout << std::right;
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    for (std::size_t k = 0; k < m.kernels.size(); ++k) {
      const harness::MatrixCell& c = r.cells[i][k];
      if (c.verdict == "pass" && c.as_expected) continue;
      std::cout << "\n[" << m.rows[i].name << " x " << m.kernels[k] << "] " << cell_text(c);
      std::cout << (c.as_expected ? " (as expected)" : ", expected " + m.rows[i].expect[k]) << "\n";
      if (!c.what.empty()) std::cout << "   first failure: " << c.what << "\n";
      if (!c.minimal_steps.empty()) {
        std::cout << "   minimal steps (" << c.minimal_steps.size() << " of " << c.original_steps
                  << "):\n";
        for (std::size_t n = 0; n < c.minimal_steps.size(); ++n) {
          std::cout << "     " << n + 1 << ". " << driver::describe(c.minimal_steps[n]) << "\n";
        }
      }
      if (c.as_expected && !m.rows[i].why.empty()) std::cout << "   why: " << m.rows[i].why << "\n";
      std::cout << "   reproduce: cmdqv-cts matrix --seed " << o.run.seed << "\n";
    }
  }
  if (o.matrix_bench) {
    std::cout << "\n";
    print_bench(s);
  }
  const bool ok = r.all_as_expected();
  std::cout << "\ncmdqv-cts: matrix: "
            << (ok ? "PASS (every cell as expected)" : "FAIL (a cell differs from its expectation)")
            << "\n";
  return ok ? kConforms : kNonConformance;
}

}  // namespace cts::cli
