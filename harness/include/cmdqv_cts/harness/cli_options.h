// SPDX-License-Identifier: MIT
// Command-line parsing for cmdqv-cts. Every bad flag is a UsageError naming the flag.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"

namespace cts::harness {

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& what) : std::runtime_error(what) {}
};

struct CliOptions {
  std::string command;  // list | run | repro | trace | report | merge | bench | matrix | help
  std::vector<std::string>
      positional;  // repro: scenario files; report / merge: results files or dirs; trace: the file
  std::string trace_format = "cts";   // trace: cts | qemu | csv
  std::string record_file;            // run: write the run as a cts-trace here
  std::string save_failures;          // run: write each shrunk failure as a scenario here
  std::string json_file, junit_file;  // run: machine-readable reports
  std::string report_dir;  // run: results.jsonl as it goes, then index.html, junit.xml, report.json
  enum class Progress {
    Auto,
    On,
    Off
  } progress = Progress::Auto;        // Auto: a bar when stderr is a terminal
  std::string directed_dir;           // run: replay these scenarios instead (prove --emit-tests)
  bool no_directed = false;           // run: no built-in directed tests before the sequences
  std::string directed_test;          // run: only this built-in directed test, no sequences
  std::string list_what = "clauses";  // list: clauses | devices
  std::string spec_dir;               // empty: the embedded spec
  std::vector<std::string> devices;   // --device, repeatable; default: model
  bool devices_given = false;         // false: the model, every zoo entry and qemu:smmuv3
  std::vector<std::string> expect_files;  // --expect; default run: the built-in files
  std::string write_expectations;         // --write-expectations: every failing (clause, case)
  std::vector<Profile> profiles;          // run: default all three
  bool profiles_given = false;            // false: profiles a device does not support are skipped
  std::uint32_t timeout_ms = 1000;        // per call into a plugin or QEMU
  RunOptions run;
  bool verbose = false;
  bool matrix_qemu = false;   // matrix --qemu: the QEMU version matrix instead of the kernel one
  bool matrix_bench = false;  // matrix --bench: also probe/remove cycles per second
  std::uint64_t bench_mmio_ops = 50'000'000;
  std::uint64_t bench_commands = 5'000'000;
  std::uint64_t bench_device_reads = 100'000;  // per plugin / QEMU backend
};

// `environment` looks up GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS (std::getenv by default), so
// a CI matrix that shards test binaries shards this run the same way.
CliOptions parse_cli(const std::vector<std::string>& args,
                     const std::function<const char*(const char*)>& environment = nullptr);
const char* usage_text();

}  // namespace cts::harness
