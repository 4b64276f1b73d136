// SPDX-License-Identifier: MIT
// Throughput of the reference model: MMIO accesses per second and commands consumed per
// second on one core. Reported by `cmdqv-cts bench`; never asserted in a unit test.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

struct BenchResult {
  std::string name;
  std::uint64_t operations = 0;
  double seconds = 0;
  double per_second() const { return seconds > 0 ? static_cast<double>(operations) / seconds : 0; }
};

std::vector<BenchResult> run_benchmarks(std::shared_ptr<const spec::Spec> spec,
                                        std::uint64_t mmio_ops, std::uint64_t commands);

class Device;
// Register reads (SMMU IDR0 and CMDQ_CONS, alternating) through any Device: what one access
// costs through a backend (in-process, plugin process, QEMU).
BenchResult bench_device_reads(Device& device, const std::string& label, std::uint64_t reads);

}  // namespace cts::harness
