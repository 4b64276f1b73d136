// SPDX-License-Identifier: MIT
// The legality fold (command_legality.h) and the driver's routing (driver_routing.h) against the
// concrete evaluators: exhaustively against CommandRules over every opcode, every field value the
// rules read, every feature set, hyp_own and policy; and the symbolic terms evaluated under random
// valuations against the concrete instantiation.
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
  bool* all[] = {&f.s1p, &f.s2p, &f.hyp, &f.ats, &f.pri, &f.stall, &f.mpam, &f.dpt};
  for (unsigned k = 0; k < 8; ++k) *all[k] = ((bits >> k) & 1) != 0;
  return f;
}

model::ModelPolicy policy_of(unsigned bits) {
  model::ModelPolicy p;
  p.guest_accepts_disputed = (bits & 1) != 0;
  p.impl_defined_ill = (bits & 2) != 0;
  p.guest_reject_code = (bits & 4) ? 4 : 1;
  p.guest_atc_inv_without_ats = (bits & 8) != 0;
  return p;
}

// Exhaustive: opcode x SSEC x CMD_SYNC.CS x PRI_RESP.RESP x features x hyp_own x policy.
TEST(LegalityAgreement, ConcreteTemplateEqualsCommandRules) {
  const auto spec = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  std::size_t checked = 0;
  for (unsigned pol = 0; pol < 16; ++pol) {
    const model::ModelPolicy policy = policy_of(pol);
    const model::CommandRules rules(*spec, policy);
    const auto pb = model::PolicyBits<Concrete>::of(policy);
    for (unsigned fbits = 0; fbits < 256; ++fbits) {
      const model::Features f = features_of(fbits);
      const auto fb = model::FeatureBits<Concrete>::of(f);
      for (unsigned op = 0; op < 256; ++op) {
        const spec::Opcode* e = rules.entry(static_cast<std::uint8_t>(op));
        for (std::uint64_t ssec = 0; ssec < 2; ++ssec) {
          for (std::uint64_t cs = 0; cs < 4; ++cs) {
            for (std::uint64_t resp = 0; resp < 4; ++resp) {
              const std::uint64_t d0 = op | (ssec << 10) | (cs << 12), d1 = resp << 12;
              for (bool hyp : {false, true}) {
                const auto want = static_cast<std::uint64_t>(rules.vcmdq_error(d0, d1, f, hyp));
                const std::uint64_t got = model::opcode_vcmdq_error<Concrete>(e, fb, pb, d0, d1, hyp);
                if (got != want) {
                  ADD_FAILURE() << "opcode 0x" << std::hex << op << " d0=0x" << d0 << " d1=0x" << d1 << " features=0x"
                                << fbits << " policy=" << pol << " hyp_own=" << hyp << ": template " << got
                                << ", CommandRules " << want;
                  return;
                }
                ++checked;
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 8u * 256 * 256 * 2 * 4 * 4 * 2);
}

TEST(LegalityAgreement, FoldEqualsPerOpcodeRule) {
  const auto spec = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  const model::CommandRules rules(*spec, {});
  const auto fb = model::FeatureBits<Concrete>::of(features_of(0x5A));
  const auto pb = model::PolicyBits<Concrete>::of({});
  for (unsigned op = 0; op < 256; ++op) {
    for (bool hyp : {false, true}) {
      const std::uint64_t d0 = op | (1u << 12);
      EXPECT_EQ(model::vcmdq_error_code<Concrete>(rules, fb, pb, d0, 0, hyp),
                model::opcode_vcmdq_error<Concrete>(rules.entry(static_cast<std::uint8_t>(op)), fb, pb, d0, 0, hyp))
          << op;
    }
  }
}

// The symbolic fold, built once, evaluated under random valuations.
TEST(LegalityAgreement, SymbolicFoldEvaluatesToTheConcreteCode) {
  z3::context ctx;
  ProofEnv env(ctx);
  const z3::expr d0 = S::var("d0"), d1 = S::var("d1"), hyp = S::flag("hyp");
  const char* names[] = {"s1p", "s2p", "hyp_f", "ats", "pri", "stall", "mpam", "dpt"};
  std::vector<z3::expr> fv;
  for (const char* n : names) fv.push_back(S::flag(n));
  const model::FeatureBits<S> f{fv[0], fv[1], fv[2], fv[3], fv[4], fv[5], fv[6], fv[7]};
  const model::PolicyBits<S> p{S::flag("acc"), S::var("rej"), S::flag("impl"), S::flag("atc")};
  const z3::expr code = model::vcmdq_error_code<S>(env.rules(), f, p, d0, d1, hyp);
  std::mt19937_64 rng(20261122);
  for (int round = 0; round < 400; ++round) {
    const std::uint64_t v0 = rng(), v1 = rng();
    const auto fbits = static_cast<unsigned>(rng() % 256), pol = static_cast<unsigned>(rng() % 16);
    const bool h = rng() & 1;
    Valuation val(ctx);
    val.bind(d0, S::lit(v0));
    val.bind(d1, S::lit(v1));
    val.bind(hyp, S::truth(h));
    for (unsigned k = 0; k < 8; ++k) val.bind(fv[k], S::truth((fbits >> k) & 1));
    const model::ModelPolicy policy = policy_of(pol);
    val.bind(p.guest_accepts_disputed, S::truth(policy.guest_accepts_disputed));
    val.bind(p.guest_reject_code, S::lit(policy.guest_reject_code));
    val.bind(p.impl_defined_ill, S::truth(policy.impl_defined_ill));
    val.bind(p.guest_atc_inv_without_ats, S::truth(policy.guest_atc_inv_without_ats));
    const model::CommandRules rules(env.spec(), policy);
    EXPECT_EQ(val.eval(code), static_cast<std::uint64_t>(rules.vcmdq_error(v0, v1, features_of(fbits), h)))
        << "d0=0x" << std::hex << v0;
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
