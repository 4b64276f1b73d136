// SPDX-License-Identifier: MIT
// ClauseCoverage (see clause_coverage.h).
#include "cmdqv_cts/harness/clause_coverage.h"

#include <fnmatch.h>

#include <algorithm>
#include <stdexcept>

namespace cts::harness {
namespace {

// A clause applies to a plain SMMUv3 if it names an SMMU register, or, naming no register, if
// its family is one of the SMMU command-queue families (Q, CMD, ERR) or the generic register
// semantics (REG).
bool cmdqv_only(const spec::Clause& c) {
  if (c.registers.empty())
    return c.family != "Q" && c.family != "CMD" && c.family != "ERR" && c.family != "REG";
  return std::none_of(c.registers.begin(), c.registers.end(),
                      [](const std::string& r) { return r.rfind("smmu:", 0) == 0; });
}

}  // namespace

ClauseCoverage::ClauseCoverage(const spec::Spec& spec, spec::View view, bool has_cmdqv) {
  for (const spec::Clause& c : spec.clauses) {
    ClauseTally t;
    t.clause = &c;
    if (c.checked_by == spec::CheckedBy::Driver) {
      t.skip_reason = "a rule on driver software: the driver model checks it, a device run cannot";
    } else if (std::find(c.views.begin(), c.views.end(), view) == c.views.end()) {
      t.skip_reason = std::string("applies to the ") +
                      (view == spec::View::Host ? "guest" : "host") + " view only";
    } else if (!has_cmdqv && cmdqv_only(c)) {
      t.skip_reason = "no CMDQV in the smmuv3 profile";
    }
    for (const spec::ClauseBranch& b : c.branches) t.branches[b.id] = 0;
    const std::size_t index = tallies_.size();
    tallies_.push_back(t);
    if (c.checked_by == spec::CheckedBy::Driver) continue;
    for (const std::string& r : c.registers) {
      failed_by_register_[r].push_back(index);
      if (c.checked_by == spec::CheckedBy::Registers) exercised_by_register_[r].push_back(index);
    }
  }
}

ClauseTally* ClauseCoverage::find(std::string_view id) {
  for (ClauseTally& t : tallies_) {
    if (t.clause->id == id) return &t;
  }
  return nullptr;
}

void ClauseCoverage::exercise_register(std::string_view qualified_register) {
  const auto it = exercised_by_register_.find(qualified_register);
  if (it == exercised_by_register_.end()) return;
  for (std::size_t i : it->second) {
    ++tallies_[i].exercised;
    window_.push_back(i);
  }
}

void ClauseCoverage::exercise(std::string_view clause_id) {
  if (ClauseTally* t = find(clause_id)) {
    ++t->exercised;
    window_.push_back(static_cast<std::size_t>(t - tallies_.data()));
  }
}

void ClauseCoverage::reach(std::string_view clause_id, std::string_view branch) {
  ClauseTally* t = find(clause_id);
  if (!t || !t->branches.count(std::string(branch))) {
    throw std::logic_error("branch '" + std::string(branch) + "' of clause " +
                           std::string(clause_id) + " is not in the spec's branches list");
  }
  reached_.emplace_back(static_cast<std::size_t>(t - tallies_.data()), branch);
}

void ClauseCoverage::close_window() {
  for (const auto& [i, branch] : reached_) ++tallies_[i].branches[branch];
  reached_.clear();
  window_.clear();
}

void ClauseCoverage::charge(ClauseTally& t, const std::string& what,
                            const std::vector<std::string>& cases) {
  if (t.failures++ == 0) t.first_failure = what;
  for (const std::string& c : cases) {
    CaseTally& k = t.cases[c];
    if (k.failures++ == 0) k.first_failure = what;
  }
}

void ClauseCoverage::fail(std::string_view clause_id, const std::string& what,
                          const std::vector<std::string>& cases) {
  ClauseTally* t = find(clause_id);
  if (!t) {
    if (unattributed_++ == 0) first_unattributed_ = what;
    return;
  }
  charge(*t, what, cases);
}

void ClauseCoverage::fail_register(std::string_view qualified_register, const std::string& what,
                                   const std::vector<std::string>& cases) {
  const auto it = failed_by_register_.find(qualified_register);
  if (it == failed_by_register_.end() || it->second.empty()) {
    if (unattributed_++ == 0) first_unattributed_ = what;
    return;
  }
  std::vector<std::size_t> blamed;
  for (std::size_t i : it->second) {
    const bool in_window = std::find(window_.begin(), window_.end(), i) != window_.end();
    if (tallies_[i].skip_reason.empty() && in_window) blamed.push_back(i);
  }
  if (blamed.empty()) {
    for (std::size_t i : it->second) {
      if (tallies_[i].skip_reason.empty()) blamed.push_back(i);
    }
  }
  for (std::size_t i : blamed) charge(tallies_[i], what, cases);
}

void ClauseCoverage::merge(const ClauseCoverage& other) {
  for (std::size_t i = 0; i < tallies_.size() && i < other.tallies_.size(); ++i) {
    ClauseTally& t = tallies_[i];
    const ClauseTally& o = other.tallies_[i];
    t.exercised += o.exercised;
    if (t.failures == 0 && o.failures) t.first_failure = o.first_failure;
    t.failures += o.failures;
    for (const auto& [name, n] : o.branches) t.branches[name] += n;
    for (const auto& [name, k] : o.cases) {
      CaseTally& mine = t.cases[name];
      if (mine.failures == 0) mine.first_failure = k.first_failure;
      mine.failures += k.failures;
    }
  }
  if (unattributed_ == 0 && other.unattributed_) first_unattributed_ = other.first_unattributed_;
  unattributed_ += other.unattributed_;
}

std::uint64_t ClauseCoverage::failed() const {
  return static_cast<std::uint64_t>(std::count_if(
      tallies_.begin(), tallies_.end(), [](const ClauseTally& t) { return t.failures > 0; }));
}

std::vector<std::uint64_t> ClauseCoverage::failure_counts() const {
  std::vector<std::uint64_t> counts;
  counts.reserve(tallies_.size());
  for (const ClauseTally& t : tallies_) counts.push_back(t.failures);
  return counts;
}

std::map<std::pair<std::string, std::string>, std::uint64_t> ClauseCoverage::case_counts() const {
  std::map<std::pair<std::string, std::string>, std::uint64_t> out;
  for (const ClauseTally& t : tallies_) {
    for (const auto& [name, k] : t.cases) out[{t.clause->id, name}] = k.failures;
  }
  return out;
}

bool clause_selected(const std::vector<std::string>& globs, const std::string& id) {
  if (globs.empty()) return true;
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return fnmatch(g.c_str(), id.c_str(), 0) == 0; });
}

void ClauseCoverage::skip(std::string_view clause_id, const std::string& reason) {
  if (ClauseTally* t = find(clause_id); t && t->skip_reason.empty()) t->skip_reason = reason;
}

void ClauseCoverage::deselect_unless(const std::vector<std::string>& globs,
                                     const std::string& reason) {
  for (ClauseTally& t : tallies_) {
    if (t.skip_reason.empty() && !clause_selected(globs, t.clause->id)) t.skip_reason = reason;
  }
}

bool ClauseCoverage::restore(std::string_view id, const ClauseTally& recorded) {
  ClauseTally* t = find(id);
  if (!t) return false;
  t->exercised = recorded.exercised;
  t->failures = recorded.failures;
  t->first_failure = recorded.first_failure;
  t->skip_reason = recorded.skip_reason;
  t->cases = recorded.cases;
  for (const auto& [name, n] : recorded.branches) {
    if (t->branches.count(name)) t->branches[name] = n;  // a branch the spec no longer lists goes
  }
  return true;
}

void ClauseCoverage::restore_unattributed(std::uint64_t n, const std::string& first) {
  unattributed_ = n;
  first_unattributed_ = first;
}

}  // namespace cts::harness
