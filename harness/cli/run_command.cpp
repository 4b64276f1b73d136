// SPDX-License-Identifier: MIT
// `cmdqv-cts run`: randomized differential runs of each device and profile, verdicts and reports.
#include <unistd.h>

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
#include "cmdqv_cts/harness/directed_tests.h"
#include "cmdqv_cts/harness/expectations.h"
#include "cmdqv_cts/harness/file_reports.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/progress_bar.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"
#include "cmdqv_cts/harness/results_log.h"
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
    std::string stem =
        r.device + "-" + harness::to_string(r.profile) + "-seed" + std::to_string(o.run.seed) +
        "-" + (f.directed_test.empty() ? "seq" + std::to_string(f.sequence) : f.directed_test);
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
            std::vector<harness::ReportedRun>& reported, harness::ResultsLog* log,
            std::vector<std::string>& skipped) {
  const std::string title = "== device " + device + ", profile " + to_string(p);
  auto device_failed = [&](const std::string& what) {
    std::cout << title << ": DEVICE FAILED " << what << "\n   verdict: DOES NOT CONFORM\n";
    harness::ProfileRun r = harness::empty_profile_run(*s, p, device);
    r.device_failure = what;
    if (log) log->run(r);
    reported.push_back({std::move(r), false});
    return kNonConformance;
  };
  std::unique_ptr<harness::Device> dut;
  try {
    dut = open_for(o, s, device, p);
  } catch (const harness::UnsupportedProfile& e) {
    if (o.profiles_given) {
      std::cerr << "cmdqv-cts: " << e.what() << "\n";
      return kConfigError;
    }
    std::cout << title << ": skipped (" << e.what() << ")\n";
    return kConforms;
  } catch (const harness::DeviceConfigError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return kConfigError;
  } catch (const harness::DeviceUnavailable& e) {
    // Asked for by name, a device that cannot run is not a pass; in the default set it is
    // skipped, and the summary line says so.
    if (o.devices_given) {
      std::cerr << "cmdqv-cts: device '" << device << "' was requested but cannot run: " << e.what()
                << "\n";
      return kConfigError;
    }
    std::cout << title << ": skipped: " << e.what() << "\n";
    skipped.push_back(device + " (" + to_string(p) + ")");
    return kConforms;
  } catch (const harness::DeviceFailure& e) {
    return device_failed(std::string("while starting: ") + e.what());
  }
  try {
    model::ModelConfig pins = harness::profile_config(p, "");
    pins.pin_from(harness::parse_device_spec(device).options);
    const model::ModelConfig config = harness::probe_device_config(*dut, pins);
    std::ofstream record;
    std::unique_ptr<harness::Device> recorder;
    if (!o.record_file.empty()) {
      record.open(o.record_file);
      if (!record) throw harness::UsageError("--record: cannot write " + o.record_file);
      recorder = std::make_unique<trace::RecordingDevice>(*dut, record, p, config);
    }
    harness::Device& target = recorder ? *recorder : *dut;
    const bool bar = o.progress == harness::CliOptions::Progress::On ||
                     (o.progress == harness::CliOptions::Progress::Auto && isatty(STDERR_FILENO));
    harness::ProgressBar progress(std::cerr, device + " " + to_string(p), bar);
    harness::RunObserver observer;
    observer.progress = [&](std::uint32_t done, std::uint32_t total) {
      progress.update(done, total);
    };
    if (log) {
      observer.failure = [&](const harness::Failure& f) { log->failure(device, p, f); };
      observer.restart = [&] { log->restart(device, p); };
    }
    harness::ProfileRun r = o.run.engine == harness::Engine::RapidCheck
                                ? [&] {
                                    dut.reset();  // the state machine opens its own, one at a time
                                    harness::ProfileRun x = run_stateful(o, s, device, p);
                                    dut = open_for(o, s, device, p);
                                    return x;
                                  }()
                                : harness::run_profile(s, p, config, target, o.run, observer);
    // The register properties are not sequences: one shard of a campaign runs them, so that
    // merged shards count them once.
    harness::Device& checked =
        o.run.engine == harness::Engine::RapidCheck ? *dut : target;  // reopened
    if (r.device_failure.empty() && o.run.shard_index == 0)
      check_registers(s, config, checked, o.run.seed, r);
    progress.finish();
    if (recorder && !record.flush())
      throw harness::UsageError("--record: writing " + o.record_file + " failed");
    r.device = device;  // as given, which is what expectations name
    if (log) log->run(r);
    if (!o.save_failures.empty()) save_failures(o, r);
    const bool passed = harness::print_report(std::cout, r, o.run, o.verbose, expectations);
    reported.push_back({r, passed});
    return passed ? kConforms : kNonConformance;
  } catch (const harness::DeviceFailure& e) {
    return device_failed(std::string("while probing: ") + e.what());
  } catch (const model::ConfigMismatch& e) {
    std::cerr << "cmdqv-cts: device '" << device << "', profile " << to_string(p)
              << ": configuration error: " << e.what() << "\n";
    return kConfigError;
  } catch (const model::ModelError& e) {
    return device_failed(std::string("(reports an impossible configuration): ") + e.what());
  }
}

