// SPDX-License-Identifier: MIT
// Proof obligations and their runner.
//
// An obligation builds a Problem from the symbolic model: assumptions, goals (the claim is that
// their conjunction holds whenever the assumptions do), covers and the values a counterexample
// reports. The runner proves by refutation, in its own push/pop scope on one solver: it asserts
// the assumptions, checks that they are satisfiable (vacuity) and that each cover is reachable,
// then asserts the negated goals and expects unsat. Every check runs under a pinned Z3 resource limit (rlimit), never a wall-clock
// timeout, so a verdict does not depend on the machine's speed.
//
// The solver is Z3's QF_BV tactic ("qfbv": simplify, bit-blast, SAT) wrapped as a solver: it keeps
// the push/pop assertion stack and re-solves from scratch at each check, which on these
// bit-vector problems is an order of magnitude faster than the incremental SMT core. It produces
// no unsat core; when the assumptions are unsatisfiable, the runner names the first one that makes
// them so.
//
// A verdict is tri-state: proven, refuted (with a counterexample), or unknown (with the reason:
// resource limit, a vacuous assumption set, an unreachable cover, an error while building).
// An unknown is never a pass.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cmdqv_cts/spec/spec.h"

namespace cts::proofs {

class ProofEnv;

enum class Expect : std::uint8_t {
  MustHold,         // a rule of the spec: passes when proven
  DemonstratesBug,  // a known bug: passes when Z3 produces the counterexample that shows it
};
enum class Outcome : std::uint8_t { Proven, Refuted, Unknown };
const char* to_string(Expect e);
const char* to_string(Outcome o);

struct NamedExpr {
  std::string name;
  z3::expr expr;
};

// One MMIO access or device step of a counterexample, in order: what a replay performs.
struct CexAccess {
  enum class Kind : std::uint8_t { Write, Read, Step };
  Kind kind = Kind::Write;
  std::string region = "cmdqv";
  spec::View view = spec::View::Host;
  std::uint64_t offset = 0;
  unsigned size = 4;
  std::uint64_t value = 0;  // written value, value read, or a step's outcome code
  std::string what;         // register or queue the access reaches
};
const char* to_string(CexAccess::Kind k);

// A counterexample as named concrete values, for a replay to turn into a scenario:
//  - values: the obligation's witnesses, then every free variable the first failing goal depends
//    on. Pre-state registers are named "s.[<view>.<geometry>.]<instance>" (e.g. "s.vintf[0].CONFIG",
//    RegInstance::name()): set them first. Inputs are named by the obligation ("opcode", ...).
//  - accesses: the MMIO accesses / steps that reach the first failing goal, in order.
struct Counterexample {
  std::vector<std::pair<std::string, std::uint64_t>> values;
  std::vector<CexAccess> accesses;
  std::vector<std::string> failed_goals;
  std::string story;  // the obligation's plain-words reading of it, if it has one

  // The value named `name` (0 if absent).
  std::uint64_t value(const std::string& name) const {
    for (const auto& [n, v] : values) {
      if (n == name) return v;
    }
    return 0;
  }
};

// An access whose value is a term; the runner evaluates it in Z3's model.
struct SymAccess {
  CexAccess::Kind kind = CexAccess::Kind::Write;
  spec::View view = spec::View::Host;
  std::uint64_t offset = 0;
  unsigned size = 4;
  z3::expr value;
  std::string what;
  std::string region = "cmdqv";
};

struct Goal {
  std::string name;
  z3::expr holds;
  std::vector<SymAccess> accesses;  // how to reach it, reported when it fails
};

struct Problem {
  std::vector<NamedExpr> assumptions;
  std::vector<Goal> goals;
  std::vector<NamedExpr> covers;     // each must be satisfiable together with the assumptions
  std::vector<NamedExpr> witnesses;  // Bool or bit-vector values a counterexample reports
  std::size_t discharged = 0;        // goals closed structurally while building (term unchanged)
  // Optional: a counterexample in one plain sentence (e.g. naming the opcode).
  std::function<std::string(const Counterexample&)> story;

  void assume(std::string name, const z3::expr& e) { assumptions.push_back({std::move(name), e}); }
  void goal(std::string name, const z3::expr& e, std::vector<SymAccess> acc = {}) {
    goals.push_back({std::move(name), e, std::move(acc)});
  }
  void cover(std::string name, const z3::expr& e) { covers.push_back({std::move(name), e}); }
  void witness(std::string name, const z3::expr& e) { witnesses.push_back({std::move(name), e}); }
};

struct ObligationInfo {
  std::string name;                  // family.what, e.g. "hyp.guest_reads_zero"
  std::vector<std::string> clauses;  // the first is the primary clause
  Expect expect = Expect::MustHold;
  std::string rule;        // the rule, quoted in one line
  std::string source;      // spec version and section
  std::string method;      // direct, or inductive step (and base case)
  std::string bounds;      // bounded or fixed parts, and why
  std::string not_proven;  // what the obligation does not prove
};

struct Obligation {
  ObligationInfo info;
  std::function<Problem(ProofEnv&)> build;
};

struct Verdict {
  Outcome outcome = Outcome::Unknown;
  std::string reason;  // unknown: why; refuted: the failing goals
  Counterexample counterexample;
  std::size_t goals = 0, discharged = 0, covers = 0;
  double ms = 0;
  std::uint64_t rlimit_used = 0;
  bool passed(Expect e) const {
    return outcome == (e == Expect::MustHold ? Outcome::Proven : Outcome::Refuted);
  }
};

struct RunOptions {
  // Per check. The heaviest obligation uses about a tenth of this over all its checks (the
  // rlimit column of `prove`), so a verdict does not flip with small changes to Z3 or the model.
  unsigned rlimit = 50'000'000;
  unsigned random_seed = 0;
};

// Runs obligations one after the other on one solver, each in its own push/pop scope.
class Runner {
 public:
  Runner(ProofEnv& env, RunOptions options);
  Verdict run(const Obligation& ob);

 private:
  z3::check_result check(Verdict& v);
  std::uint64_t rlimit_count();
  Counterexample explain(const Problem& p, const z3::model& m) const;
  std::string first_conflict(const Problem& p, Verdict& v);

  ProofEnv& env_;
  RunOptions options_;
  z3::solver solver_;
};

// The version of the Z3 library this runs against, e.g. "4.8.12.0".
std::string z3_version();

}  // namespace cts::proofs
