// SPDX-License-Identifier: MIT
// cmdqv-cts: the command-line front end. Exit 0 = conforms, 1 = a non-conformance (including
// a device that crashed or hung), 2 = usage or configuration error (bad flag, malformed spec,
// a device that cannot be opened as asked).
#include <iomanip>
#include <iostream>

#include "cmdqv_cts/harness/bench.h"
#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/expectations.h"
#include "cmdqv_cts/harness/file_reports.h"
#include "cmdqv_cts/harness/scenario.h"
#include "cmdqv_cts/harness/counterexample_scenarios.h"
#include "cmdqv_cts/harness/directed_tests.h"
#include "prove_command.h"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu/qemu_bench.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"
#include "cmdqv_cts/model/model_error.h"
#include "cmdqv_cts/spec/loader.h"

namespace {

using namespace cts;

enum Exit { kConforms = 0, kNonConformance = 1, kConfigError = 2 };

std::shared_ptr<const spec::Spec> load(const harness::CliOptions& o) {
  return std::make_shared<const spec::Spec>(o.spec_dir.empty() ? spec::load_embedded_spec()
                                                               : spec::load_spec_dir(o.spec_dir));
}

int list_clauses(const spec::Spec& s) {
  for (const spec::Clause& c : s.clauses) {
    std::cout << std::left << std::setw(10) << c.id << std::setw(11) << spec::to_string(c.confidence);
    std::string views;
    for (spec::View v : c.views) views += (views.empty() ? "" : ",") + std::string(spec::to_string(v));
    std::cout << std::setw(12) << views << c.text << "\n" << std::string(33, ' ') << "source: " << c.source << "\n";
  }
  return kConforms;
}

int list_devices() {
  for (const harness::DeviceListing& d : harness::list_devices()) {
    std::cout << std::left << std::setw(26) << d.name << std::setw(50) << d.status << d.about << "\n";
  }
  std::cout << "\nAdd a device: build a shared object against harness/include/cmdqv_cts/device.h that exports\n"
               "cts_device() (example: harness/examples/minimal_plugin), then run\n"
               "  cmdqv-cts run --device plugin:/path/to/libmydevice.so[:key=value,...]\n";
  return kConforms;
}

// Writes each shrunk failure of `r` as a scenario that `cmdqv-cts repro` replays.
void save_failures(const harness::CliOptions& o, const harness::ProfileRun& r) {
  std::filesystem::create_directories(o.save_failures);
  for (const harness::Failure& f : r.failures) {
    std::string stem = r.device + "-" + harness::to_string(r.profile) + "-seed" + std::to_string(o.run.seed) + "-seq" +
                       std::to_string(f.sequence);
    for (char& c : stem) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
    }
    harness::Scenario sc;
    sc.name = stem;
    sc.description = f.what;
    sc.profile = r.profile;
    sc.steps = f.ops;
    const std::string path = o.save_failures + "/" + stem + ".yaml";
    std::ofstream(path) << harness::to_yaml(sc);
    std::cout << "   saved: " << path << "  (cmdqv-cts repro " << path << " --device " << r.device << ")\n";
  }
}

// Opens `device` for `profile` with the command line's per-call timeout.
std::unique_ptr<harness::Device> open_for(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s,
                                      const std::string& device, harness::Profile profile) {
  return harness::open_device(harness::parse_device_spec(device), profile,
                              harness::OpenOptions{std::chrono::milliseconds(o.timeout_ms), std::move(s)});
}

// Replays each scenario on each device (default: the model). 0 = no difference anywhere.
int repro(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  int worst = kConforms;
  for (const std::string& file : o.positional) {
    const harness::Scenario sc = harness::load_scenario(file);
    for (const std::string& device : o.devices_given ? o.devices : std::vector<std::string>{"model"}) {
      const auto dut = open_for(o, s, device, sc.profile);
      const model::ModelConfig config = harness::probe_device_config(*dut, harness::profile_config(sc.profile, ""));
      const harness::ScenarioResult r = harness::replay_scenario(s, config, *dut, sc);
      std::cout << "== scenario " << sc.name << " (" << file << "), device " << device << ", profile "
                << harness::to_string(sc.profile) << "\n";
      for (std::size_t k = 0; k < sc.steps.size(); ++k) {
        std::cout << "   " << k + 1 << ". " << harness::describe(sc.steps[k]) << "\n";
      }
      std::cout << "   => " << (r.mismatch ? "DIFFERS at " + *r.mismatch : std::string("device and model agree")) << "\n";
      if (r.mismatch != r.second_mismatch) {
        std::cout << "   NOTE: a second replay gave a different result (non-deterministic device): "
                  << (r.second_mismatch ? *r.second_mismatch : "no difference") << "\n";
      }
      if (r.mismatch) worst = kNonConformance;
    }
  }
  return worst;
}

