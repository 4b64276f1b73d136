// SPDX-License-Identifier: MIT
// The VMM x kernel matrix (driver_matrix.h): the expectation table, the cells, the bench.
#include "cmdqv_cts/harness/driver_matrix.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cmdqv_cts/driver/driver_variant.h"
#include "cmdqv_cts/harness/device_bus.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/run_ops.h"
#include "yaml_errors.h"

namespace cts::harness {
namespace {

using yaml::fail;

void only_keys(const std::string& file, const YAML::Node& map,
               std::initializer_list<const char*> keys, const char* what) {
  if (!map.IsMap()) fail(file, map, std::string(what) + " must be a mapping");
  for (const auto& kv : map) {
    const std::string k = kv.first.Scalar();
    if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; })) {
      std::string known;
      for (const char* x : keys) known += (known.empty() ? "" : ", ") + std::string(x);
      fail(file, kv.first, "unknown key '" + k + "' in " + what + " (known: " + known + ")");
    }
  }
}

std::string scalar(const std::string& file, const YAML::Node& parent, const char* key) {
  const YAML::Node n = parent[key];
  if (!n) fail(file, parent, std::string("missing '") + key + "'");
  if (!n.IsScalar() || n.Scalar().empty())
    fail(file, n, std::string("'") + key + "' must be a non-empty string");
  return n.Scalar();
}

std::vector<std::string> list(const std::string& file, const YAML::Node& parent, const char* key) {
  const YAML::Node n = parent[key];
  if (!n || !n.IsSequence() || n.size() == 0)
    fail(file, n ? n : parent, std::string("'") + key + "' must be a non-empty list");
  std::vector<std::string> out;
  for (const YAML::Node& x : n) {
    if (!x.IsScalar()) fail(file, x, std::string("'") + key + "' entries must be strings");
    out.push_back(x.Scalar());
  }
  return out;
}

spec::View view_of(Profile p) {
  return p == Profile::CmdqvGuest ? spec::View::Guest : spec::View::Host;
}

}  // namespace

MatrixSpec parse_matrix(const std::string& file, const std::string& text, const spec::Spec& spec) {
  const YAML::Node root = yaml::parse(file, text);
  only_keys(file, root, {"clauses", "kernels", "rows"}, "the matrix");
  MatrixSpec m;
  m.file = file;
  m.clauses = list(file, root, "clauses");
  for (std::size_t i = 0; i < m.clauses.size(); ++i) {
    const spec::Clause* c = spec.clause(m.clauses[i]);
    if (!c) fail(file, root["clauses"][i], "unknown clause '" + m.clauses[i] + "'");
    if (c->checked_by != spec::CheckedBy::Driver) {
      fail(file, root["clauses"][i],
           "clause '" + m.clauses[i] + "' is not checked by the driver model");
    }
  }
  m.kernels = list(file, root, "kernels");
  for (std::size_t i = 0; i < m.kernels.size(); ++i) {
    if (!driver::find_driver_variant(m.kernels[i])) {
      fail(file, root["kernels"][i],
           "unknown kernel '" + m.kernels[i] + "' (known: " + driver::driver_variant_names() + ")");
    }
  }
  const YAML::Node rows = root["rows"];
  if (!rows || !rows.IsSequence() || rows.size() == 0)
    fail(file, rows ? rows : root, "'rows' must be a non-empty list");
  for (const YAML::Node& r : rows) {
    only_keys(file, r, {"name", "device", "profile", "expect", "why"}, "a row");
    MatrixRow row;
    row.name = scalar(file, r, "name");
    row.device = scalar(file, r, "device");
    try {
      (void)parse_device_spec(row.device);
    } catch (const std::exception& e) {
      fail(file, r["device"], e.what());
    }
    const std::string profile = scalar(file, r, "profile");
    if (!profile_from_string(profile, row.profile) || row.profile == Profile::Smmuv3) {
      fail(file, r["profile"], "profile '" + profile + "': expected cmdqv-host or cmdqv-guest");
    }
    if (r["why"]) row.why = scalar(file, r, "why");
    const YAML::Node expect = r["expect"];
    if (!expect || !expect.IsMap())
      fail(file, expect ? expect : r, "'expect' must map each kernel to pass or a clause");
    for (const auto& kv : expect) {
      if (std::find(m.kernels.begin(), m.kernels.end(), kv.first.Scalar()) == m.kernels.end()) {
        fail(file, kv.first, "'" + kv.first.Scalar() + "' is not one of the matrix's kernels");
      }
    }
    for (const std::string& k : m.kernels) {
      const YAML::Node e = expect[k];
      if (!e || !e.IsScalar()) fail(file, expect, "no expectation for kernel '" + k + "'");
      const std::string v = e.Scalar();
      if (v != "pass" && std::find(m.clauses.begin(), m.clauses.end(), v) == m.clauses.end()) {
        fail(file, e, "expectation '" + v + "': expected pass or one of the matrix's clauses");
      }
      row.expect.push_back(v);
    }
    m.rows.push_back(std::move(row));
  }
  return m;
}

