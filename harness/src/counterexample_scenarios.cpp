// SPDX-License-Identifier: MIT
// Counterexamples of refuted proofs as replayable scenarios (see counterexample_scenarios.h).
#include "cmdqv_cts/harness/counterexample_scenarios.h"

#include <filesystem>
#include <fstream>
#include <ostream>

#include "obligation.h"
#include "proof_env.h"
#include "registry.h"

namespace cts::harness {

Scenario scenario_from_counterexample(const std::string& name,
                                      const std::vector<std::string>& clauses,
                                      const proofs::Counterexample& cex) {
  Scenario s;
  s.name = name;
  s.description = cex.story.empty() ? "counterexample of " + name : cex.story;
  s.clauses = clauses;
  bool guest = false, smmu_only = true;
  std::uint64_t vintf_config = 0;
  for (const proofs::CexAccess& a : cex.accesses) {
    const model::Region region = a.region == "smmu" ? model::Region::Smmu : model::Region::Cmdqv;
    guest |= a.view == spec::View::Guest;
    smmu_only &= region == model::Region::Smmu;
    if (a.kind == proofs::CexAccess::Kind::Step) {
      // The command the obligation issues: on VCMDQ 0 (LVCMDQ 0 of VINTF 0), with the HYP_OWN
      // the driver asked for; dword0 is the step's value, dword1 the counterexample's.
      Op up;
      up.kind = OpKind::BringUp;
      up.smmu = region == model::Region::Smmu;
      up.base = 0x40100000;
      up.log2size = 4;
      up.hyp_own = (vintf_config >> 17) & 1;
      up.irq_enable = true;
      s.steps.push_back(up);
      Op push;
      push.kind = OpKind::Push;
      push.smmu = up.smmu;
      push.commands.push_back({a.value, cex.value("cmd.dword1")});
      s.steps.push_back(push);
      s.steps.push_back(Op{});
      continue;
    }
    Op op;
    op.kind = a.kind == proofs::CexAccess::Kind::Write ? OpKind::Write : OpKind::Read;
    op.region = region;
    op.offset = a.offset;
    op.size = a.size;
    op.value = a.value;
    if (op.kind == OpKind::Write && region == model::Region::Cmdqv && a.offset == 0x1000)
      vintf_config = a.value;
    s.steps.push_back(op);
  }
  s.profile = smmu_only ? Profile::Smmuv3 : guest ? Profile::CmdqvGuest : Profile::CmdqvHost;
  return s;
}

int save_counterexamples(const std::string& dir, std::ostream& out) {
  std::filesystem::create_directories(dir);
  z3::context ctx;
  proofs::ProofEnv env(ctx);
  proofs::Runner runner(env, proofs::RunOptions{});
  int written = 0;
  for (const proofs::Obligation& ob : proofs::all_obligations()) {
    const proofs::Verdict v = runner.run(ob);
    if (v.outcome != proofs::Outcome::Refuted || v.counterexample.accesses.empty()) continue;
    const Scenario s =
        scenario_from_counterexample(ob.info.name, ob.info.clauses, v.counterexample);
    const std::string path = dir + "/" + ob.info.name + ".yaml";
    std::ofstream(path) << to_yaml(s);
    out << "saved: " << path << "  (" << proofs::to_string(ob.info.expect)
        << "; replay: cmdqv-cts repro " << path << " --device DEVICE)\n";
    ++written;
  }
  return written;
}

}  // namespace cts::harness