// One device in one profile. Returns the exit status this contributes.
int run_one(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s, const std::string& device,
            harness::Profile p, const std::vector<harness::Expectation>& expectations,
            std::vector<harness::ReportedRun>& reported) {
  std::unique_ptr<harness::Device> dut;
  try {
    dut = open_for(o, s, device, p);
  } catch (const harness::UnsupportedProfile& e) {
    if (o.profiles_given) {
      std::cerr << "cmdqv-cts: " << e.what() << "\n";
      return kConfigError;
    }
    std::cout << "== device " << device << ", profile " << to_string(p) << ": skipped (" << e.what() << ")\n";
    return kConforms;
  } catch (const harness::DeviceConfigError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  } catch (const harness::DeviceUnavailable& e) {
    std::cout << "== device " << device << ", profile " << to_string(p) << ": skipped: " << e.what() << "\n";
    return kConforms;
  } catch (const harness::DeviceFailure& e) {
    std::cout << "== device " << device << ", profile " << to_string(p) << ": DEVICE FAILED while starting: "
              << e.what() << "\n   verdict: DOES NOT CONFORM\n";
    return kNonConformance;
  }
  try {
    const model::ModelConfig config = harness::probe_device_config(*dut, harness::profile_config(p, ""));
    harness::ProfileRun r = harness::run_profile(s, p, config, *dut, o.run);
    r.device = device;  // as given, which is what expectations name
    if (!o.save_failures.empty()) save_failures(o, r);
    const bool passed = harness::print_report(std::cout, r, o.run, o.verbose, expectations);
    reported.push_back({r, passed});
    return passed ? kConforms : kNonConformance;
  } catch (const harness::DeviceFailure& e) {
    std::cout << "== device " << device << ", profile " << to_string(p) << ": DEVICE FAILED while probing: "
              << e.what() << "\n   verdict: DOES NOT CONFORM\n";
    return kNonConformance;
  } catch (const model::ModelError& e) {
    std::cout << "== device " << device << ", profile " << to_string(p)
              << ": the device reports an impossible configuration: " << e.what() << "\n   verdict: DOES NOT CONFORM\n";
    return kNonConformance;
  }
}

// With no --device: the model, every zoo entry, and QEMU when it is installed.
std::vector<std::string> default_devices() {
  std::vector<std::string> d = {"model"};
  for (const std::string& z : harness::zoo_entries()) d.push_back("zoo:" + z);
  if (harness::qemu::qemu_installed()) d.push_back("qemu:smmuv3");
  return d;
}

// The scenario files of a --directed directory, sorted by name. Throws UsageError if there are
// none.
std::vector<std::string> directed_files(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path().string());
  }
  if (ec) throw harness::UsageError("--directed: cannot read '" + dir + "': " + ec.message());
  if (files.empty()) throw harness::UsageError("--directed: no scenario (*.yaml) in '" + dir + "'");
  std::sort(files.begin(), files.end());
  return files;
}