MatrixSpec load_matrix_file(const std::string& path, const spec::Spec& spec) {
  std::ifstream in(path);
  if (!in) throw spec::SpecError(spec::SourceLoc{path, 0, 0}, "cannot read the matrix file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_matrix(path, text.str(), spec);
}

bool MatrixResult::all_as_expected() const {
  for (const auto& row : cells) {
    for (const MatrixCell& c : row) {
      if (!c.as_expected) return false;
    }
  }
  return true;
}

std::vector<driver::DriverStep> matrix_steps(const std::vector<driver::LinuxCommand>& commands,
                                             std::uint64_t seed) {
  std::vector<driver::DriverStep> issue;
  for (const driver::LinuxCommand& c : commands) {
    for (std::uint32_t cpu = 0; cpu < 4; ++cpu)
      issue.push_back({driver::StepKind::Issue, c.opcode, cpu});
  }
  Rng rng(seed);
  for (std::size_t i = issue.size(); i > 1; --i)
    std::swap(issue[i - 1], issue[rng.below(i)]);  // Fisher-Yates
  std::vector<driver::DriverStep> steps = driver::bring_up_steps();
  steps.insert(steps.end(), issue.begin(), issue.end());
  steps.push_back({driver::StepKind::Remove});
  return steps;
}

namespace {

// The first violation of a judged clause that applies to `view`, if any.
const driver::Violation* judged(const driver::ScenarioResult& r, const MatrixSpec& m,
                                const spec::Spec& s, spec::View view) {
  for (const driver::Violation& v : r.violations) {
    if (std::find(m.clauses.begin(), m.clauses.end(), v.clause) == m.clauses.end()) continue;
    const spec::Clause* c = s.clause(v.clause);
    if (c && std::find(c->views.begin(), c->views.end(), view) != c->views.end()) return &v;
  }
  return nullptr;
}

MatrixCell run_cell(const MatrixSpec& m, const MatrixRow& row, const driver::DriverVariant& kernel,
                    Device& dut, const spec::Spec& s, std::uint64_t seed) {
  MatrixCell cell;
  DeviceBus bus(dut);
  const spec::View view = view_of(row.profile);
  // What the SMMU supports decides which commands Linux issues: ask a probing driver.
  dut.reset();
  driver::DriverModel probe(kernel, bus);
  (void)probe.probe();
  const std::vector<driver::DriverStep> steps = matrix_steps(probe.issuable_commands(), seed);
  cell.original_steps = steps.size();
  auto replay = [&](const std::vector<driver::DriverStep>& st) {
    dut.reset();
    return driver::run_driver_scenario(kernel, bus, st);
  };
  const driver::ScenarioResult r = replay(steps);
  if (!r.bus_error.empty()) {
    cell.verdict = "device failed";
    cell.what = r.bus_error;
    return cell;
  }
  const driver::Violation* first = judged(r, m, s, view);
  if (!first) return cell;
  cell.verdict = first->clause;
  const std::string clause = first->clause;
  cell.minimal_steps = driver::shrink_steps(steps, [&](const std::vector<driver::DriverStep>& st) {
    const driver::ScenarioResult x = replay(st);
    const driver::Violation* v = judged(x, m, s, view);
    return v && v->clause == clause;
  });
  const driver::ScenarioResult minimal = replay(cell.minimal_steps);
  cell.what = judged(minimal, m, s, view)->what;
  return cell;
}

}  // namespace

MatrixResult run_matrix(const MatrixSpec& m, std::shared_ptr<const spec::Spec> spec,
                        const MatrixOptions& o) {
  MatrixResult out;
  for (const MatrixRow& row : m.rows) {
    std::vector<MatrixCell> cells;
    const auto dut =
        open_device(parse_device_spec(row.device), row.profile, OpenOptions{o.timeout, spec});
    for (std::size_t k = 0; k < m.kernels.size(); ++k) {
      MatrixCell c;
      try {
        c = run_cell(m, row, *driver::find_driver_variant(m.kernels[k]), *dut, *spec, o.seed);
      } catch (const DeviceFailure& e) {
        c.verdict = "device failed";
        c.what = e.what();
      }
      c.as_expected = c.verdict == row.expect[k];
      cells.push_back(std::move(c));
    }
    out.cells.push_back(std::move(cells));
  }
  return out;
}

double probe_remove_cycles_per_second(const std::string& device, Profile profile,
                                      std::shared_ptr<const spec::Spec> spec,
                                      std::chrono::milliseconds budget) {
  const auto dut = open_device(parse_device_spec(device), profile,
                               OpenOptions{std::chrono::milliseconds(1000), spec});
  DeviceBus bus(*dut);
  const driver::DriverVariant& fixed = *driver::find_driver_variant("fixed");
  driver::DriverModel d(fixed, bus);
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::uint64_t cycles = 0;
  while (Clock::now() - start < budget || cycles == 0) {
    if (!(d.probe() && d.init_structures() && d.device_reset() && d.remove())) break;
    ++cycles;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(cycles) / seconds;
}

}  // namespace cts::harness
