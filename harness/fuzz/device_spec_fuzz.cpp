// SPDX-License-Identifier: MIT
// Fuzz target: command-line parsing, device strings included. The input is a command line, one
// argument per line (the first line is the subcommand). A UsageError is the answer to bad input;
// every --device that parse_cli accepted must parse again to the same backend.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/device_factory.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args;
  for (std::size_t start = 0; start <= input.size();) {
    const std::size_t nl = input.find('\n', start);
    args.push_back(input.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  cts::harness::CliOptions o;
  try {
    o = cts::harness::parse_cli(args);
  } catch (const cts::harness::UsageError&) {
    return 0;
  }
  for (const std::string& d : o.devices) {
    const cts::harness::DeviceSpec a = cts::harness::parse_device_spec(d);
    const cts::harness::DeviceSpec b = cts::harness::parse_device_spec(a.text);
    if (a.backend != b.backend || a.target != b.target || a.options != b.options ||
        a.inner != b.inner)
      std::abort();
  }
  return 0;
}
