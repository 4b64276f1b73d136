// SPDX-License-Identifier: MIT
// Expectation files and their application to a run (see expectations.h).
#include "cmdqv_cts/harness/expectations.h"

#include <algorithm>
#include <fstream>
#include <sstream>

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

Expectation parse_entry(const std::string& file, const YAML::Node& e, const spec::Spec& spec) {
  static const char* kKeys[] = {"device", "profiles", "clause", "reason", "reference", "kind"};
  if (!e.IsMap()) fail(file, e, "an expectation must be a mapping");
  for (const auto& kv : e) {
    const std::string k = kv.first.Scalar();
    if (std::none_of(std::begin(kKeys), std::end(kKeys), [&](const char* x) { return k == x; })) {
      fail(file, kv.first,
           "unknown key '" + k + "' (known: device, profiles, clause, reason, reference, kind)");
    }
  }
  Expectation x;
  x.loc = loc_of(file, e);
  x.device = text(file, e, "device", true);
  x.clause = text(file, e, "clause", true);
  x.reason = text(file, e, "reason", true);
  x.reference = text(file, e, "reference", true);
  if (!spec.clause(x.clause)) fail(file, e["clause"], "unknown clause '" + x.clause + "'");
  const std::string kind = text(file, e, "kind", false);
  if (kind == "caught") {
    x.kind = Expectation::Kind::Caught;
  } else if (!kind.empty() && kind != "deviation") {
    fail(file, e["kind"], "kind '" + kind + "': expected deviation or caught");
  }
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
    for (const YAML::Node& e : list) out.push_back(parse_entry(f.file, e, spec));
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
  std::vector<std::string> failing;
  for (const ClauseTally& t : run.coverage.tallies()) {
    if (t.failures && t.skip_reason.empty()) failing.push_back(t.clause->id);
  }
  if (run.coverage.unattributed_failures()) failing.push_back("(outside every clause)");
  auto skipped = [&](const std::string& id) {
    return std::any_of(
        run.coverage.tallies().begin(), run.coverage.tallies().end(),
        [&](const ClauseTally& t) { return t.clause->id == id && !t.skip_reason.empty(); });
  };
  for (const Expectation* x : here) {
    const bool fails = std::find(failing.begin(), failing.end(), x->clause) != failing.end();
    if (!fails && skipped(x->clause)) continue;  // e.g. not selected by --clauses: not judged
    if (!fails) {
      j.stale.push_back(x);
    } else if (x->kind == Expectation::Kind::Caught) {
      j.caught = x;
    }
  }
  for (const std::string& id : failing) {
    const auto it = std::find_if(here.begin(), here.end(),
                                 [&](const Expectation* x) { return x->clause == id; });
    if (it != here.end()) {
      j.expected.emplace_back(id, *it);
    } else if (j.caught) {
      j.expected.emplace_back(id, j.caught);  // a consequence of the defect the zoo entry documents
    } else {
      j.unexpected.push_back(id);
    }
  }
  return j;
}

}  // namespace cts::harness
