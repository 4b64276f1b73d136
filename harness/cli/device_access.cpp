// SPDX-License-Identifier: MIT
// Loading the spec and opening devices: what every subcommand shares.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/spec/loader.h"
#include "commands.h"

namespace cts::cli {
std::shared_ptr<const spec::Spec> load_spec(const harness::CliOptions& o) {
  return std::make_shared<const spec::Spec>(o.spec_dir.empty() ? spec::load_embedded_spec()
                                                               : spec::load_spec_dir(o.spec_dir));
}

std::unique_ptr<harness::Device> open_for(const harness::CliOptions& o,
                                          std::shared_ptr<const spec::Spec> s,
                                          const std::string& device, harness::Profile profile) {
  return harness::open_device(
      harness::parse_device_spec(device), profile,
      harness::OpenOptions{std::chrono::milliseconds(o.timeout_ms), std::move(s)});
}

}  // namespace cts::cli
