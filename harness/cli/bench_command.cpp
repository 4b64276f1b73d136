// SPDX-License-Identifier: MIT
// `cmdqv-cts bench`: model throughput and the cost of each backend.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>

#include "cmdqv_cts/harness/bench.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/qemu/qemu_bench.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"
#include "commands.h"

namespace cts::cli {
namespace {

void print_bench(const harness::BenchResult& r) {
  std::cout << std::left << std::setw(66) << r.name << std::right << std::fixed
            << std::setprecision(3) << std::setw(10) << r.per_second() / 1e6 << " M/s  ("
            << r.operations << " in " << std::setprecision(3) << r.seconds << " s, "
            << std::setprecision(1) << 1e9 * r.seconds / static_cast<double>(r.operations)
            << " ns each)\n";
}

}  // namespace

// The reference model's own throughput, then one access through each backend in turn: the
// cost of isolation (plugin process) and of QEMU's qtest protocol, measured in one run.
int bench(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  for (const harness::BenchResult& r :
       harness::run_benchmarks(s, o.bench_mmio_ops, o.bench_commands)) {
    print_bench(r);
  }
  const std::vector<std::string> devices =
      o.devices_given ? o.devices
                      : std::vector<std::string>{"model", "zoo:conforming", "qemu:smmuv3"};
  for (const std::string& d : devices) {
    try {
      const auto dut = open_for(o, s, d, harness::Profile::Smmuv3);
      const std::uint64_t n =
          d.rfind("model", 0) == 0 ? o.bench_mmio_ops / 10 : o.bench_device_reads;
      print_bench(harness::bench_device_reads(*dut, d, n));
    } catch (const harness::DeviceUnavailable& e) {
      std::cout << d << ": skipped: " << e.what() << "\n";
    }
  }
  if (!o.devices_given &&
      harness::qemu::qemu_installed()) {  // qtest: our client against a raw socket
    const auto q = harness::qemu::measure_qemu_readl(
        static_cast<unsigned>(std::min<std::uint64_t>(o.bench_device_reads, 20000)));
    print_bench({"qemu qtest readl, one at a time (our client)", q.n, q.n / q.client_ops_per_s});
    print_bench(
        {"qemu qtest readl, pipelined batch (our client)", q.n, q.n / q.pipelined_ops_per_s});
    print_bench(
        {"qemu qtest readl, raw socket floor (send + recv only)", q.n, q.n / q.raw_ops_per_s});
  }
  return kConforms;
}

}  // namespace cts::cli
