// SPDX-License-Identifier: MIT
// `cmdqv-cts run`: randomized differential runs of each device and profile, verdicts and reports.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>

#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/expectations.h"
#include "cmdqv_cts/harness/file_reports.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"
#include "cmdqv_cts/harness/scenario.h"
#include "cmdqv_cts/model/model_error.h"
#include "cmdqv_cts/trace/recording_device.h"
#include "commands.h"

namespace cts::cli {
namespace {

// Writes each shrunk failure of `r` as a scenario that `cmdqv-cts repro` replays.
void save_failures(const harness::CliOptions& o, const harness::ProfileRun& r) {
  std::filesystem::create_directories(o.save_failures);
  for (const harness::Failure& f : r.failures) {
    std::string stem = r.device + "-" + harness::to_string(r.profile) + "-seed" +
                       std::to_string(o.run.seed) + "-seq" + std::to_string(f.sequence);
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
    std::cout << "   saved: " << path << "  (cmdqv-cts repro " << path << " --device " << r.device
              << ")\n";
  }
}

// One device in one profile. Returns the exit status this contributes.
int run_one(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s,
            const std::string& device, harness::Profile p,
            const std::vector<harness::Expectation>& expectations,
            std::vector<harness::ReportedRun>& reported) {
  std::unique_ptr<harness::Device> dut;
  try {
    dut = open_for(o, s, device, p);
  } catch (const harness::UnsupportedProfile& e) {
    if (o.profiles_given) {
      std::cerr << "cmdqv-cts: " << e.what() << "\n";
      return kConfigError;
    }
    std::cout << "== device " << device << ", profile " << to_string(p) << ": skipped (" << e.what()
              << ")\n";
    return kConforms;
  } catch (const harness::DeviceConfigError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  } catch (const harness::DeviceUnavailable& e) {
    std::cout << "== device " << device << ", profile " << to_string(p) << ": skipped: " << e.what()
              << "\n";
    return kConforms;
  } catch (const harness::DeviceFailure& e) {
    std::cout << "== device " << device << ", profile " << to_string(p)
              << ": DEVICE FAILED while starting: " << e.what()
              << "\n   verdict: DOES NOT CONFORM\n";
    return kNonConformance;
  }
  try {
    const model::ModelConfig config =
        harness::probe_device_config(*dut, harness::profile_config(p, ""));
    std::ofstream record;
    std::unique_ptr<harness::Device> recorder;
    if (!o.record_file.empty()) {
      record.open(o.record_file);
      if (!record) throw harness::UsageError("--record: cannot write " + o.record_file);
      recorder = std::make_unique<trace::RecordingDevice>(*dut, record, p, config);
    }
    harness::ProfileRun r = harness::run_profile(s, p, config, recorder ? *recorder : *dut, o.run);
    if (recorder && !record.flush())
      throw harness::UsageError("--record: writing " + o.record_file + " failed");
    r.device = device;  // as given, which is what expectations name
    if (!o.save_failures.empty()) save_failures(o, r);
    const bool passed = harness::print_report(std::cout, r, o.run, o.verbose, expectations);
    reported.push_back({r, passed});
    return passed ? kConforms : kNonConformance;
  } catch (const harness::DeviceFailure& e) {
    std::cout << "== device " << device << ", profile " << to_string(p)
              << ": DEVICE FAILED while probing: " << e.what()
              << "\n   verdict: DOES NOT CONFORM\n";
    return kNonConformance;
  } catch (const model::ModelError& e) {
    std::cout << "== device " << device << ", profile " << to_string(p)
              << ": the device reports an impossible configuration: " << e.what()
              << "\n   verdict: DOES NOT CONFORM\n";
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

}  // namespace

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
    for (harness::Profile p : o.profiles)
      worst = std::max(worst, run_one(o, s, device, p, expectations, reported));
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
            << (worst == kConforms ? "PASS (every device conforms, or deviates only as expected)"
                : worst == kNonConformance ? "FAIL (a non-conformance or a stale expectation)"
                                           : "CONFIGURATION ERROR")
            << "\n";
  return worst;
}

}  // namespace cts::cli
