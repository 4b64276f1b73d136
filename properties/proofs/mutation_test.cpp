// SPDX-License-Identifier: MIT
// The proofs can fail: deliberately wrong variants, written here, are refuted with a
// counterexample that replays on the concrete instantiation; an exhausted resource limit, a
// vacuous assumption set and an unreachable cover are reported as unknown, never as proven.
#include <gtest/gtest.h>

#include "cmdqv_cts/model/command_legality.h"
#include "cmdqv_cts/model/driver_routing.h"
#include "cmdqv_cts/model/queue_index.h"
#include "proof_env.h"
#include "registry.h"

namespace cts::proofs {
namespace {

using S = Symbolic;
namespace q = model::queue;

// Mutant: free space off by one.
template <class D>
typename D::Word space_off_by_one(const typename D::Word& prod, const typename D::Word& cons,
                                  const typename D::Word& log2size) {
  return q::entries<D>(log2size) - q::used<D>(prod, cons, log2size) - D::lit(1);
}

// Mutant guest filter: TLBI_NH_ALL added to tegra241_guest_vcmdq_supports_cmd.
template <class D>
typename D::Bool wider_guest_filter(const typename D::Word& op) {
  return D::lor(model::route::guest_supports_cmd<D>(op),
                D::lor(D::eq(op, D::lit(0x10)), D::eq(op, D::lit(model::cmd::kCmdSync))));
}

Obligation mutant(std::string name, std::function<Problem(ProofEnv&)> build) {
  return {
      {std::move(name), {"Q-3"}, Expect::MustHold, "mutant", "test", "direct", "none", "mutant"},
      std::move(build)};
}

class Mutation : public testing::Test {
 protected:
  z3::context ctx;
  ProofEnv env{ctx};
  Verdict run(const Obligation& o, RunOptions opt = {}) {
    Runner r(env, opt);
    return r.run(o);
  }
};

TEST_F(Mutation, SpaceOffByOneIsRefutedWithAReplayableCounterexample) {
  const Obligation o = mutant("mutant.space_off_by_one", [](ProofEnv&) {
    Problem p;
    const z3::expr prod = S::var("prod"), cons = S::var("cons"), l = S::var("log2size");
    p.assume("log2size <= 19", z3::ule(l, S::lit(19)));
    p.witness("prod", prod);
    p.witness("cons", cons);
    p.witness("log2size", l);
    p.goal("space + used = 2^log2size",
           space_off_by_one<S>(prod, cons, l) + q::used<S>(prod, cons, l) == q::entries<S>(l));
    return p;
  });
  const Verdict v = run(o);
  ASSERT_EQ(v.outcome, Outcome::Refuted) << v.reason;
  EXPECT_FALSE(v.passed(Expect::MustHold));
  const Counterexample& c = v.counterexample;
  const std::uint64_t prod = c.value("prod"), cons = c.value("cons"), l = c.value("log2size");
  // Replay on the concrete domain: the counterexample is real.
  EXPECT_NE(
      space_off_by_one<model::Concrete>(prod, cons, l) + q::used<model::Concrete>(prod, cons, l),
      q::entries<model::Concrete>(l));
  EXPECT_EQ(q::space<model::Concrete>(prod, cons, l) + q::used<model::Concrete>(prod, cons, l),
            q::entries<model::Concrete>(l));
}

// Mutant driver: its guest filter also lets TLBI_NH_ALL through. Whether a HYP_OWN = 0 VCMDQ
// accepts it is disputed (CMD-8), so the proof must find the policy that rejects it.
TEST_F(Mutation, AWiderGuestAllowListIsRefuted) {
  const Obligation o = mutant("mutant.wider_allow_list", [](ProofEnv& e) {
    Problem p;
    const z3::expr d0 = S::var("dword0"), d1 = S::var("dword1");
    const model::FeatureBits<S> f = model::FeatureBits<S>::of(model::Features::from(host_config()));
    model::PolicyBits<S> pol = model::PolicyBits<S>::of(e.rules());
    pol.guest_accepts_disputed = S::flag("accepts_disputed");
    const z3::expr op = model::cmd::Opcode::get<S>(d0);
    const z3::expr routed = wider_guest_filter<S>(op);
    p.assume("SMMU-legal", model::smmu_error_code<S>(e.rules(), f, pol, d0, d1) == S::lit(0));
    p.witness("opcode", op);
    p.witness("accepts_disputed", pol.guest_accepts_disputed);
    p.goal("routed => accepted by a HYP_OWN = 0 VCMDQ",
           !routed ||
               model::vcmdq_error_code<S>(e.rules(), f, pol, d0, d1, S::truth(false)) == S::lit(0));
    return p;
  });
  const Verdict v = run(o);
  ASSERT_EQ(v.outcome, Outcome::Refuted) << v.reason;
  EXPECT_EQ(v.counterexample.value("opcode"), 0x10u);
  EXPECT_EQ(v.counterexample.value("accepts_disputed"), 0u);
}

TEST_F(Mutation, AnExhaustedResourceLimitIsUnknownNotProven) {
  for (const Obligation& o : all_obligations()) {
    if (o.info.name != "queue.prod_no_overwrite") continue;
    const Verdict v = run(o, RunOptions{1000, 0});
    EXPECT_EQ(v.outcome, Outcome::Unknown);
    EXPECT_NE(v.reason.find("not proven (resource limit)"), std::string::npos) << v.reason;
    EXPECT_FALSE(v.passed(Expect::MustHold));
    EXPECT_FALSE(v.passed(Expect::DemonstratesBug));
  }
}

TEST_F(Mutation, VacuousAssumptionsAndUnreachableCoversAreUnknown) {
  const Obligation vacuous = mutant("mutant.vacuous", [](ProofEnv&) {
    Problem p;
    const z3::expr x = S::var("x");
    p.assume("x < 4", z3::ult(x, S::lit(4)));
    p.assume("x > 9", z3::ugt(x, S::lit(9)));
    p.goal("anything", x == S::lit(12345));
    return p;
  });
  Verdict v = run(vacuous);
  EXPECT_EQ(v.outcome, Outcome::Unknown);
  EXPECT_NE(v.reason.find("vacuous"), std::string::npos) << v.reason;
  EXPECT_NE(v.reason.find("x > 9"), std::string::npos) << v.reason;

  const Obligation uncovered = mutant("mutant.uncovered", [](ProofEnv&) {
    Problem p;
    const z3::expr x = S::var("x");
    p.assume("x < 4", z3::ult(x, S::lit(4)));
    p.cover("x = 7", x == S::lit(7));
    p.goal("x < 5", z3::ult(x, S::lit(5)));
    return p;
  });
  v = run(uncovered);
  EXPECT_EQ(v.outcome, Outcome::Unknown);
  EXPECT_NE(v.reason.find("cover 'x = 7'"), std::string::npos) << v.reason;
}

}  // namespace
}  // namespace cts::proofs
