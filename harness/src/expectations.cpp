// SPDX-License-Identifier: MIT
// Expectation files and their application to a run (see expectations.h).
#include "cmdqv_cts/harness/expectations.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "cmdqv_cts/harness/console_report.h"
#include "yaml_errors.h"

namespace cts::harness {
namespace {

using yaml::fail;
using yaml::loc_of;

std::string text(const std::string& file, const YAML::Node& entry, const char* key, bool required) {
  const YAML::Node n = entry[key];
  if (!n) {
    if (required) fail(file, entry, std::string("expectation without '") + key + "'");
    return "";
  }
  if (!n.IsScalar() || n.Scalar().empty())
    fail(file, n, std::string("'") + key + "' must be a non-empty string");
  return n.Scalar();
}

// `written_for: {seed: 1, first_sequence: 0, sequences: 200, ops: 48, directed: true}`.
CampaignKey parse_campaign(const std::string& file, const YAML::Node& n) {
  if (!n.IsMap())
    fail(file, n,
         "'written_for' must be a mapping (seed, first_sequence, sequences, ops, directed)");
  const auto keys = {"seed", "first_sequence", "sequences", "ops", "directed"};
  yaml::only_keys(file, n, keys);
  for (const char* k : keys) {
    if (!n[k]) fail(file, n, std::string("written_for without '") + k + "'");
  }
  auto narrow = [&](const char* k) -> std::uint32_t {
    const std::uint64_t v = yaml::number(file, n[k], k);
    if (v > 0xFFFFFFFFu) fail(file, n[k], std::string("written_for: '") + k + "' is too large");
    return static_cast<std::uint32_t>(v);
  };
  return CampaignKey{yaml::number(file, n["seed"], "seed"), narrow("first_sequence"),
                     narrow("sequences"), narrow("ops"), yaml::flag(file, n, "directed")};
}

Expectation parse_entry(const std::string& file, const YAML::Node& e, const spec::Spec& spec) {
  static const char* kKeys[] = {"device", "profiles", "clause", "case", "reason", "reference"};
  if (!e.IsMap()) fail(file, e, "an expectation must be a mapping");
  for (const auto& kv : e) {
    const std::string k = kv.first.Scalar();
    if (k == "kind") {
      fail(
          file, kv.first,
          "'kind' is no longer read: an entry names one (clause, case) the device fails, and every "
          "other failure is new (give 'case:', as `cmdqv-cts run` prints it)");
    }
    if (std::none_of(std::begin(kKeys), std::end(kKeys), [&](const char* x) { return k == x; })) {
      fail(file, kv.first,
           "unknown key '" + k + "' (known: device, profiles, clause, case, reason, reference)");
    }
  }
  Expectation x;
  x.loc = loc_of(file, e);
  x.device = text(file, e, "device", true);
  x.clause = text(file, e, "clause", true);
  x.reason = text(file, e, "reason", true);
  x.reference = text(file, e, "reference", true);
  if (!spec.clause(x.clause)) fail(file, e["clause"], "unknown clause '" + x.clause + "'");
  x.case_name = text(file, e, "case", true);
  if (const YAML::Node p = e["profiles"]) {
    if (!p.IsSequence() || p.size() == 0) fail(file, p, "'profiles' must be a non-empty list");
    for (const YAML::Node& item : p) {
      Profile prof{};
      if (!item.IsScalar() || !profile_from_string(item.Scalar(), prof)) {
        fail(file, item, "unknown profile '" + (item.IsScalar() ? item.Scalar() : "?") + "'");
      }
      x.profiles.push_back(prof);
    }
  }
  return x;
}

}  // namespace

bool Expectation::applies_to(const std::string& dev, Profile p) const {
  return dev == device &&
         (profiles.empty() || std::find(profiles.begin(), profiles.end(), p) != profiles.end());
}

std::vector<Expectation> load_expectations(const std::vector<spec::SpecText>& files,
                                           const spec::Spec& spec) {
  std::vector<Expectation> out;
  for (const spec::SpecText& f : files) {
    const YAML::Node root = yaml::parse(f.file, f.text);
    const YAML::Node list = root["expectations"];
    if (!root.IsMap() || !list || !list.IsSequence()) {
      throw spec::SpecError(spec::SourceLoc{f.file, 1, 1},
                            "expected a top-level 'expectations:' list");
    }
    for (const auto& kv : root) {
      const std::string k = kv.first.Scalar();
      if (k != "expectations" && k != "written_for")
        fail(f.file, kv.first,
             "unknown top-level key '" + k + "' (known: written_for, expectations)");
    }
    std::optional<CampaignKey> written_for;
    if (const YAML::Node w = root["written_for"]) written_for = parse_campaign(f.file, w);
    for (const YAML::Node& e : list) {
      out.push_back(parse_entry(f.file, e, spec));
      out.back().written_for = written_for;
    }
  }
  return out;
}

std::vector<Expectation> load_expectation_file(const std::string& path, const spec::Spec& spec) {
  std::ifstream in(path);
  if (!in) throw spec::SpecError(spec::SourceLoc{path, 0, 0}, "cannot read the expectations file");
  std::ostringstream text;
  text << in.rdbuf();
  return load_expectations({spec::SpecText{path, text.str()}}, spec);
}

Judgement judge(const ProfileRun& run, const std::string& device,
                const std::vector<Expectation>& expectations) {
  Judgement j;
  j.device_failed = !run.device_failure.empty();
  std::vector<const Expectation*> here;
  for (const Expectation& x : expectations) {
    if (x.applies_to(device, run.profile)) here.push_back(&x);
  }
  auto named = [&](const std::string& clause, const std::string& case_name) -> const Expectation* {
    for (const Expectation* x : here) {
      if (x->clause == clause && x->case_name == case_name) return x;
    }
    return nullptr;
  };
  for (const ClauseTally& t : run.coverage.tallies()) {
    if (!t.failures || !t.skip_reason.empty()) continue;
    const std::string& id = t.clause->id;
    const Expectation* first = nullptr;
    bool all_expected = true;
    // A failure recorded without a case (results of an older run) is its own case.
    std::map<std::string, CaseTally> cases = t.cases;
    if (cases.empty()) cases["(no case)"] = CaseTally{t.failures, t.first_failure};
    for (const auto& [case_name, k] : cases) {
      if (const Expectation* x = named(id, case_name)) {
        if (!first) first = x;
        if (std::find(j.held.begin(), j.held.end(), x) == j.held.end()) j.held.push_back(x);
      } else {
        all_expected = false;
        j.unexpected.push_back(id + " (" + case_name + ")");
      }
    }
    if (all_expected) j.expected.emplace_back(id, first);
  }
  if (run.coverage.unattributed_failures()) j.unexpected.push_back("(outside every clause)");
  auto skipped = [&](const std::string& id) {
    return std::any_of(
        run.coverage.tallies().begin(), run.coverage.tallies().end(),
        [&](const ClauseTally& t) { return t.clause->id == id && !t.skip_reason.empty(); });
  };
  for (const Expectation* x : here) {
    if (std::find(j.held.begin(), j.held.end(), x) != j.held.end()) continue;
    if (skipped(x->clause)) continue;  // e.g. not selected by --clauses: not judged
    const bool its_campaign =
        !x->written_for || (run.campaign && !run.partial && *run.campaign == *x->written_for);
    (its_campaign ? j.stale : j.not_reached).push_back(x);
  }
  return j;
}

std::string expectations_yaml(const std::vector<ProfileRun>& runs,
                              const std::vector<Expectation>& known, const RunOptions& options) {
  auto quoted = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
  };
  std::ostringstream os;
  os << "# SPDX-License-Identifier: MIT\n"
        "# Written by cmdqv-cts run --write-expectations: one entry per failing (clause, case).\n"
        "# Entries whose reason starts with NEW need a person's decision before this file is "
        "used.\n";
  const CampaignKey w = campaign_of(options);
  os << "written_for: {seed: " << w.seed << ", first_sequence: " << w.first_sequence
     << ", sequences: " << w.sequences << ", ops: " << w.ops_per_sequence
     << ", directed: " << (w.directed ? "true" : "false") << "}\n"
     << "expectations:\n";
  for (const ProfileRun& r : runs) {
    for (const ClauseTally& t : r.coverage.tallies()) {
      if (!t.skip_reason.empty()) continue;
      for (const auto& [case_name, k] : t.cases) {
        // A reason is carried over only from an entry for the same (clause, case): another case
        // of the clause may have another cause, and a person decides that.
        const Expectation* from = nullptr;
        for (const Expectation& x : known) {
          if (x.device == r.device && x.clause == t.clause->id && x.case_name == case_name) {
            from = &x;
            break;
          }
        }
        for (const Failure& f : r.failures) {
          if (std::find(f.cases.begin(), f.cases.end(), case_name) == f.cases.end()) continue;
          os << "  # reproduce: " << reproduce_command(r, options, f) << "\n";
          break;
        }
        os << "  - {device: " << quoted(r.device) << ", profiles: [" << to_string(r.profile)
           << "], clause: " << t.clause->id << ", case: " << quoted(case_name) << ",\n"
           << "     reason: " << quoted(from ? from->reason : "NEW: " + k.first_failure) << ",\n"
           << "     reference: "
           << quoted(from ? from->reference : "cmdqv-cts run --device " + r.device) << "}\n";
      }
    }
  }
  return os.str();
}

}  // namespace cts::harness
