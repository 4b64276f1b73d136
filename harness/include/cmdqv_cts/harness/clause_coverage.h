// SPDX-License-Identifier: MIT
// Per-clause counters for one run: how often a clause was exercised, whether it failed and
// the first failure's description. Which clauses a register access exercises comes from
// the clauses' `registers:` lists in spec/, so a reviewer's new clause is counted for free.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

// The failures of one clause in one case: for a command clause the opcode ("ATC_INV"), for a
// register clause the field that differed ("CMDQ_CONS.RD"). Expectations name (clause, case).
struct CaseTally {
  std::uint64_t failures = 0;
  std::string first_failure;
};

struct ClauseTally {
  const spec::Clause* clause = nullptr;
  std::uint64_t exercised = 0;
  std::uint64_t failures = 0;
  std::string first_failure;
  std::string skip_reason;                 // non-empty: not applicable to this profile
  std::map<std::string, CaseTally> cases;  // every failure counted under its case(s)
  // The clause's branches (spec `branches:`): how often each was reached and then compared.
  std::map<std::string, std::uint64_t> branches;
};

// Does clause `id` match one of the --clauses globs (fnmatch)? An empty list selects all.
bool clause_selected(const std::vector<std::string>& globs, const std::string& id);

class ClauseCoverage {
 public:
  ClauseCoverage(const spec::Spec& spec, spec::View view, bool has_cmdqv);

  // An access to "smmu:regs.CMDQ_CONS" or "cmdqv:vintf.CONFIG" exercises the clauses that
  // are checked_by registers and name it.
  void exercise_register(std::string_view qualified_register);
  void exercise(std::string_view clause_id);
  // A step reached branch `branch` of the clause; it counts once a comparison follows (the
  // outcome was checked), at the next close_window(). Throws std::logic_error if the spec does
  // not list that branch for the clause (the harness and spec/ disagree).
  void reach(std::string_view clause_id, std::string_view branch);
  // A difference charged to one clause, in one or more cases (e.g. {"ATC_INV"}). An unknown
  // clause id counts as a failure outside every clause.
  void fail(std::string_view clause_id, const std::string& what,
            const std::vector<std::string>& cases);
  // A wrong value of a register fails the device-side clauses that name it and were exercised
  // since the last comparison (the window); if none of them was, every one that names it.
  // `cases`: the fields that differed.
  void fail_register(std::string_view qualified_register, const std::string& what,
                     const std::vector<std::string>& cases);
  // A comparison point: the steps after it form the next window.
  void close_window();
  std::uint64_t unattributed_failures() const { return unattributed_; }
  const std::string& first_unattributed() const { return first_unattributed_; }

  // Adds the counts of another run of the same spec and profile (first failures kept).
  void merge(const ClauseCoverage& other);

  const std::vector<ClauseTally>& tallies() const { return tallies_; }
  std::uint64_t failed() const;
  // The failure count of every clause, in tally order: diffing two snapshots names the
  // clauses one sequence failed.
  std::vector<std::uint64_t> failure_counts() const;
  // The failure count of every (clause, case): diffing two snapshots names the cases one
  // sequence failed, and whether it is the first failure in them.
  std::map<std::pair<std::string, std::string>, std::uint64_t> case_counts() const;

  // Clauses outside a --clauses selection: reported as skipped with `reason`, never judged.
  // Marks a clause skipped (not applicable to this device), unless it is already.
  void skip(std::string_view clause_id, const std::string& reason);
  void deselect_unless(const std::vector<std::string>& globs, const std::string& reason);
  // Rebuilding a run from a results file (results_log.h): the counters as they were recorded.
  // False if the spec has no clause `id`.
  bool restore(std::string_view id, const ClauseTally& recorded);
  void restore_unattributed(std::uint64_t n, const std::string& first);

 private:
  ClauseTally* find(std::string_view id);
  void charge(ClauseTally& t, const std::string& what, const std::vector<std::string>& cases);
  std::vector<ClauseTally> tallies_;
  using Index = std::map<std::string, std::vector<std::size_t>, std::less<>>;
  Index exercised_by_register_;
  Index failed_by_register_;
  std::vector<std::size_t> window_;  // tallies exercised since the last comparison
  std::vector<std::pair<std::size_t, std::string>> reached_;  // branches awaiting a comparison
  std::uint64_t unattributed_ = 0;
  std::string first_unattributed_;
};

}  // namespace cts::harness
