// SPDX-License-Identifier: MIT
// The QEMU version matrix (see qemu_matrix.h).
#include "cmdqv_cts/harness/qemu_matrix.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"
#include "cmdqv_cts/harness/qemu_backend.h"
#include "cmdqv_cts/harness/scenario.h"
#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/model_error.h"

namespace cts::harness {
namespace {

// The first line of `BINARY --version`, or "" if it cannot be run.
std::string binary_version(const std::string& binary) {
  std::string quoted = "'";
  for (char c : binary) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  FILE* p = ::popen((quoted + " --version 2>/dev/null").c_str(), "r");
  if (!p) return "";
  char line[256] = {};
  const bool got = std::fgets(line, sizeof line, p) != nullptr;
  ::pclose(p);
  std::string s = got ? line : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::vector<std::string> scenario_files(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  if (ec) throw UsageError("--directed: cannot read '" + dir + "': " + ec.message());
  if (files.empty()) throw UsageError("--directed: no scenario (*.yaml) in '" + dir + "'");
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

const char* to_string(QemuCell c) {
  switch (c) {
    case QemuCell::Absent:
      return "-";
    case QemuCell::Present:
      return "present";
    case QemuCell::StillPresent:
      return "still present";
    case QemuCell::Fixed:
      return "fixed";
    case QemuCell::New:
      return "new";
    case QemuCell::NotChecked:
      return "not checked";
    case QemuCell::NotApplicable:
      return "n/a (IDRs)";
  }
  return "?";
}

std::vector<QemuMatrixRow> compare_qemu_versions(const std::vector<QemuVersionResult>& versions) {
  // (clause, case) -> first failure per version index.
  std::map<std::pair<std::string, std::string>, std::map<std::size_t, std::string>> seen;
  for (std::size_t v = 0; v < versions.size(); ++v) {
    if (!versions[v].not_checked.empty()) continue;
    for (const QemuDeviation& d : versions[v].deviations) {
      seen[{d.clause, d.case_name}].emplace(v, d.first_failure);
    }
  }
  std::vector<QemuMatrixRow> rows;
  for (const auto& [key, where] : seen) {
    QemuMatrixRow row{key.first, key.second, {}, {}};
    bool have_earlier = false, earlier_present = false;
    for (std::size_t v = 0; v < versions.size(); ++v) {
      if (!versions[v].not_checked.empty()) {
        row.cells.push_back(QemuCell::NotChecked);
        row.first_failures.emplace_back();
        continue;
      }
      const auto it = where.find(v);
      const bool present = it != where.end();
      if (!present && !versions[v].device_failure.empty()) {
        // It stopped early: what it did not show may simply not have been reached.
        row.cells.push_back(QemuCell::NotChecked);
        row.first_failures.emplace_back();
        continue;
      }
      if (!present && key.first == "CMD-2" && versions[v].legal_commands.count(key.second)) {
        // This version implements the feature: the command is legal, neither fixed nor absent.
        row.cells.push_back(QemuCell::NotApplicable);
        row.first_failures.emplace_back();
        continue;
      }
      QemuCell c = QemuCell::Absent;
      if (!have_earlier) {
        c = present ? QemuCell::Present : QemuCell::Absent;
      } else if (present) {
        c = earlier_present ? QemuCell::StillPresent : QemuCell::New;
      } else if (earlier_present) {
        c = QemuCell::Fixed;
      }
      row.cells.push_back(c);
      row.first_failures.push_back(present ? it->second : "");
      have_earlier = true;
      earlier_present = present;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

QemuVersionResult collect_qemu_deviations(std::shared_ptr<const spec::Spec> spec,
                                          const std::string& device,
                                          const QemuMatrixOptions& options) {
  QemuVersionResult out;
  out.device = device;
  const DeviceSpec ds = parse_device_spec(device);
  if (ds.backend != "qemu")
    throw UsageError("matrix --qemu: '" + device + "' is not a qemu:smmuv3[@VERSION] device");
  std::optional<std::string> binary =
      ds.version.empty() ? qemu::locate_qemu() : cached_qemu_binary(ds.version);
  if (!binary) {
    out.not_checked = qemu_availability(ds.version);
    return out;
  }
  out.version = binary_version(*binary);
  const OpenOptions open{options.timeout, spec};
  std::set<std::pair<std::string, std::string>> recorded;
  auto add = [&](const std::string& clause, const std::string& case_name, const std::string& what) {
    if (recorded.insert({clause, case_name}).second)
      out.deviations.push_back({clause, case_name, what});
  };
  try {
    std::unique_ptr<Device> dut = open_device(ds, Profile::Smmuv3, open);
    const model::ModelConfig config =
        probe_device_config(*dut, profile_config(Profile::Smmuv3, ""));
    const model::CommandRules rules(*spec, model::ModelPolicy{});
    const model::Features features = model::Features::from(config);
    for (unsigned op = 0; op < 256; ++op) {
      if (rules.entry(static_cast<std::uint8_t>(op)) &&
          rules.smmu_error(op, 0, features) == model::CmdError::None)
        out.legal_commands.insert(rules.name(static_cast<std::uint8_t>(op)));
    }
    const ProfileRun run = run_profile(spec, Profile::Smmuv3, config, *dut, options.run);
    // The (clause, case) pairs the run judged failed, as `run` and the expectation files name
    // them, with the first failure of each.
    for (const ClauseTally& t : run.coverage.tallies()) {
      if (t.failures == 0 || !t.clause) continue;
      if (t.cases.empty()) add(t.clause->id, "", t.first_failure);
      for (const auto& [name, tally] : t.cases) add(t.clause->id, name, tally.first_failure);
    }
    if (!run.device_failure.empty()) out.device_failure = run.device_failure;
    if (!options.directed_dir.empty() && out.device_failure.empty()) {
      for (const std::string& file : scenario_files(options.directed_dir)) {
        const Scenario sc = load_scenario(file);
        if (sc.profile != Profile::Smmuv3) continue;
        if (!dut) dut = open_device(ds, Profile::Smmuv3, open);
        try {
          const ScenarioResult r = replay_scenario(spec, config, *dut, sc);
          if (r.mismatch) {
            for (const std::string& c : sc.clauses) add(c, sc.name, *r.mismatch);
          }
        } catch (const DeviceFailure& e) {
          // One scenario's crash is its deviation; the next one gets a fresh QEMU.
          for (const std::string& c : sc.clauses)
            add(c, sc.name, std::string("DEVICE FAILED: ") + e.what());
          dut.reset();
        }
      }
    }
  } catch (const DeviceFailure& e) {
    out.device_failure = e.what();
  } catch (const model::ModelError& e) {
    out.device_failure = std::string("the device reports an impossible configuration: ") + e.what();
  }
  return out;
}

}  // namespace cts::harness
