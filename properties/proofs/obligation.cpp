// SPDX-License-Identifier: MIT
// The obligation runner: refutation per obligation in a push/pop scope, vacuity and cover
// checks, tri-state verdicts and counterexamples as named concrete values.
#include "obligation.h"

#include <chrono>
#include <exception>
#include <set>

#include "proof_env.h"

namespace cts::proofs {
namespace {

// A bit-vector or Boolean value from the model (model completion on).
std::uint64_t value_of(const z3::model& m, const z3::expr& e) {
  const z3::expr v = m.eval(e, true);
  if (v.is_bool()) return v.is_true() ? 1 : 0;
  std::uint64_t out = 0;
  if (v.is_numeral() && v.is_numeral_u64(out)) return out;
  return 0;
}

// The free variables of a term (pre-state registers, inputs), in first-seen order.
std::vector<z3::expr> free_constants(const z3::expr& root) {
  std::vector<z3::expr> out, todo{root};
  std::set<unsigned> seen;
  while (!todo.empty()) {
    const z3::expr e = todo.back();
    todo.pop_back();
    if (!seen.insert(e.id()).second) continue;
    if (e.is_const() && e.decl().decl_kind() == Z3_OP_UNINTERPRETED) {
      out.push_back(e);
      continue;
    }
    if (!e.is_app()) continue;
    for (unsigned k = e.num_args(); k-- > 0;) todo.push_back(e.arg(k));
  }
  return out;
}

z3::expr conjunction(z3::context& ctx, const std::vector<Goal>& goals) {
  z3::expr_vector all(ctx);
  for (const Goal& g : goals) all.push_back(g.holds);
  return z3::mk_and(all);
}

std::string unknown_reason(const std::string& z3_reason) {
  if (z3_reason.find("resource") != std::string::npos || z3_reason.find("rlimit") != std::string::npos) {
    return "not proven (resource limit)";
  }
  return "not proven (" + z3_reason + ")";
}

}  // namespace

const char* to_string(Expect e) { return e == Expect::MustHold ? "must hold" : "demonstrates bug"; }

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::Proven: return "proven";
    case Outcome::Refuted: return "refuted";
    case Outcome::Unknown: return "unknown";
  }
  return "?";
}

const char* to_string(CexAccess::Kind k) {
  switch (k) {
    case CexAccess::Kind::Write: return "write";
    case CexAccess::Kind::Read: return "read";
    case CexAccess::Kind::Step: return "step";
  }
  return "?";
}

std::string z3_version() {
  unsigned major = 0, minor = 0, build = 0, revision = 0;
  Z3_get_version(&major, &minor, &build, &revision);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(build) + "." +
         std::to_string(revision);
}

Runner::Runner(ProofEnv& env, RunOptions options)
    : env_(env), options_(options), solver_(z3::tactic(env.ctx(), "qfbv").mk_solver()) {
  z3::params p(env.ctx());
  p.set("random_seed", options_.random_seed);
  solver_.set(p);
}

std::uint64_t Runner::rlimit_count() {
  const z3::stats st = solver_.statistics();
  for (unsigned i = 0; i < st.size(); ++i) {
    if (st.key(i) == "rlimit count") {
      return st.is_uint(i) ? st.uint_value(i) : static_cast<std::uint64_t>(st.double_value(i));
    }
  }
  return 0;
}

// One check under the pinned resource limit; its consumption is added to the verdict.
z3::check_result Runner::check(Verdict& v) {
  solver_.set("rlimit", options_.rlimit);
  const std::uint64_t before = rlimit_count();
  const z3::check_result r = solver_.check();
  const std::uint64_t after = rlimit_count();
  v.rlimit_used += after > before ? after - before : 0;
  return r;
}

Counterexample Runner::explain(const Problem& p, const z3::model& m) const {
  Counterexample cex;
  for (const NamedExpr& w : p.witnesses) cex.values.emplace_back(w.name, value_of(m, w.expr));
  const Goal* first = nullptr;
  for (const Goal& g : p.goals) {
    if (value_of(m, g.holds) != 0) continue;
    cex.failed_goals.push_back(g.name);
    if (!first) first = &g;
  }
  if (first) {
    // Every free variable the failing goal depends on, so the counterexample replays from it.
    std::set<std::string> named;
    for (const auto& [name, value] : cex.values) named.insert(name);
    for (const z3::expr& c : free_constants(first->holds)) {
      const std::string name = c.decl().name().str();
      if (named.insert(name).second) cex.values.emplace_back(name, value_of(m, c));
    }
    for (const SymAccess& a : first->accesses) {
      cex.accesses.push_back({a.kind, a.region, a.view, a.offset, a.size, value_of(m, a.value), a.what});
    }
  }
  return cex;
}

// The first assumption that makes the ones before it unsatisfiable (the solver has no unsat core).
std::string Runner::first_conflict(const Problem& p, Verdict& v) {
  std::string found;
  solver_.push();
  for (const NamedExpr& a : p.assumptions) {
    solver_.add(a.expr);
    if (check(v) == z3::unsat) {
      found = ": '" + a.name + "' contradicts the assumptions before it";
      break;
    }
  }
  solver_.pop();
  return found;
}

Verdict Runner::run(const Obligation& ob) {
  Verdict v;
  const auto t0 = std::chrono::steady_clock::now();
  auto finish = [&]() -> Verdict {
    v.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return v;
  };
  Problem p;
  try {
    p = ob.build(env_);
  } catch (const std::exception& e) {
    v.reason = std::string("not proven (error while building: ") + e.what() + ")";
    return finish();
  }
  v.goals = p.goals.size() + p.discharged;
  v.discharged = p.discharged;
  v.covers = p.covers.size();

  solver_.push();
  for (const NamedExpr& a : p.assumptions) solver_.add(a.expr);
  // Vacuity: the assumptions have a model.
  switch (check(v)) {
    case z3::unsat: {
      solver_.pop();
      v.reason = "not proven (vacuous: the assumptions are unsatisfiable" + first_conflict(p, v) + ")";
      return finish();
    }
    case z3::unknown:
      v.reason = unknown_reason(solver_.reason_unknown()) + " in the vacuity check";
      solver_.pop();
      return finish();
    case z3::sat: break;
  }
  // Covers: each branch the proof is about can be reached.
  for (const NamedExpr& c : p.covers) {
    solver_.push();
    solver_.add(c.expr);
    const z3::check_result r = check(v);
    const std::string reason = r == z3::unknown ? solver_.reason_unknown() : "";
    solver_.pop();
    if (r == z3::sat) continue;
    v.reason = r == z3::unsat ? "not proven (cover '" + c.name + "' is unreachable: the proof would be vacuous there)"
                              : unknown_reason(reason) + " in cover '" + c.name + "'";
    solver_.pop();
    return finish();
  }
  // The claim, by refutation.
  solver_.push();
  solver_.add(!conjunction(env_.ctx(), p.goals));
  switch (check(v)) {
    case z3::unsat: v.outcome = Outcome::Proven; break;
    case z3::sat: {
      v.outcome = Outcome::Refuted;
      v.counterexample = explain(p, solver_.get_model());
      if (p.story) v.counterexample.story = p.story(v.counterexample);
      v.reason = "fails: ";
      for (std::size_t k = 0; k < v.counterexample.failed_goals.size(); ++k) {
        v.reason += (k ? ", " : "") + v.counterexample.failed_goals[k];
      }
      break;
    }
    case z3::unknown: v.reason = unknown_reason(solver_.reason_unknown()); break;
  }
  solver_.pop();
  solver_.pop();
  return finish();
}

}  // namespace cts::proofs
