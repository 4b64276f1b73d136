// SPDX-License-Identifier: MIT
// Clause tagging of accesses and consumed commands (see clause_tagging.h).
#include "cmdqv_cts/harness/clause_tagging.h"

#include <utility>
#include <vector>

#include "cmdqv_cts/model/command_legality.h"

namespace cts::harness {
namespace {

constexpr model::Region C = model::Region::Cmdqv;

// ALLOC-4: two allocated entries name the same (VINTF, LVCMDQ).
bool shared_slot(const model::ReferenceModel& m) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (std::uint32_t q = 0; q < m.cmdqv().vcmdqs(); ++q) {
    const auto o = m.cmdqv().owner(q);
    if (!o) continue;
    for (const auto& s : seen) {
      if (s.first == o->vintf && s.second == o->lvcmdq) return true;
    }
    seen.emplace_back(o->vintf, o->lvcmdq);
  }
  return false;
}

}  // namespace

bool vcmdq_hyp_own(const model::ReferenceModel& m, std::uint32_t q) {
  const auto o = m.cmdqv().owner(q);
  return o && m.cmdqv().vintf_hyp_own(o->vintf);
}

void tag_access(ClauseCoverage& coverage, const model::ReferenceModel& m, const RegisterAt& at,
                bool write, bool& map_changed) {
  if (at.qualified.empty()) return;
  coverage.exercise_register(at.qualified);
  if (at.qualified == "cmdqv:cmdq_alloc.CMDQ_ALLOC" && write) map_changed = true;
  if (!at.alias) return;
  // The page of the logical window: "page0" (vintf_page0) or "page1" (vintf_page1).
  const std::string page = at.alias_block.substr(at.alias_block.rfind('_') + 1);
  if (at.id >= 0) {
    coverage.exercise("ALIAS-1");
    coverage.reach("ALIAS-1", (write ? "write-" : "read-") + page);
    coverage.exercise("ALLOC-1");
  } else {
    coverage.exercise(write ? "ALIAS-2" : "ALIAS-3");
    coverage.reach(write ? "ALIAS-2" : "ALIAS-3", page);
  }
  if (map_changed) coverage.exercise("ALIAS-4");  // the slot resolves through a changed map
  if (shared_slot(m)) coverage.exercise("ALLOC-4");
}

void tag_step(ClauseCoverage& coverage, const model::ReferenceModel& m,
              const model::StepRecord& rec) {
  const bool vcmdq = rec.region == C;
  const bool hyp_own = vcmdq && vcmdq_hyp_own(m, rec.vcmdq);
  for (const char* id : {"Q-1", "Q-2", "Q-3", "Q-8"}) coverage.exercise(id);
  if (vcmdq) {
    coverage.exercise("Q-7");
    coverage.exercise("HYP-5");
  }
  const auto opcode = static_cast<std::uint8_t>(rec.command.dword0 & 0xFF);
  const spec::Opcode* e = m.rules().entry(opcode);
  if (!e) coverage.exercise("CMD-1");
  for (const std::string& c : e ? e->clauses : std::vector<std::string>{}) {
    const bool guest_filter = c == "HYP-4" || c == "CMD-6" || c == "CMD-7" || c == "CMD-8";
    if (c == "HYP-3" && !(vcmdq && hyp_own)) continue;
    if (guest_filter && !(vcmdq && !hyp_own)) continue;
    coverage.exercise(c);
  }
  // Field rules (spec/commands.yaml): the clause of each rule whose condition holds for the
  // device and queue and whose fields the command matches.
  if (rec.command.error != model::CmdError::Abt) {
    const model::Features f = model::Features::from(m.config());
    for (const model::ResolvedRule& r : m.rules().field_rules(opcode)) {
      if (model::field_rule_applies(*r.rule, f, vcmdq) &&
          model::field_match<model::Concrete>(r, rec.command.dword0, rec.command.dword1))
        coverage.exercise(r.rule->clause);
    }
  }
  if (rec.result != model::StepResult::Faulted) return;
  for (const char* id : {"ERR-1", "ERR-2", "ERR-5"}) coverage.exercise(id);
  if (rec.command.error == model::CmdError::Ill) coverage.exercise("CMD-10");
  if (rec.command.error == model::CmdError::Abt) coverage.exercise("ERR-4");
  if (!vcmdq) coverage.exercise("ERR-11");  // the GERROR interrupt, gated by IRQ_CTRL
  if (vcmdq) {
    for (const char* id : {"ERR-6", "ERR-7", "ERR-8", "ERR-10"}) coverage.exercise(id);
    if (!hyp_own) coverage.exercise("ERR-9");
  }
}

bool acknowledges_cmdq_error(const model::ReferenceModel& m, const RegisterAt& at,
                             std::uint64_t value) {
  const bool smmu = at.qualified == "smmu:regs.GERRORN";
  if (!smmu && at.qualified != "cmdqv:vcmdq_page0.GERRORN") return false;
  const model::RegisterFile<>& rf = smmu ? m.smmu().registers() : m.cmdqv().registers();
  const model::QueueRegs& q =
      smmu ? m.smmu().queue()
           : m.cmdqv().queue(rf.layout().instances()[static_cast<std::size_t>(at.id)].block_index);
  const std::uint64_t gerrorn = rf.get(q.gerrorn);
  return model::cmdq_error_active<model::Concrete>(rf, q) && ((value ^ gerrorn) & 1) != 0;
}

}  // namespace cts::harness
