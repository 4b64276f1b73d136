// SPDX-License-Identifier: MIT
// cmdqv-cts: the command-line front end. Parses the command line, dispatches to one subcommand
// (commands.h) and turns every bad input into a message and an exit status: 0 = conforms,
// 1 = a non-conformance (including a device that crashed or hung), 2 = usage or configuration
// error (bad flag, malformed spec, a device that cannot be opened as asked).
#include <iostream>

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/model/model_error.h"
#include "cmdqv_cts/spec/loader.h"
#include "commands.h"

int main(int argc, char** argv) {
  using namespace cts;
  using namespace cts::cli;
  // `prove` has its own options (properties/proofs/prove_command.h).
  if (argc > 1 && std::string(argv[1]) == "prove")
    return prove(std::vector<std::string>(argv + 2, argv + argc));
  // `kernel` is cmdqv-kshim's (harness/kshim).
  if (argc > 1 && std::string(argv[1]) == "kernel")
    return kernel(argv[0], std::vector<std::string>(argv + 2, argv + argc));
  try {
    const harness::CliOptions o =
        harness::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
    if (o.command == "help") {
      std::cout << harness::usage_text();
      return kConforms;
    }
    if (o.command == "list" && o.list_what == "devices") return list_devices();
    const auto s = load_spec(o);
    if (o.command == "list" && o.list_what == "coverage") return list_coverage(*s);
    if (o.command == "list") return list_clauses(*s);
    if (o.command == "bench") return bench(o, s);
    if (o.command == "matrix") return o.matrix_qemu ? qemu_matrix(o, s) : matrix(o, s);
    if (o.command == "repro") return repro(o, s);
    if (o.command == "trace") return check_trace_file(o, s);
    if (o.command == "report") return report(o, s);
    if (o.command == "merge") return merge(o, s);
    return run(o, s);
  } catch (const harness::UsageError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n" << harness::usage_text();
    return kConfigError;
  } catch (const spec::SpecError& e) {
    std::cerr << "cmdqv-cts: malformed spec: " << e.what() << "\n";
    return kConfigError;
  } catch (const model::ModelError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  } catch (const harness::DeviceConfigError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  } catch (const harness::DeviceUnavailable& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  } catch (const harness::DeviceFailure& e) {
    std::cout << "cmdqv-cts: DEVICE FAILED: " << e.what() << "\n";
    return kNonConformance;
  }
}
