// SPDX-License-Identifier: MIT
// Q: queue index rules (queue_index.h) for every log2size 0..19 and every PROD/CONS pair, and the
// consumption step (queue_ready/queue_complete, what step_queue runs) on every VCMDQ.
#include <string>

#include "cmdqv_cts/model/queue_index.h"
#include "proof_env.h"
#include "proof_helpers.h"
#include "registry.h"
#include "symbolic_cmdqv.h"

namespace cts::proofs {
namespace {

namespace q = model::queue;
using S = Symbolic;
using W = Symbolic::Word;

// PROD/CONS register values (32 bits) and a log2size up to 19 (IDR1.CMDQS and VCMDQ maximum).
struct Pair {
  W prod = S::var("prod"), cons = S::var("cons"), log2size = S::var("log2size");
  W n() const { return q::entries<S>(log2size); }
  void constrain(Problem& p) const {
    p.assume("PROD is a 32-bit register value", fits(prod, 4));
    p.assume("CONS is a 32-bit register value", fits(cons, 4));
    p.assume("log2size <= 19", z3::ule(log2size, S::lit(19)));
    p.witness("prod", prod);
    p.witness("cons", cons);
    p.witness("log2size", log2size);
  }
};

Problem full_empty_exclusive() {
  Problem p;
  const Pair x;
  x.constrain(p);
  const z3::expr full = q::full<S>(x.prod, x.cons, x.log2size), empty = q::empty<S>(x.prod, x.cons, x.log2size);
  const W used = q::used<S>(x.prod, x.cons, x.log2size);
  p.cover("full", full);
  p.cover("empty", empty);
  p.cover("log2size = 19 and full", full && x.log2size == S::lit(19));
  p.cover("log2size = 0 and full", full && x.log2size == S::lit(0));
  p.goal("full and empty are exclusive", !(full && empty));
  p.goal("empty exactly when used = 0", empty == (used == S::lit(0)));
  p.goal("full exactly when used = 2^log2size", full == (used == x.n()));
  return p;
}

Problem space_plus_used() {
  Problem p;
  const Pair x;
  x.constrain(p);
  const W used = q::used<S>(x.prod, x.cons, x.log2size), space = q::space<S>(x.prod, x.cons, x.log2size);
  p.cover("some entries used, some free", used != S::lit(0) && space != S::lit(0));
  p.goal("space + used = 2^log2size", space + used == x.n());
  return p;
}

Problem wrap_toggles() {
  Problem p;
  const Pair x;
  x.constrain(p);
  const W k = S::var("k");
  p.assume("k <= 2^log2size", z3::ule(k, x.n()));
  p.witness("k", k);
  const W next = q::advance<S>(x.prod, k, x.log2size);
  const W idx = q::index<S>(x.prod, x.log2size);
  const W span = S::shl(S::lit(2), x.log2size) - S::lit(1);
  const z3::expr toggled = q::wrap<S>(next, x.log2size) != q::wrap<S>(x.prod, x.log2size);
  const z3::expr wraps = z3::uge(idx + k, x.n());
  p.cover("the index wraps", wraps);
  p.cover("the index does not wrap, k > 0", !wraps && k != S::lit(0));
  p.goal("the wrap bit toggles exactly when the index wraps", toggled == wraps);
  p.goal("the index advances by k modulo 2^log2size", q::index<S>(next, x.log2size) == ((idx + k) & (x.n() - S::lit(1))));
  p.goal("bits above the wrap bit are kept", (next & ~span) == (x.prod & ~span));
  return p;
}

Problem prod_no_overwrite() {
  Problem p;
  const Pair x;
  x.constrain(p);
  const W k = S::var("k"), i = S::var("i"), j = S::var("j");
  const W used = q::used<S>(x.prod, x.cons, x.log2size), space = q::space<S>(x.prod, x.cons, x.log2size);
  p.assume("the queue holds at most 2^log2size entries", z3::ule(used, x.n()));
  p.assume("k <= space", z3::ule(k, space));
  p.assume("slot j is one the producer writes (j < k)", z3::ult(j, k));
  p.assume("slot i is unconsumed (i < used)", z3::ult(i, used));
  p.witness("k", k);
  p.witness("i", i);
  p.witness("j", j);
  p.cover("the batch fills the queue", k == space && k != S::lit(0) && used != S::lit(0));
  p.goal("a slot written is never an unconsumed slot",
         q::index<S>(q::advance<S>(x.prod, j, x.log2size), x.log2size) !=
             q::index<S>(q::advance<S>(x.cons, i, x.log2size), x.log2size));
  p.goal("PROD + k leaves used + k entries (never more than 2^log2size)",
         q::used<S>(q::advance<S>(x.prod, k, x.log2size), x.cons, x.log2size) == used + k);
  return p;
}

// The consumption step of every VCMDQ, from a symbolic state (log2size from BASE.LOG2SIZE, capped
// at 19) with a symbolic outcome.
Problem consume_never_passes_prod(ProofEnv& env) {
  Problem p;
  SymbolicCmdqv pre(env.cmdqv_layout(host_config()), spec::View::Host);
  pre.make_symbolic("s.");
  for (std::uint32_t n = 0; n < pre.vcmdqs(); ++n) {
    const model::QueueRegs& r = pre.vcmdq(n).regs;
    const std::string qn = "vcmdq[" + std::to_string(n) + "]";
    const W err = S::var(qn + ".outcome");
    p.assume(qn + " outcome is a CmdError code", z3::ule(err, S::lit(4)));
    SymbolicCmdqv post = pre;
    post.step(n, err);
    const W log2 = model::queue_log2size(pre.registers(), r);
    const W prod = pre.registers().get(r.prod), cons = pre.registers().get(r.cons);
    const W cons2 = post.registers().get(r.cons);
    const W wi = q::wrap_index<S>(cons, log2), wi2 = q::wrap_index<S>(cons2, log2);
    const W used = q::used<S>(prod, cons, log2), used2 = q::used<S>(prod, cons2, log2);
    const z3::expr moved = wi2 != wi;
    if (n == 0) {
      p.witness("s." + qn + ".PROD", prod);
      p.witness("s." + qn + ".CONS", cons);
      p.witness("s." + qn + ".BASE", pre.registers().get(r.base));
      p.witness(qn + ".outcome", err);
      p.cover("a command is consumed", moved);
      p.cover("a command faults", pre.ready(n) && err != S::lit(0));
      p.cover("the last entry of a 2^19 queue is consumed", moved && log2 == S::lit(19) && used == S::lit(1));
    }
    const std::vector<SymAccess> acc = {step_access(spec::View::Host, err, qn)};
    p.goal(qn + ": CONS moves by at most one entry", !moved || wi2 == q::wrap_index<S>(cons + S::lit(1), log2), acc);
    p.goal(qn + ": CONS moves only if the queue was not empty", !moved || !q::empty<S>(prod, cons, log2), acc);
    p.goal(qn + ": consuming never passes PROD (used decreases by one)", !moved || used2 + S::lit(1) == used, acc);
    p.goal(qn + ": PROD is unchanged", post.registers().get(r.prod) == prod, acc);
  }
  return p;
}

ObligationInfo info(std::string name, std::vector<std::string> clauses, std::string rule, std::string method,
                    std::string bounds, std::string not_proven) {
  return {std::move(name), std::move(clauses), Expect::MustHold, std::move(rule),
          "Arm IHI 0070 G.b 3.5.1, 6.3.26-6.3.28; smmuv3-cmdq.md section 2", std::move(method), std::move(bounds),
          std::move(not_proven)};
}

constexpr const char* kIndexBounds =
    "none within the rule: every log2size 0..19 (19 = IDR1.CMDQS maximum and the VCMDQ limit) and every "
    "32-bit PROD/CONS value, as one symbolic query";

}  // namespace

std::vector<Obligation> queue_obligations() {
  std::vector<Obligation> out;
  out.push_back({info("queue.full_empty_exclusive", {"Q-2"},
                      "\"empty exactly when indexes and wrap flags are equal, full exactly when indexes are equal "
                      "and the wrap flags differ\"",
                      "direct, on queue::full/empty/used", kIndexBounds,
                      "that the device computes full/empty this way (checked by replay and the run)"),
                 [](ProofEnv&) { return full_empty_exclusive(); }});
  out.push_back({info("queue.space_plus_used", {"Q-3"}, "\"free space = 2^log2size - used\" (queue_has_space)",
                      "direct, on queue::space/used", kIndexBounds,
                      "that used <= 2^log2size (a producer that overruns the queue breaks it; see "
                      "queue.prod_no_overwrite)"),
                 [](ProofEnv&) { return space_plus_used(); }});
  out.push_back({info("queue.wrap_toggles_on_index_wrap", {"Q-1", "Q-3"},
                      "\"the wrap flag is bit log2size; advancing by k is taken modulo 2^(log2size+1)\"",
                      "direct, on queue::advance/index/wrap", std::string(kIndexBounds) + "; every k <= 2^log2size",
                      "advances by more than 2^log2size (software never does that)"),
                 [](ProofEnv&) { return wrap_toggles(); }});
  out.push_back({info("queue.prod_no_overwrite", {"Q-3"},
                      "\"incrementing PROD by k <= space never overwrites an unconsumed entry\"",
                      "direct, on queue::advance/index/used/space, with free slot indexes i and j",
                      std::string(kIndexBounds) + "; the pre-state holds at most 2^log2size entries",
                      "that the driver's k respects space (Linux's queue_has_space does)"),
                 [](ProofEnv&) { return prod_no_overwrite(); }});
  out.push_back({info("queue.consume_never_passes_prod", {"Q-3", "ERR-2"},
                      "\"the consumer must consume entries only while CONS differs from PROD, never move CONS past "
                      "PROD, and advance CONS by one for each entry consumed\"",
                      "direct, on one consumption step: queue_ready + queue_complete<Symbolic>, the code step_queue "
                      "runs, from a symbolic register state",
                      "the 8 VCMDQs of the host geometry, log2size from BASE.LOG2SIZE (0..31, capped at 19); the "
                      "command fetch and legality check are abstracted as a free outcome code 0..4 (the memory read "
                      "is concrete-only; which command gives which code is route/CMD)",
                      "the SMMU CMDQ's own write hooks (it runs the same queue_ready/queue_complete); timing of CONS "
                      "publication (6.3.28)"),
                 consume_never_passes_prod});
  return out;
}

}  // namespace cts::proofs
