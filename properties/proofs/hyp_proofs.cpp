// SPDX-License-Identifier: MIT
// HYP: VINTF CONFIG.HYP_OWN read-back in the guest and host views (HYP-1, HYP-2), and the same
// guest claim under a VMM that does not wire HYP_OWN to 0 (a known bug, expected to be refuted).
#include <string>

#include "proof_env.h"
#include "proof_helpers.h"
#include "registry.h"
#include "symbolic_cmdqv.h"

namespace cts::proofs {
namespace {

using spec::View;

// Every VINTF CONFIG of the guest view: for each written value, 4- or 8-byte write (the 8-byte
// access at the CONFIG offset covers CONFIG+STATUS), the 4- and 8-byte read-back has HYP_OWN = 0.
Problem guest_reads_zero(ProofEnv& env, bool unmasked_vmm) {
  Problem p;
  bool covered = false;
  for (const model::ModelConfig& cfg : {guest_config(), host_geometry_guest_view()}) {
    const std::string geo = cfg.vintfs() == 1 ? "guest" : "host";
    SymbolicCmdqv pre(unmasked_vmm ? env.unmasked_cmdqv_layout(cfg) : env.cmdqv_layout(cfg), View::Guest);
    pre.make_symbolic("s." + geo + ".");
    const z3::expr mask = Symbolic::lit(pre.hyp_own_mask());
    for (std::uint32_t v = 0; v < pre.vintfs(); ++v) {
      const std::uint64_t off = pre.offset_of(pre.vintf(v).config);
      const std::string reg = pre.name_of(pre.vintf(v).config);
      p.witness("s." + geo + "." + reg, pre.registers().get(pre.vintf(v).config));
      for (unsigned wsize : {4u, 8u}) {
        const std::string wname = geo + "." + reg + ".write" + std::to_string(wsize);
        const z3::expr w = Symbolic::var(wname);
        p.assume(wname + " fits the access", fits(w, wsize));
        p.witness(wname, w);
        if (!covered) {
          p.cover("a written value sets HYP_OWN", (w & mask) != Symbolic::lit(0));
          covered = true;
        }
        SymbolicCmdqv post = pre;
        post.write(off, wsize, w);
        for (unsigned rsize : {4u, 8u}) {
          const z3::expr r = post.read(off, rsize).value;
          p.goal(geo + " geometry " + reg + ": write" + std::to_string(wsize) + ", read" + std::to_string(rsize) +
                     " has HYP_OWN = 0",
                 (r & mask) == Symbolic::lit(0),
                 {write_access(View::Guest, off, wsize, w, reg), read_access(View::Guest, off, rsize, r, reg)});
        }
      }
    }
  }
  return p;
}

// HYP-2: host view, VINTF disabled before the write: HYP_OWN reads back as written.
Problem host_reads_back(ProofEnv& env) {
  Problem p;
  SymbolicCmdqv pre(env.cmdqv_layout(host_config()), View::Host);
  pre.make_symbolic("s.");
  const z3::expr mask = Symbolic::lit(pre.hyp_own_mask());
  const z3::expr en = Symbolic::lit(1);
  for (std::uint32_t v = 0; v < pre.vintfs(); ++v) {
    const auto& vi = pre.vintf(v);
    const std::uint64_t off = pre.offset_of(vi.config);
    const std::string reg = pre.name_of(vi.config);
    p.assume(reg + " disabled before the write", (pre.registers().get(vi.config) & en) == Symbolic::lit(0) &&
                                                     (pre.registers().get(vi.status) & en) == Symbolic::lit(0));
    p.witness("s." + reg, pre.registers().get(vi.config));
    for (unsigned wsize : {4u, 8u}) {
      const std::string wname = reg + ".write" + std::to_string(wsize);
      const z3::expr w = Symbolic::var(wname);
      p.assume(wname + " fits the access", fits(w, wsize));
      p.witness(wname, w);
      if (v == 0 && wsize == 4) {
        p.cover("the write sets HYP_OWN from 0", (w & mask) != Symbolic::lit(0) &&
                                                    (pre.registers().get(vi.config) & mask) == Symbolic::lit(0));
        p.cover("the write clears HYP_OWN from 1", (w & mask) == Symbolic::lit(0) &&
                                                      (pre.registers().get(vi.config) & mask) != Symbolic::lit(0));
      }
      SymbolicCmdqv post = pre;
      post.write(off, wsize, w);
      for (unsigned rsize : {4u, 8u}) {
        const z3::expr r = post.read(off, rsize).value;
        p.goal(reg + ": write" + std::to_string(wsize) + ", read" + std::to_string(rsize) + " returns HYP_OWN as written",
               (r & mask) == (w & mask),
               {write_access(View::Host, off, wsize, w, reg), read_access(View::Host, off, rsize, r, reg)});
      }
    }
  }
  return p;
}

}  // namespace

std::vector<Obligation> hyp_obligations() {
  std::vector<Obligation> out;
  out.push_back({{"hyp.guest_reads_zero",
                  {"HYP-1", "ROUTE-4"},
                  Expect::MustHold,
                  "\"In the guest view, VINTF CONFIG.HYP_OWN (bit 17) must read as 0 whatever value is written\"",
                  "spec/clauses/hyp.yaml HYP-1; uAPI 9dcef98dbee3; cmdqv.md section 4",
                  "direct: symbolic pre-state (every register a free variable), one write, one read",
                  "every VINTF of two geometries: the guest's (1 VINTF, PARAM 0x4011) and the host's (4 VINTFs) "
                  "seen through the guest view; the only 8-byte access covering CONFIG is the aligned one at its "
                  "offset",
                  "that HYP_OWN stays 0 over sequences of accesses (err.guest_hyp_own_stays_zero does, by induction); "
                  "what a real VMM does (the model is the reference, devices are checked by replay)"},
                 [](ProofEnv& env) { return guest_reads_zero(env, false); }});
  out.push_back({{"hyp.host_reads_back",
                  {"HYP-2"},
                  Expect::MustHold,
                  "\"In the host view, VINTF CONFIG.HYP_OWN must read back the value last written to it\"",
                  "spec/clauses/hyp.yaml HYP-2; cmdqv.md section 4 (tegra241_vintf_hw_init read-back)",
                  "direct: symbolic pre-state with the VINTF disabled (CONFIG.EN = STATUS.ENABLED = 0), one write, "
                  "one read",
                  "the 4 VINTFs of the host geometry; 4- and 8-byte writes and reads at CONFIG",
                  "read-back while the VINTF is enabled (not specified, see the clause note); other CONFIG fields"},
                 host_reads_back});
  out.push_back({{"hyp.guest_reads_zero.unmasked_vmm",
                  {"HYP-1", "ROUTE-4"},
                  Expect::DemonstratesBug,
                  "known bug: a VMM that does not wire HYP_OWN to 0 lets the guest read back HYP_OWN = 1",
                  "cmdqv.md section 7 (Eric Auger's QEMU experiment with the mask commented out); uAPI 9dcef98dbee3",
                  "direct, as hyp.guest_reads_zero, on the spec with vintf.CONFIG.HYP_OWN plain RW in the guest view",
                  "as hyp.guest_reads_zero",
                  "which VMMs have the bug: the counterexample is replayed on a device to find out"},
                 [](ProofEnv& env) { return guest_reads_zero(env, true); }});
  return out;
}

}  // namespace cts::proofs
