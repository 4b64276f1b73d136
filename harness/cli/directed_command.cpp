// SPDX-License-Identifier: MIT
// `cmdqv-cts run --directed DIR`: replays directed tests (from `prove --emit-tests`).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/scenario.h"
#include "cmdqv_cts/model/model_error.h"
#include "commands.h"

namespace cts::cli {
namespace {

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

}  // namespace

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

}  // namespace cts::cli