// With no --device: the model, every zoo entry (with zoo:conforming-alt, whose every failure
// would be a false alarm of the suite), and QEMU when it is installed.
std::vector<std::string> default_devices() {
  std::vector<std::string> d = {"model"};
  for (const std::string& z : harness::zoo_entries()) {
    d.push_back("zoo:" + z);
  }
  if (harness::qemu::qemu_installed()) d.push_back("qemu:smmuv3");
  return d;
}

// The built-in directed tests the run judges before its sequences: all of them, the one
// --directed-test names (and then no sequence), or none (--no-directed, the state machine).
harness::CliOptions with_directed_tests(harness::CliOptions o) {
  if (o.no_directed || o.run.engine != harness::Engine::Sequences) return o;
  auto all = harness::builtin_directed_tests();
  if (o.directed_test.empty()) {
    o.run.directed_tests = std::move(all);
    o.run.all_directed_tests = true;
    return o;
  }
  std::vector<harness::DirectedTest> one;
  for (const harness::DirectedTest& t : *all) {
    if (t.name == o.directed_test) one.push_back(t);
  }
  if (one.empty()) {
    throw harness::UsageError("--directed-test: no built-in directed test is named '" +
                              o.directed_test +
                              "' (cmdqv-cts prove --emit-tests DIR writes them all)");
  }
  if (!o.profiles_given) o.profiles = {one.front().profile};
  o.run.directed_tests = std::make_shared<const std::vector<harness::DirectedTest>>(one);
  o.run.sequences = 0;
  return o;
}

}  // namespace

int run(const harness::CliOptions& given, std::shared_ptr<const spec::Spec> s) {
  if (!given.directed_dir.empty()) return run_directed(given, s);
  const harness::CliOptions o = with_directed_tests(given);
  for (const std::string& glob : o.run.clause_globs) {
    if (std::none_of(s->clauses.begin(), s->clauses.end(), [&](const spec::Clause& c) {
          return harness::clause_selected({glob}, c.id);
        })) {
      throw harness::UsageError("--clauses: '" + glob +
                                "' matches no clause (cmdqv-cts list shows them)");
    }
  }
  const harness::ResultsLog::Expectations judged_by{o.expect_files,
                                                    o.expect_files.empty() && !o.devices_given};
  const std::vector<harness::Expectation> expectations = expectations_for(judged_by, *s);
  std::unique_ptr<harness::ResultsLog> log;
  if (!o.report_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.report_dir, ec);
    if (ec)
      throw harness::UsageError("--report: cannot create '" + o.report_dir + "': " + ec.message());
    log = std::make_unique<harness::ResultsLog>(o.report_dir + "/results.jsonl", o.run, judged_by);
  }
  // A clause that nothing checks fails the run, whatever the devices do.
  int worst = report_uncovered_clauses(*s);
  std::vector<harness::ReportedRun> reported;
  std::vector<std::string> skipped;
  for (const std::string& device : o.devices_given ? o.devices : default_devices()) {
    for (harness::Profile p : o.profiles) {
      worst = std::max(worst, run_one(o, s, device, p, expectations, reported, log.get(), skipped));
    }
  }
  write_report_files(o, reported, o.run, expectations);
  if (!o.write_expectations.empty()) {
    std::vector<harness::ProfileRun> runs;
    for (const harness::ReportedRun& r : reported) runs.push_back(r.run);
    std::ofstream out(o.write_expectations);
    if (!(out << harness::expectations_yaml(runs, expectations, o.run)))
      throw harness::UsageError("--write-expectations: cannot write " + o.write_expectations);
  }
  if (log) log->end(worst);
  print_summary(worst, skipped);
  return worst;
}

}  // namespace cts::cli
