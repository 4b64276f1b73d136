// SPDX-License-Identifier: MIT
// ERR (and the EN/HYP invariants): inductive invariants over one transition of the CMDQV, proved
// by a direct inductive step (1-induction, no k-induction): the invariant at reset (base), and
// Inv(s) => Inv(s') for every transition from a fully symbolic state s. A transition is any MMIO
// write (every register word and 8-byte access, global and VINTF logical pages, any value) with
// CmdqvModel's side effects, or a consumption step on any VCMDQ with any outcome.
#include <algorithm>
#include <string>

#include "proof_env.h"
#include "proof_helpers.h"
#include "registry.h"
#include "symbolic_cmdqv.h"
#include "write_sites.h"

namespace cts::proofs {
namespace {

using S = Symbolic;
using W = Symbolic::Word;
using spec::View;

struct Transition {
  std::string name;
  const SymbolicCmdqv& post;
  std::vector<SymAccess> acc;
  std::vector<std::int32_t> touched;  // register instances a write reached
  int step_q = -1;                    // the VCMDQ a step ran on
  W outcome;                          // the step's outcome code
};

// Every transition from `pre`. Bound: CMDQ_ALLOC writes are left out (RegisterFile resolves aliases
// through a concrete map, see symbolic_register_file.h); the map is fixed by the caller.
template <class Fn>
void for_each_transition(Problem& p, const SymbolicCmdqv& pre, const std::string& tag, Fn&& fn) {
  const std::vector<SymAccess> map = pre.map_accesses();  // replay: set up the map first
  auto with_map = [&](SymAccess a) {
    std::vector<SymAccess> acc = map;
    acc.push_back(std::move(a));
    return acc;
  };
  for (const WriteSite& site : write_sites(pre.layout(), {"cmdq_alloc"}, true)) {
    const W raw = S::var(tag + "write@" + hex(site.offset) + "/" + std::to_string(site.size));
    const W v = site.size == 4 ? (raw & S::lit(0xFFFFFFFFull)) : raw;
    SymbolicCmdqv post = pre;
    const auto r = post.write(site.offset, site.size, v);
    fn(Transition{"write " + site.what + " @" + hex(site.offset),
                  post,
                  with_map(write_access(pre.view(), site.offset, site.size, v, site.what)),
                  {r.touched[0], r.touched[1]},
                  -1,
                  S::lit(0)});
  }
  for (std::uint32_t q = 0; q < pre.vcmdqs(); ++q) {
    const std::string qn = "vcmdq[" + std::to_string(q) + "]";
    const W err = S::var(tag + qn + ".outcome");
    p.assume(tag + qn + " outcome is a CmdError code", z3::ule(err, S::lit(4)));
    SymbolicCmdqv post = pre;
    post.step(q, err);
    fn(Transition{"step " + qn, post, with_map(step_access(pre.view(), err, qn)), {}, static_cast<int>(q), err});
  }
}

bool unchanged(const SymbolicCmdqv& a, const SymbolicCmdqv& b, const std::vector<std::int32_t>& ids) {
  for (std::int32_t id : ids) {
    if (!same(a.registers().get(id), b.registers().get(id))) return false;
  }
  return true;
}

// A state invariant: base at reset, inductive step over every transition, for each configuration.
template <class Inv>
Problem state_invariant(ProofEnv& env, std::initializer_list<model::ModelConfig> configs, Inv inv,
                        std::vector<std::int32_t> (*relevant)(const SymbolicCmdqv&)) {
  Problem p;
  for (const model::ModelConfig& cfg : configs) {
    const std::string tag = std::string(spec::to_string(cfg.view)) + "." + (cfg.vintfs() == 1 ? "guest" : "host") + ".";
    SymbolicCmdqv reset(env.cmdqv_layout(cfg), cfg.view);
    p.goal(tag + " base: the invariant holds at reset", inv(reset));
    SymbolicCmdqv pre = reset;
    pre.map_linux();
    pre.make_symbolic("s." + tag);
    p.assume(tag + " the invariant holds before the transition", inv(pre));
    const std::vector<std::int32_t> ids = relevant(pre);
    for (std::int32_t id : ids) p.witness("s." + tag + pre.name_of(id), pre.registers().get(id));
    for_each_transition(p, pre, tag, [&](const Transition& t) {
      if (unchanged(pre, t.post, ids)) {
        ++p.discharged;
        return;
      }
      p.goal(tag + " after " + t.name, inv(t.post), t.acc);
    });
  }
  return p;
}

std::vector<std::int32_t> config_status_ids(const SymbolicCmdqv& s) {
  std::vector<std::int32_t> ids = {s.config_id(), s.status_id()};
  for (std::uint32_t v = 0; v < s.vintfs(); ++v) ids.insert(ids.end(), {s.vintf(v).config, s.vintf(v).status});
  for (std::uint32_t q = 0; q < s.vcmdqs(); ++q) ids.insert(ids.end(), {s.vcmdq(q).config, s.vcmdq(q).status});
  return ids;
}

z3::expr status_implies_config(const SymbolicCmdqv& s) {
  const auto ids = config_status_ids(s);
  z3::expr all = S::truth(true);
  for (std::size_t k = 0; k + 1 < ids.size(); k += 2) {
    const W& config = s.registers().get(ids[k]);
    const W& status = s.registers().get(ids[k + 1]);
    all = all && z3::implies(S::nonzero(status & S::lit(1)), S::nonzero(config & S::lit(1)));
  }
  return all;
}

std::vector<std::int32_t> vintf_config_ids(const SymbolicCmdqv& s) {
  std::vector<std::int32_t> ids;
  for (std::uint32_t v = 0; v < s.vintfs(); ++v) ids.push_back(s.vintf(v).config);
  return ids;
}

z3::expr hyp_own_zero(const SymbolicCmdqv& s) {
  z3::expr all = S::truth(true);
  for (std::uint32_t v = 0; v < s.vintfs(); ++v) all = all && !s.hyp_own(v);
  return all;
}

// ERR-1/ERR-2 with a ghost flag per VCMDQ, unacked[q]: set when a step records an error, cleared
// by any write that reaches GERRORN(q). Inv: unacked[q] => CMDQ_ERR active and CONS.ERR != NONE.
Problem error_active_until_acked(ProofEnv& env) {
  Problem p;
  const model::ModelConfig cfg = host_config();
  SymbolicCmdqv reset(env.cmdqv_layout(cfg), cfg.view);
  SymbolicCmdqv pre = reset;
  pre.map_linux();
  pre.make_symbolic("s.");
  std::vector<z3::expr> unacked;
  std::vector<std::int32_t> ids;
  for (std::uint32_t q = 0; q < pre.vcmdqs(); ++q) {
    const model::QueueRegs& r = pre.vcmdq(q).regs;
    unacked.push_back(S::flag("s.unacked[" + std::to_string(q) + "]"));
    ids.insert(ids.end(), {r.cons, r.gerror, r.gerrorn});
  }
  auto inv = [&](const SymbolicCmdqv& s, const std::vector<z3::expr>& u) {
    z3::expr all = S::truth(true);
    for (std::uint32_t q = 0; q < s.vcmdqs(); ++q) {
      const W cons = s.registers().get(s.vcmdq(q).regs.cons);
      all = all && z3::implies(u[q], s.error_active(q) && S::nonzero(model::ConsErr::get<S>(cons)));
    }
    return all;
  };
  p.goal("base: nothing unacked at reset", inv(reset, std::vector<z3::expr>(unacked.size(), S::truth(false))));
  p.assume("the invariant holds before the transition", inv(pre, unacked));
  for (std::size_t k = 0; k < ids.size(); ++k) p.witness("s." + pre.name_of(ids[k]), pre.registers().get(ids[k]));
  for (std::size_t q = 0; q < unacked.size(); ++q) p.witness("s.unacked[" + std::to_string(q) + "]", unacked[q]);
  for_each_transition(p, pre, "", [&](const Transition& t) {
    std::vector<z3::expr> u = unacked;
    bool ghost_changed = false;
    for (std::uint32_t q = 0; q < pre.vcmdqs(); ++q) {
      const std::int32_t gerrorn = pre.vcmdq(q).regs.gerrorn;
      if (t.step_q == static_cast<int>(q)) {
        u[q] = u[q] || (pre.ready(q) && t.outcome != S::lit(0));
        ghost_changed = true;
        if (q == 0) p.cover("a step records an error on vcmdq[0]", pre.ready(q) && t.outcome != S::lit(0));
      } else if (std::find(t.touched.begin(), t.touched.end(), gerrorn) != t.touched.end()) {
        u[q] = S::truth(false);  // acknowledged (or at least written: the claim ends there)
        ghost_changed = true;
      }
    }
    if (!ghost_changed && unchanged(pre, t.post, ids)) {
      ++p.discharged;
      return;
    }
    p.goal("after " + t.name, inv(t.post, u), t.acc);
  });
  return p;
}

// ERR-2: a step while CMDQ_ERR is active changes nothing.
Problem no_consumption_while_active(ProofEnv& env) {
  Problem p;
  SymbolicCmdqv pre(env.cmdqv_layout(host_config()), View::Host);
  pre.map_linux();
  pre.make_symbolic("s.");
  const auto n = static_cast<std::int32_t>(pre.layout().instances().size());
  for (std::uint32_t q = 0; q < pre.vcmdqs(); ++q) {
    const std::string qn = "vcmdq[" + std::to_string(q) + "]";
    const W err = S::var(qn + ".outcome");
    SymbolicCmdqv post = pre;
    post.step(q, err);
    const z3::expr active = pre.error_active(q);
    if (q == 0) {
      p.cover("an active error on a non-empty queue", active && !model::queue::empty<S>(
                                                                 pre.registers().get(pre.vcmdq(q).regs.prod),
                                                                 pre.registers().get(pre.vcmdq(q).regs.cons),
                                                                 model::queue_log2size(pre.registers(), pre.vcmdq(q).regs)));
      p.witness("s." + qn + ".GERROR", pre.registers().get(pre.vcmdq(q).regs.gerror));
      p.witness("s." + qn + ".GERRORN", pre.registers().get(pre.vcmdq(q).regs.gerrorn));
      p.witness("s." + qn + ".CONS", pre.registers().get(pre.vcmdq(q).regs.cons));
      p.witness("s." + qn + ".PROD", pre.registers().get(pre.vcmdq(q).regs.prod));
    }
    for (std::int32_t id = 0; id < n; ++id) {
      const W &before = pre.registers().get(id), &after = post.registers().get(id);
      if (same(before, after)) {
        ++p.discharged;
        continue;
      }
      p.goal(qn + ": a step while CMDQ_ERR is active leaves " + pre.name_of(id), z3::implies(active, after == before),
             {step_access(View::Host, err, qn)});
    }
  }
  return p;
}

constexpr const char* kTransitionBounds =
    "every 4- and 8-byte write to every register of the layout (global pages and VINTF logical pages) with any "
    "value, and a step on every VCMDQ with any outcome code 0..4; CMDQ_ALLOC is fixed to Linux's static map "
    "(RegisterFile resolves aliases through a concrete map; alias.* proves resolution for every map) and its "
    "writes are left out; writes that leave the invariant's registers as the same term are discharged "
    "structurally (counted in the goals)";

}  // namespace

std::vector<Obligation> err_obligations() {
  std::vector<Obligation> out;
  out.push_back({{"err.error_active_until_acked",
                  {"ERR-1", "ERR-2", "ERR-10"},
                  Expect::MustHold,
                  "\"CONS.ERR != NONE implies GERROR.CMDQ_ERR != GERRORN.CMDQ_ERR until acked\"",
                  "spec/clauses/err.yaml; Arm IHI 0070 G.b 7.1, 6.3.28; cmdqv.md section 9",
                  "inductive step (1-induction) with a ghost flag unacked[q] (set by a step that records an error, "
                  "cleared by any write reaching GERRORN(q)); base: reset",
                  std::string("host geometry (8 VCMDQs); ") + kTransitionBounds,
                  "that the error code is the right one for the command (route/CMD); the error maps and the IRQ "
                  "(ERR-6..ERR-8, not mirrored); the SMMU CMDQ (same queue_complete, hooks not mirrored)"},
                 error_active_until_acked});
  out.push_back({{"err.no_consumption_while_active",
                  {"ERR-2"},
                  Expect::MustHold,
                  "\"While GERROR.CMDQ_ERR differs from GERRORN.CMDQ_ERR the queue must consume no further command\"",
                  "spec/clauses/err.yaml ERR-2; Arm IHI 0070 G.b 7.1",
                  "direct, on one step (queue_ready + queue_complete<Symbolic>) from a symbolic state",
                  "the 8 VCMDQs of the host geometry; the command's outcome is a free code",
                  "the SMMU CMDQ (same code, see queue.consume_never_passes_prod); the EN-4 liveness gate"},
                 no_consumption_while_active});
  out.push_back({{"en.status_enabled_implies_config_en",
                  {"EN-1", "EN-2", "EN-3"},
                  Expect::MustHold,
                  "\"STATUS.ENABLED implies CONFIG.EN after the handshake\" (CMDQV, every VINTF, every VCMDQ)",
                  "spec/clauses/en.yaml; cmdqv.md section 6 (STATUS polls)",
                  "inductive step (1-induction); base: reset",
                  std::string("host geometry in the host view and guest geometry in the guest view; ") +
                      kTransitionBounds,
                  "handshake latency (the model completes it at once; devices may take time, EN-1 note)"},
                 [](ProofEnv& env) {
                   return state_invariant(env, {host_config(), guest_config()}, status_implies_config,
                                          config_status_ids);
                 }});
  out.push_back({{"hyp.guest_hyp_own_stays_zero",
                  {"HYP-1", "HYP-5"},
                  Expect::MustHold,
                  "\"guest HYP_OWN stays 0\": the HYP_OWN a guest VCMDQ's filter uses (the stored bit) is 0 after "
                  "any guest access",
                  "spec/clauses/hyp.yaml HYP-1, HYP-5; cmdqv.md section 4",
                  "inductive step (1-induction); base: reset",
                  std::string("guest geometry and host geometry, both in the guest view; ") + kTransitionBounds,
                  "host-side changes to the backing VINTF (outside the guest view)"},
                 [](ProofEnv& env) {
                   return state_invariant(env, {guest_config(), host_geometry_guest_view()}, hyp_own_zero,
                                          vintf_config_ids);
                 }});
  return out;
}

}  // namespace cts::proofs
