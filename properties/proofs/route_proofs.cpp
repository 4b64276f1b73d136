// SPDX-License-Identifier: MIT
// ROUTE: does the driver route to a VCMDQ only commands the device accepts there, and does it leave
// a HYP_OWN = 1 queue unrestricted? For both supports_cmd orderings (driver_routing.h), every
// opcode, every dword0/dword1, every SMMU feature set and every model policy, with HYP_OWN read
// back through RegisterFile<Symbolic> after the driver's own VINTF bring-up sequence.
#include <string>

#include "cmdqv_cts/model/command_legality.h"
#include "cmdqv_cts/model/driver_routing.h"
#include "proof_env.h"
#include "proof_helpers.h"
#include "registry.h"
#include "symbolic_cmdqv.h"

namespace cts::proofs {
namespace {

using S = Symbolic;
using W = Symbolic::Word;
using model::FilterOrdering;
using spec::View;

enum class Claim { RoutedIsAccepted, HypOwnUnrestricted };

struct RouteCase {
  FilterOrdering ordering = FilterOrdering::Fixed;
  View view = View::Host;
  bool unmasked_vmm = false;
  Claim claim = Claim::RoutedIsAccepted;
  // Known-bug demonstrations: the model's default features and policy and zero operands, so that
  // the counterexample replays on the default reference model as it is.
  bool replayable_defaults = false;
};

Problem route(ProofEnv& env, const RouteCase& rc) {
  Problem p;
  const model::ModelConfig cfg = rc.view == View::Host ? host_config() : guest_config();
  SymbolicCmdqv dev(rc.unmasked_vmm ? env.unmasked_cmdqv_layout(cfg) : env.cmdqv_layout(cfg),
                    rc.view);
  dev.make_symbolic("s.");
  const auto& vi = dev.vintf(0);
  const std::uint64_t config = dev.offset_of(vi.config), status = dev.offset_of(vi.status);
  const std::uint64_t vmid_mask = 0xFFFFull << 1;  // CONFIG.VMID [16:1]

  // tegra241_vintf_hw_init(vintf, hyp_own) (cmdqv.md section 6, R3b-R3d): CONFIG = HYP_OWN|VMID;
  // CONFIG |= EN; poll STATUS.ENABLED; read HYP_OWN back. The requested HYP_OWN is free: hw_reset
  // asks for 1 on VINTF0, and a guest kernel asks for 1 and must read 0.
  const W request = S::var("driver.config");
  p.assume("the driver writes HYP_OWN|VMID", (request & ~S::lit(dev.hyp_own_mask() | vmid_mask)) == S::lit(0));
  dev.write(config, 4, request);
  const W r1 = dev.read(config, 4).value;
  dev.write(config, 4, r1 | S::lit(1));
  const W st = dev.read(status, 4).value;
  p.assume("the STATUS poll completes", (st & S::lit(1)) != S::lit(0));
  const W read_back = dev.read(config, 4).value;
  const z3::expr hyp_read_back = hyp_own_of(read_back, dev.hyp_own_mask());
  // The filter the device applies: in the host view the VINTF's own HYP_OWN
  // (CmdqvModel::vintf_hyp_own); a guest's VINTF is backed by a host VINTF allocated with HYP_OWN =
  // 0 (uAPI 9dcef98dbee3).
  const z3::expr hyp_device = rc.view == View::Host ? dev.hyp_own(0) : S::truth(false);

  const W d0 = S::var("cmd.dword0"), d1 = S::var("cmd.dword1");
  const model::FeatureBits<S> f{S::flag("idr.S1P"),  S::flag("idr.S2P"),  S::flag("idr.HYP"),
                                S::flag("idr.ATS"),  S::flag("idr.PRI"),  S::flag("idr.STALL"),
                                S::flag("idr.MPAM"), S::flag("idr.DPT"),  S::flag("idr.RIL"),
                                S::flag("idr.DS"),   S::flag("idr.SEV"),  S::flag("idr.MSI"),
                                S::flag("idr.SSID"), S::flag("aidr.v3_0")};
  model::PolicyBits<S> pol{S::flag("policy.guest_accepts_disputed"),
                           S::var("policy.guest_reject_code"),
                           S::flag("policy.impl_defined_ill"),
                           S::flag("policy.guest_atc_inv_without_ats"),
                           {}};
  for (const spec::FieldRule& r : env.rules().all_field_rules())
    pol.either_ill.push_back(S::flag("policy.either." + r.clause));
  p.assume("the model's reject code is ILL or ILL_ACCESS",
           pol.guest_reject_code == S::lit(1) || pol.guest_reject_code == S::lit(4));
  if (rc.replayable_defaults) {
    const auto fd = model::FeatureBits<S>::of(model::Features::from(cfg));
    const auto pd = model::PolicyBits<S>::of(env.rules());
    p.assume("the model's default features",
             f.s1p == fd.s1p && f.s2p == fd.s2p && f.hyp == fd.hyp && f.ats == fd.ats &&
                 f.pri == fd.pri && f.stall == fd.stall && f.mpam == fd.mpam && f.dpt == fd.dpt &&
                 f.ril == fd.ril && f.ds == fd.ds && f.sev == fd.sev && f.msi == fd.msi &&
                 f.ssid == fd.ssid && f.v3_0 == fd.v3_0);
    p.assume("the model's default policy",
             pol.guest_accepts_disputed == pd.guest_accepts_disputed &&
                 pol.guest_reject_code == pd.guest_reject_code &&
                 pol.impl_defined_ill == pd.impl_defined_ill);
    for (std::size_t k = 0; k < pol.either_ill.size(); ++k)
      p.assume("the model's default outcome of " + env.rules().all_field_rules()[k].clause,
               pol.either_ill[k] == pd.either_ill[k]);
    p.assume("operand fields zero", z3::ult(d0, S::lit(0x100)) && d1 == S::lit(0));
  }
  const W smmu_code = model::smmu_error_code<S>(env.rules(), f, pol, d0, d1);
  p.assume("the driver issues only commands the SMMU command queue accepts", smmu_code == S::lit(0));
  const W op = model::cmd::Opcode::get<S>(d0);
  const z3::expr routed = model::route::routes_to_vcmdq<S>(rc.ordering, op, hyp_read_back);
  const W vcmdq_code = model::vcmdq_error_code<S>(env.rules(), f, pol, d0, d1, hyp_device);

  for (const auto& [name, e] : std::vector<std::pair<std::string, z3::expr>>{
           {"opcode", op},
           {"cmd.dword0", d0},
           {"cmd.dword1", d1},
           {"driver.config", request},
           {"HYP_OWN read back", hyp_read_back},
           {"HYP_OWN applied by the device", hyp_device},
           {"routed to the VCMDQ", routed},
           {"VCMDQ CONS.ERR code", vcmdq_code},
           {"idr.S1P", f.s1p},
           {"idr.S2P", f.s2p},
           {"idr.HYP", f.hyp},
           {"idr.ATS", f.ats},
           {"idr.PRI", f.pri},
           {"idr.STALL", f.stall},
           {"idr.MPAM", f.mpam},
           {"idr.DPT", f.dpt},
           {"policy.guest_accepts_disputed", pol.guest_accepts_disputed},
           {"policy.guest_reject_code", pol.guest_reject_code},
           {"policy.impl_defined_ill", pol.impl_defined_ill}}) {
    p.witness(name, e);
  }
  const std::string reg = dev.name_of(vi.config);
  const std::vector<SymAccess> acc = {
      write_access(rc.view, config, 4, request, reg + " = HYP_OWN|VMID"),
      read_access(rc.view, config, 4, r1, reg),
      write_access(rc.view, config, 4, r1 | S::lit(1), reg + " |= EN"),
      read_access(rc.view, status, 4, st, dev.name_of(vi.status) + " (poll)"),
      read_access(rc.view, config, 4, read_back, reg + " (HYP_OWN read-back)"),
      step_access(rc.view, d0, "issue the command (value = dword0) on LVCMDQ 0 of VINTF 0"),
  };
  const model::CommandRules* rules = &env.rules();
  const std::string ordering = model::to_string(rc.ordering);
  p.story = [rules, ordering](const Counterexample& c) {
    const auto opcode = static_cast<std::uint8_t>(c.value("opcode"));
    return "opcode " + hex(opcode) + " (" + rules->name(opcode) +
           ") is accepted by the SMMU CMDQ; HYP_OWN read back " +
           std::to_string(c.value("HYP_OWN read back")) + "; the " + ordering + " driver " +
           (c.value("routed to the VCMDQ") ? "routes it to the VCMDQ"
                                           : "keeps it on the SMMU CMDQ") +
           "; the VCMDQ (HYP_OWN " + std::to_string(c.value("HYP_OWN applied by the device")) +
           ") " +
           (c.value("VCMDQ CONS.ERR code")
                ? "rejects it with CONS.ERR " + std::to_string(c.value("VCMDQ CONS.ERR code"))
                : "accepts it");
  };
  const z3::expr filtered_op =
      !model::route::guest_supports_cmd<S>(op) && op != S::lit(model::cmd::kCmdSync);
  if (rc.claim == Claim::RoutedIsAccepted) {
    p.cover("a command is routed to the VCMDQ", routed);
    p.cover("a command is kept on the SMMU CMDQ", !routed);
    p.goal("a routed command is accepted by the VCMDQ (CONS.ERR = 0)", !routed || vcmdq_code == S::lit(0), acc);
  } else {
    p.assume("HYP_OWN reads back 1", hyp_read_back);
    p.cover("a command outside the guest allow-list", filtered_op);
    p.goal("every command the SMMU CMDQ accepts is routed to the HYP_OWN = 1 VCMDQ", routed, acc);
  }
  return p;
}

Obligation make(std::string name, std::vector<std::string> clauses, Expect expect, std::string rule,
                std::string method, std::string not_proven, RouteCase rc) {
  rc.replayable_defaults = expect == Expect::DemonstratesBug;
  std::string bounds =
      rc.replayable_defaults
          ? "all 256 opcodes with zero operands, the model's default SMMU features and policy (a "
            "counterexample "
            "then replays on the default reference model), every HYP_OWN/VMID the driver may write"
          : "none within the rule: all 256 opcodes and every dword0/dword1 value, every SMMU "
            "feature set "
            "(IDR0/IDR3 bits) and model policy, every HYP_OWN/VMID the driver may write";
  bounds += "; host view: the host geometry's VINTF0; guest view: the guest geometry's VINTF0";
  ObligationInfo info{std::move(name),
                      std::move(clauses),
                      expect,
                      std::move(rule),
                      "spec/clauses/route.yaml; upstream 803e41f36d22; cmdqv.md sections 5 and 7",
                      std::move(method),
                      std::move(bounds),
                      std::move(not_proven)};
  return {std::move(info), [rc](ProofEnv& env) { return route(env, rc); }};
}

constexpr const char* kPreconditions =
    "get_cmdq checks 1-3 (bypass_vcmdq off, VINTF0 and the CPU's LVCMDQ enabled) are assumed; the "
    "error code "
    "hardware reports (ERR-9); re-init paths that change HYP_OWN after the queue is built";

}  // namespace

std::vector<Obligation> route_obligations() {
  const std::string bug_method =
      "direct; expected to be refuted: Z3's model is the counterexample that shows the bug";
  std::vector<Obligation> out;
  out.push_back(make(
      "route.fixed.routed_is_accepted.host", {"ROUTE-1", "HYP-3", "HYP-4"}, Expect::MustHold,
      "\"A driver must route to a VCMDQ only commands the device accepts there, judged from "
      "HYP_OWN as "
      "read back after the VINTF is enabled\"",
      "direct: driver bring-up through RegisterFile<Symbolic>, routes_to_vcmdq (fixed ordering), "
      "vcmdq_error_code folded over the commands.yaml table",
      kPreconditions, {FilterOrdering::Fixed, View::Host, false, Claim::RoutedIsAccepted}));
  out.push_back(make(
      "route.fixed.routed_is_accepted.guest", {"ROUTE-1", "ROUTE-4", "CMD-6"}, Expect::MustHold,
      "\"A driver must route to a VCMDQ only commands the device accepts there\" (guest kernel, "
      "VMM "
      "wires HYP_OWN to 0)",
      "direct, as the host case, in the guest view; the device filter is the backing host VINTF's "
      "HYP_OWN = 0",
      kPreconditions, {FilterOrdering::Fixed, View::Guest, false, Claim::RoutedIsAccepted}));
  out.push_back(make("route.fixed.hyp_own_unrestricted", {"ROUTE-2", "ROUTE-3"}, Expect::MustHold,
                     "\"A driver must not restrict a VCMDQ whose VINTF reads back HYP_OWN = 1\"",
                     "direct, host view, assuming HYP_OWN reads back 1", kPreconditions,
                     {FilterOrdering::Fixed, View::Host, false, Claim::HypOwnUnrestricted}));
  out.push_back(make(
      "route.upstream_6_12_0.hyp_own_unrestricted", {"ROUTE-2", "ROUTE-3"}, Expect::DemonstratesBug,
      "known bug (803e41f36d22): upstream 6.12.0-6.12.90 installs the guest filter before the "
      "HYP_OWN "
      "read-back, so a HYP_OWN = 1 queue is restricted",
      bug_method, kPreconditions,
      {FilterOrdering::Upstream_6_12_0, View::Host, false, Claim::HypOwnUnrestricted}));
  out.push_back(
      make("route.upstream_6_12_0.routed_is_accepted.host", {"ROUTE-1"}, Expect::MustHold,
           "\"A driver must route to a VCMDQ only commands the device accepts there\" (upstream "
           "ordering: "
           "the bug only costs performance on a host)",
           "direct, as route.fixed.routed_is_accepted.host, upstream ordering", kPreconditions,
           {FilterOrdering::Upstream_6_12_0, View::Host, false, Claim::RoutedIsAccepted}));
  out.push_back(make(
      "route.fixed.routed_is_accepted.unmasked_vmm", {"ROUTE-4", "ROUTE-1", "HYP-1"},
      Expect::DemonstratesBug,
      "known bug (uAPI 9dcef98dbee3): with a VMM that does not wire HYP_OWN to 0, a fixed guest "
      "kernel "
      "reads HYP_OWN = 1 and routes CFGI_* and others to a VCMDQ backed by a HYP_OWN = 0 VINTF",
      bug_method, kPreconditions,
      {FilterOrdering::Fixed, View::Guest, true, Claim::RoutedIsAccepted}));
  out.push_back(
      make("route.upstream_6_12_0.routed_is_accepted.unmasked_vmm", {"ROUTE-1", "ROUTE-4"},
           Expect::MustHold,
           "\"A driver must route to a VCMDQ only commands the device accepts there\" (the two "
           "bugs mask "
           "each other: why the unmasked-QEMU experiment passed, cmdqv.md section 7)",
           "direct, guest view, unmasked VMM, upstream ordering", kPreconditions,
           {FilterOrdering::Upstream_6_12_0, View::Guest, true, Claim::RoutedIsAccepted}));
  return out;
}

}  // namespace cts::proofs
