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

int list_clauses(const spec::Spec& s);
int list_devices();
int repro(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int run(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int run_directed(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int bench(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
int check_trace_file(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s);
// `prove` parses its own options; argv without the program name and "prove".
int prove(std::vector<std::string> args);

}  // namespace cts::cli
