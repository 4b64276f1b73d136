// SPDX-License-Identifier: MIT
// One source, two executions: the legality fold (command_legality.h) and the driver's routing
// (driver_routing.h) built as Z3 terms and evaluated under random valuations, against the concrete
// instantiation of the same templates (what the device models run). There is no second encoding
// of the rules to agree with: CommandRules evaluates the same template.
#include <gtest/gtest.h>

#include <random>

#include "cmdqv_cts/model/command_legality.h"
#include "cmdqv_cts/model/driver_routing.h"
#include "cmdqv_cts/spec/loader.h"
#include "proof_env.h"
#include "symbolic_eval.h"

namespace cts::proofs {
namespace {

using model::Concrete;
using S = Symbolic;

model::Features features_of(unsigned bits) {
  model::Features f;
  bool* all[] = {&f.s1p, &f.s2p, &f.hyp, &f.ats, &f.pri, &f.stall, &f.mpam,
                 &f.dpt, &f.ril, &f.ds,  &f.sev, &f.msi, &f.ssid,  &f.v3_0};
  for (unsigned k = 0; k < 14; ++k) *all[k] = ((bits >> k) & 1) != 0;
  return f;
}

model::ModelPolicy policy_of(unsigned bits, const spec::Spec& spec) {
  model::ModelPolicy p;
  p.guest_accepts_disputed = (bits & 1) != 0;
  p.impl_defined_ill = (bits & 2) != 0;
  p.guest_reject_code = (bits & 4) ? 4 : 1;
  p.guest_atc_inv_without_ats = (bits & 8) != 0;
  for (std::size_t k = 0; k < spec.field_rules.size(); ++k)
    p.field_either_ill[spec.field_rules[k].clause] = ((bits >> (4 + k)) & 1) != 0;
  return p;
}

// The symbolic fold, built once, evaluated under random valuations.
TEST(LegalityAgreement, SymbolicFoldEvaluatesToTheConcreteCode) {
  z3::context ctx;
  ProofEnv env(ctx);
  const z3::expr d0 = S::var("d0"), d1 = S::var("d1"), hyp = S::flag("hyp");
  const char* names[] = {"s1p", "s2p", "hyp_f", "ats", "pri", "stall", "mpam",
                         "dpt", "ril", "ds",    "sev", "msi", "ssid",  "v3_0"};
  std::vector<z3::expr> fv;
  for (const char* n : names) fv.push_back(S::flag(n));
  const model::FeatureBits<S> f{fv[0], fv[1], fv[2], fv[3],  fv[4],  fv[5],  fv[6],
                                fv[7], fv[8], fv[9], fv[10], fv[11], fv[12], fv[13]};
  model::PolicyBits<S> p{S::flag("acc"), S::var("rej"), S::flag("impl"), S::flag("atc"), {}};
  for (const spec::FieldRule& r : env.spec().field_rules)
    p.either_ill.push_back(S::flag("either." + r.clause));
  const z3::expr vq = S::flag("on_vcmdq");
  const z3::expr code = model::vcmdq_error_code<S>(env.rules(), f, p, d0, d1, hyp, vq);
  std::mt19937_64 rng(20261122);
  // Random dwords rarely hit a field rule, so half the rounds take an opcode with field rules and
  // set its fields from a small alphabet (0, 1, 2, the maximum).
  std::vector<std::uint8_t> with_rules;
  for (const spec::FieldRule& r : env.spec().field_rules)
    with_rules.insert(with_rules.end(), r.opcodes.begin(), r.opcodes.end());
  for (int round = 0; round < 1000; ++round) {
    std::uint64_t v0 = rng(), v1 = rng();
    if (round % 2) {
      const std::uint8_t op = with_rules[rng() % with_rules.size()];
      v0 = op;
      v1 = 0;
      for (const spec::CommandField& fd : env.spec().opcode(op)->fields) {
        if (fd.name == "OPCODE") continue;
        const std::uint64_t pick[] = {0, 0, 1, 2, fd.max(), rng() & fd.max()};
        (fd.dword() == 0 ? v0 : v1) |= pick[rng() % 6] << fd.shift();
      }
    }
    const auto fbits = static_cast<unsigned>(rng() % (1u << 14));
    const auto pol = static_cast<unsigned>(rng() % (1u << (4 + env.spec().field_rules.size())));
    const bool on_vcmdq = (rng() & 1) != 0;
    const bool h = rng() & 1;
    Valuation val(ctx);
    val.bind(d0, S::lit(v0));
    val.bind(d1, S::lit(v1));
    val.bind(hyp, S::truth(h));
    for (unsigned k = 0; k < 14; ++k) val.bind(fv[k], S::truth((fbits >> k) & 1));
    val.bind(vq, S::truth(on_vcmdq || !h));
    const model::ModelPolicy policy = policy_of(pol, env.spec());
    val.bind(p.guest_accepts_disputed, S::truth(policy.guest_accepts_disputed));
    val.bind(p.guest_reject_code, S::lit(policy.guest_reject_code));
    val.bind(p.impl_defined_ill, S::truth(policy.impl_defined_ill));
    val.bind(p.guest_atc_inv_without_ats, S::truth(policy.guest_atc_inv_without_ats));
    const model::CommandRules rules(env.spec(), policy);
    for (std::size_t k = 0; k < p.either_ill.size(); ++k)
      val.bind(p.either_ill[k], S::truth(rules.either_ill(k)));
    // A HYP_OWN = 1 VCMDQ or the SMMU CMDQ (on_vcmdq false) against the concrete entry points.
    const model::CmdError want = (on_vcmdq || !h) ? rules.vcmdq_error(v0, v1, features_of(fbits), h)
                                                  : rules.smmu_error(v0, v1, features_of(fbits));
    EXPECT_EQ(val.eval(code), static_cast<std::uint64_t>(want))
        << "d0=0x" << std::hex << v0 << " d1=0x" << v1;
  }
}

TEST(RoutingAgreement, SymbolicEqualsConcreteForEveryOpcode) {
  z3::context ctx;
  SymbolicScope scope(ctx);
  const z3::expr op = S::var("op"), h = S::flag("h");
  for (auto o : {model::FilterOrdering::Upstream_6_12_0, model::FilterOrdering::Fixed}) {
    const z3::expr routed = model::route::routes_to_vcmdq<S>(o, op, h);
    for (std::uint64_t k = 0; k < 256; ++k) {
      for (bool hb : {false, true}) {
        Valuation val(ctx);
        val.bind(op, S::lit(k));
        val.bind(h, S::truth(hb));
        const bool want = model::route::routes_to_vcmdq<Concrete>(o, k, hb);
        EXPECT_EQ(val.truth(routed), want) << model::to_string(o) << " opcode " << k;
        // The documented routing: the allow-list and CMD_SYNC, plus everything when the fixed
        // driver read HYP_OWN = 1.
        const bool listed = k == 0x11 || k == 0x12 || k == 0x40 || k == 0x46;
        EXPECT_EQ(want, listed || (o == model::FilterOrdering::Fixed && hb)) << k;
      }
    }
  }
}

}  // namespace
}  // namespace cts::proofs