// `run --directed DIR`: every scenario of DIR on each device (default: the model), in the
// scenario's profile, one line each. 0 = no difference anywhere.
int run_directed(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  std::vector<harness::Scenario> scenarios;
  for (const std::string& f : directed_files(o.directed_dir)) {
    harness::Scenario sc = harness::load_scenario(f);
    if (std::find(o.profiles.begin(), o.profiles.end(), sc.profile) != o.profiles.end())
      scenarios.push_back(std::move(sc));
  }
  int worst = kConforms;
  for (const std::string& device :
       o.devices_given ? o.devices : std::vector<std::string>{"model"}) {
    std::cout << "== directed tests " << o.directed_dir << " on device " << device << ": "
              << scenarios.size() << " scenarios\n";
    const auto t0 = std::chrono::steady_clock::now();
    // One device open at a time, reset by each replay and reopened when the profile changes or
    // after it fails. (A plugin child keeps the sockets of the plugins forked before it, so
    // several open at once make closing the earlier ones wait for the later ones.)
    std::unique_ptr<harness::Device> dut;
    harness::Profile dut_profile{};
    model::ModelConfig config;
    std::set<harness::Profile> skipped_profiles;
    std::size_t pass = 0, differ = 0, skipped = 0;
    std::set<std::string> clauses;
    for (const harness::Scenario& sc : scenarios) {
      auto verdict = [&](const char* v) {
        char line[128];
        std::snprintf(line, sizeof line, "   %-8s %-46s %-12s", v, sc.name.c_str(),
                      harness::to_string(sc.profile));
        return std::string(line);
      };
      if (skipped_profiles.count(sc.profile)) {
        ++skipped;
        continue;
      }
      std::string difference;
      try {
        if (!dut || dut_profile != sc.profile) {
          dut.reset();
          dut = open_for(o, s, device, sc.profile);
          dut_profile = sc.profile;
          config = harness::probe_device_config(*dut, harness::profile_config(sc.profile, ""));
        }
        const harness::ScenarioResult r = harness::replay_scenario(s, config, *dut, sc);
        if (r.mismatch) difference = *r.mismatch;
        if (r.mismatch != r.second_mismatch) {
          difference += std::string(difference.empty() ? "" : "; ") + "a second replay gave " +
                        (r.second_mismatch ? "'" + *r.second_mismatch + "'" : "no difference") +
                        " (non-deterministic)";
        }
      } catch (const harness::UnsupportedProfile& e) {
        if (o.profiles_given) throw;
        skipped_profiles.insert(sc.profile);
        ++skipped;
        std::cout << "   skipped  profile " << harness::to_string(sc.profile) << ": " << e.what()
                  << "\n";
        continue;
      } catch (const harness::DeviceUnavailable& e) {
        skipped_profiles.insert(sc.profile);
        ++skipped;
        std::cout << "   skipped  profile " << harness::to_string(sc.profile) << ": " << e.what()
                  << "\n";
        continue;
      } catch (const harness::DeviceFailure& e) {
        dut.reset();
        difference = std::string("DEVICE FAILED: ") + e.what();
      } catch (const model::ModelError& e) {
        dut.reset();
        difference = std::string("the device reports an impossible configuration: ") + e.what();
      }
      if (difference.empty()) {
        ++pass;
        std::cout << verdict("pass") << "\n";
        continue;
      }
      ++differ;
      std::string ids;
      for (const std::string& c : sc.clauses) {
        ids += (ids.empty() ? "" : ", ") + c;
        clauses.insert(c);
      }
      std::cout << verdict("DIFFERS") << " [" << ids << "] " << difference << "\n";
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::string ids;
    for (const std::string& c : clauses) ids += (ids.empty() ? "" : ", ") + c;
    std::cout << "   device " << device << ": " << pass << " pass, " << differ << " differ, "
              << skipped << " skipped (" << static_cast<long long>(ms) << " ms)"
              << (differ ? "; clauses of the differing tests: " + ids : "") << "\n";
    if (differ) worst = kNonConformance;
  }
  std::cout << "cmdqv-cts: directed: "
            << (worst == kConforms ? "PASS (no difference from the model)"
                                   : "FAIL (a device differs from the model)")
            << "\n";
  return worst;
}

int run(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  if (!o.directed_dir.empty()) return run_directed(o, s);
  std::vector<harness::Expectation> expectations;
  for (const std::string& f : o.expect_files) {
    for (auto& x : harness::load_expectation_file(f, *s)) expectations.push_back(std::move(x));
  }
  if (o.expect_files.empty() && !o.devices_given) {
    expectations = harness::load_expectations(harness::embedded_expectation_texts(), *s);
  }
  int worst = kConforms;
  std::vector<harness::ReportedRun> reported;
  for (const std::string& device : o.devices_given ? o.devices : default_devices()) {
    for (harness::Profile p : o.profiles) worst = std::max(worst, run_one(o, s, device, p, expectations, reported));
  }
  if (!o.json_file.empty()) {
    std::ofstream out(o.json_file);
    harness::write_json_report(out, reported, o.run, expectations);
    if (!out) throw harness::UsageError("--json: cannot write " + o.json_file);
  }
  if (!o.junit_file.empty()) {
    std::ofstream out(o.junit_file);
    harness::write_junit_report(out, reported, o.run, expectations);
    if (!out) throw harness::UsageError("--junit: cannot write " + o.junit_file);
  }
  std::cout << "cmdqv-cts: "
            << (worst == kConforms        ? "PASS (every device conforms, or deviates only as expected)"
                : worst == kNonConformance ? "FAIL (a non-conformance or a stale expectation)"
                                           : "CONFIGURATION ERROR")
            << "\n";
  return worst;
}

void print_bench(const harness::BenchResult& r) {
  std::cout << std::left << std::setw(66) << r.name << std::right << std::fixed << std::setprecision(3) << std::setw(10)
            << r.per_second() / 1e6 << " M/s  (" << r.operations << " in " << std::setprecision(3) << r.seconds << " s, "
            << std::setprecision(1) << 1e9 * r.seconds / static_cast<double>(r.operations) << " ns each)\n";
}

// The reference model's own throughput, then one access through each backend in turn: the
// cost of isolation (plugin process) and of QEMU's qtest protocol, measured in one run.
int bench(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  for (const harness::BenchResult& r : harness::run_benchmarks(s, o.bench_mmio_ops, o.bench_commands)) {
    print_bench(r);
  }
  const std::vector<std::string> devices =
      o.devices_given ? o.devices : std::vector<std::string>{"model", "zoo:conforming", "qemu:smmuv3"};
  for (const std::string& d : devices) {
    try {
      const auto dut = open_for(o, s, d, harness::Profile::Smmuv3);
      const std::uint64_t n = d.rfind("model", 0) == 0 ? o.bench_mmio_ops / 10 : o.bench_device_reads;
      print_bench(harness::bench_device_reads(*dut, d, n));
    } catch (const harness::DeviceUnavailable& e) {
      std::cout << d << ": skipped: " << e.what() << "\n";
    }
  }
  if (!o.devices_given && harness::qemu::qemu_installed()) {  // qtest: our client against a raw socket
    const auto q = harness::qemu::measure_qemu_readl(static_cast<unsigned>(std::min<std::uint64_t>(o.bench_device_reads, 20000)));
    print_bench({"qemu qtest readl, one at a time (our client)", q.n, q.n / q.client_ops_per_s});
    print_bench({"qemu qtest readl, pipelined batch (our client)", q.n, q.n / q.pipelined_ops_per_s});
    print_bench({"qemu qtest readl, raw socket floor (send + recv only)", q.n, q.n / q.raw_ops_per_s});
  }
  return kConforms;
}

}  // namespace

