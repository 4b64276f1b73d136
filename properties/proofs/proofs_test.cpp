// SPDX-License-Identifier: MIT
// Every obligation has its expected verdict: must-hold ones are proven, known-bug ones refuted
// (with a counterexample); and every obligation is documented and tagged with real clause ids.
#include <gtest/gtest.h>

#include <set>

#include "proof_env.h"
#include "registry.h"

namespace cts::proofs {
namespace {

std::vector<std::string> names() {
  std::vector<std::string> out;
  for (const Obligation& o : all_obligations()) out.push_back(o.info.name);
  return out;
}

class Proof : public testing::TestWithParam<std::string> {};

TEST_P(Proof, HasItsExpectedVerdict) {
  for (const Obligation& o : all_obligations()) {
    if (o.info.name != GetParam()) continue;
    for (const std::string& c : o.info.clauses) testing::Test::RecordProperty("clause", c);
    z3::context ctx;
    ProofEnv env(ctx);
    Runner runner(env, RunOptions{});
    const Verdict v = runner.run(o);
    EXPECT_TRUE(v.passed(o.info.expect)) << o.info.name << " (" << to_string(o.info.expect) << "): "
                                         << to_string(v.outcome) << ": " << v.reason;
    if (o.info.expect == Expect::DemonstratesBug) {
      EXPECT_FALSE(v.counterexample.failed_goals.empty());
      EXPECT_FALSE(v.counterexample.values.empty());
      EXPECT_FALSE(v.counterexample.accesses.empty()) << "a known bug's counterexample is an access sequence";
    }
    EXPECT_GT(v.goals, 0u);
    return;
  }
  FAIL() << "no obligation " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Obligations, Proof, testing::ValuesIn(names()), [](const auto& param_info) {
  std::string s = param_info.param;
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
});

TEST(Registry, EveryObligationIsDocumentedAndTaggedWithSpecClauses) {
  z3::context ctx;
  ProofEnv env(ctx);
  std::set<std::string> seen, families;
  for (const Obligation& o : all_obligations()) {
    SCOPED_TRACE(o.info.name);
    EXPECT_TRUE(seen.insert(o.info.name).second) << "duplicate name";
    ASSERT_FALSE(o.info.clauses.empty());
    for (const std::string& c : o.info.clauses) {
      EXPECT_NE(env.spec().clause(c), nullptr) << c << " is not a clause of spec/clauses";
    }
    families.insert(o.info.clauses.front().substr(0, o.info.clauses.front().find('-')));
    for (const std::string* text : {&o.info.rule, &o.info.source, &o.info.method, &o.info.bounds, &o.info.not_proven}) {
      EXPECT_FALSE(text->empty());
    }
    EXPECT_TRUE(o.build);
  }
  for (const char* f : {"HYP", "Q", "ALIAS", "ALLOC", "ROUTE", "ERR", "EN"}) EXPECT_TRUE(families.count(f)) << f;
}

TEST(Registry, KnownBugsAreTheUpstreamOrderingAndTheUnmaskedVmm) {
  std::set<std::string> bugs;
  for (const Obligation& o : all_obligations()) {
    if (o.info.expect == Expect::DemonstratesBug) bugs.insert(o.info.name);
  }
  EXPECT_EQ(bugs, (std::set<std::string>{"hyp.guest_reads_zero.unmasked_vmm",
                                         "route.fixed.routed_is_accepted.unmasked_vmm",
                                         "route.upstream_6_12_0.hyp_own_unrestricted"}));
}

}  // namespace
}  // namespace cts::proofs
