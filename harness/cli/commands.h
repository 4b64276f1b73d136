// SPDX-License-Identifier: MIT
// The cmdqv-cts subcommands, one file each; main.cpp only dispatches. Each returns the process
// exit status: 0 = conforms, 1 = a non-conformance (including a device that crashed or hung),
// 2 = usage or configuration error.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/harness/expectations.h"
#include "cmdqv_cts/harness/file_reports.h"
#include "cmdqv_cts/harness/results_log.h"
#include "cmdqv_cts/harness/run_ops.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::cli {

enum Exit { kConforms = 0, kNonConformance = 1, kConfigError = 2 };

// The spec of --spec DIR, or the embedded one.
std::shared_ptr<const spec::Spec> load_spec(const harness::CliOptions& o);
// Opens `device` for `profile` with the command line's per-call timeout.
std::unique_ptr<harness::Device> open_for(const harness::CliOptions& o,
                                          std::shared_ptr<const spec::Spec> s,
                                          const std::string& device, harness::Profile profile);

// The expectations a run is judged by: the --expect files, plus the built-in ones if `builtin`.
std::vector<harness::Expectation> expectations_for(const harness::ResultsLog::Expectations& which,
                                                   const spec::Spec& s);
// --json FILE, --junit FILE, and --report DIR's index.html, junit.xml and report.json.
void write_report_files(const harness::CliOptions& o, const std::vector<harness::ReportedRun>& runs,
                        const harness::RunOptions& options,
                        const std::vector<harness::Expectation>& expectations);
// The last line of a run: PASS / FAIL / CONFIGURATION ERROR for `status`.
// The last line of a run; `skipped` names the devices of the default set that could not run.
void print_summary(int status, const std::vector<std::string>& skipped = {});

// What checks each clause; a clause with none is uncovered.
struct ClauseCheckers {
  std::string id;
  std::vector<std::string> checkers;  // "device run", "proof hyp.guest_reads_zero", ...
};
std::vector<ClauseCheckers> clause_checkers(const spec::Spec& s);
// Prints "uncovered clause X" for each; 1 if there is one.
int report_uncovered_clauses(const spec::Spec& s);
int list_coverage(const spec::Spec& s);

// Runs the spec-generated register properties on `dut` and counts them into `run`'s clauses.
void check_registers(std::shared_ptr<const spec::Spec> s, const model::ModelConfig& config,
                     harness::Device& dut, std::uint64_t seed, harness::ProfileRun& run);

// `run --engine rapidcheck` for one device and profile (opens the device as often as it needs).
harness::ProfileRun run_stateful(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s,
                                 const std::string& device, harness::Profile p);

int list_clauses(const spec::Spec& s);
int list_devices();
int repro(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int run(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int run_directed(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int report(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int merge(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int bench(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int check_trace_file(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int matrix(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int qemu_matrix(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
// `prove` parses its own options; argv without the program name and "prove".
int prove(std::vector<std::string> args);
// `kernel` runs cmdqv-kshim with its arguments (argv without the program name and "kernel"):
// "cmdqv-cts kernel --debian 6.12.107 [--explore single]", "cmdqv-cts kernel build --kernel-source
// DIR".
int kernel(const std::string& self, std::vector<std::string> args);

}  // namespace cts::cli