int main(int argc, char** argv) {
  // `prove` has its own options (properties/proofs/prove_command.h).
  if (argc > 1 && std::string(argv[1]) == "prove") {
    std::vector<std::string> args(argv + 2, argv + argc);
    // --save-counterexamples DIR: each refuted obligation as a scenario for `repro`.
    const auto save = std::find(args.begin(), args.end(), "--save-counterexamples");
    if (save != args.end()) {
      if (save + 1 == args.end()) {
        std::cerr << "cmdqv-cts: --save-counterexamples: missing value\n";
        return kConfigError;
      }
      const std::string dir = *(save + 1);
      args.erase(save, save + 2);
      const int status = proofs::run_prove_command(args, std::cout);
      harness::save_counterexamples(dir, std::cout);
      return status;
    }
    // --emit-tests DIR: a Z3 witness per branch of each clause, as directed tests for `run
    // --directed`.
    const auto emit = std::find(args.begin(), args.end(), "--emit-tests");
    if (emit != args.end()) {
      if (emit + 1 == args.end()) {
        std::cerr << "cmdqv-cts: --emit-tests: missing value\n";
        return kConfigError;
      }
      const std::string dir = *(emit + 1);
      args.erase(emit, emit + 2);
      if (!args.empty()) {
        std::cerr << "cmdqv-cts: prove --emit-tests DIR takes no other option (got '"
                  << args.front() << "')\n";
        return kConfigError;
      }
      try {
        return harness::emit_directed_tests(dir, std::cout) < 0 ? kNonConformance : kConforms;
      } catch (const std::exception& e) {
        std::cerr << "cmdqv-cts: --emit-tests: " << e.what() << "\n";
        return kConfigError;
      }
    }
    return proofs::run_prove_command(args, std::cout);
  }
  try {
    const harness::CliOptions o = harness::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
    if (o.command == "help") {
      std::cout << harness::usage_text();
      return kConforms;
    }
    if (o.command == "list" && o.list_what == "devices") return list_devices();
    const auto s = load(o);
    if (o.command == "list") return list_clauses(*s);
    if (o.command == "bench") return bench(o, s);
    if (o.command == "repro") return repro(o, s);
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
