// SPDX-License-Identifier: MIT
// ClauseCoverage (see clause_coverage.h).
#include "cmdqv_cts/harness/clause_coverage.h"

#include <algorithm>

namespace cts::harness {

ClauseCoverage::ClauseCoverage(const spec::Spec& spec, spec::View view, bool has_cmdqv) {
  for (const spec::Clause& c : spec.clauses) {
    ClauseTally t;
    t.clause = &c;
    if (std::find(c.views.begin(), c.views.end(), view) == c.views.end()) {
      t.skip_reason = std::string("applies to the ") + (view == spec::View::Host ? "guest" : "host") + " view only";
    } else if (!has_cmdqv && c.family != "Q" && c.family != "CMD" && c.family != "ERR") {
      t.skip_reason = "no CMDQV in the smmuv3 profile";
    }
    const std::size_t index = tallies_.size();
    tallies_.push_back(t);
    for (const std::string& r : c.registers) by_register_[r].push_back(index);
  }
}

ClauseTally* ClauseCoverage::find(std::string_view id) {
  for (ClauseTally& t : tallies_) {
    if (t.clause->id == id) return &t;
  }
  return nullptr;
}

void ClauseCoverage::exercise_register(std::string_view qualified_register) {
  const auto it = by_register_.find(qualified_register);
  if (it == by_register_.end()) return;
  for (std::size_t i : it->second) ++tallies_[i].exercised;
}

void ClauseCoverage::exercise(std::string_view clause_id) {
  if (ClauseTally* t = find(clause_id)) ++t->exercised;
}

void ClauseCoverage::fail(std::string_view clause_id, const std::string& what) {
  ClauseTally* t = find(clause_id);
  if (!t) {
    if (unattributed_++ == 0) first_unattributed_ = what;
    return;
  }
  if (t->failures++ == 0) t->first_failure = what;
}

void ClauseCoverage::fail_register(std::string_view qualified_register, const std::string& what) {
  const auto it = by_register_.find(qualified_register);
  if (it == by_register_.end() || it->second.empty()) {
    if (unattributed_++ == 0) first_unattributed_ = what;
    return;
  }
  for (std::size_t i : it->second) {
    if (tallies_[i].failures++ == 0) tallies_[i].first_failure = what;
  }
}

std::uint64_t ClauseCoverage::failed() const {
  return static_cast<std::uint64_t>(
      std::count_if(tallies_.begin(), tallies_.end(), [](const ClauseTally& t) { return t.failures > 0; }));
}

}  // namespace cts::harness
