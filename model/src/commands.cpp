// SPDX-License-Identifier: MIT
// CommandRules: the command table and field rules of spec/commands.yaml, indexed by opcode; the
// concrete instantiation of the evaluator in command_legality.h.
#include "cmdqv_cts/model/commands.h"

#include <cstdio>

#include "cmdqv_cts/model/command_legality.h"

namespace cts::model {

const char* to_string(CmdError e) {
  switch (e) {
    case CmdError::None:
      return "NONE";
    case CmdError::Ill:
      return "ILL";
    case CmdError::Abt:
      return "ABT";
    case CmdError::AtcInvSync:
      return "ATC_INV_SYNC";
    case CmdError::IllAccess:
      return "ILL_ACCESS";
  }
  return "?";
}

Features Features::from(const ModelConfig& c) {
  Features f;
  f.s1p = c.s1p;
  f.s2p = c.s2p;
  f.hyp = c.hyp;
  f.ats = c.ats;
  f.pri = c.pri;
  f.stall = c.stall_model != 1;  // 0b01 = stall not supported
  f.mpam = c.mpam;
  f.dpt = c.dpt;
  f.ril = c.ril;
  f.ds = c.ds;
  f.sev = c.sev;
  f.msi = c.msi;
  f.ssid = c.ssidsize != 0;
  f.v3_0 = c.arch_minor == 0;
  return f;
}

CommandRules::CommandRules(const spec::Spec& spec, const ModelPolicy& policy)
    : all_rules_(&spec.field_rules), policy_(policy) {
  for (const spec::Opcode& op : spec.opcodes) table_[op.opcode] = &op;
  for (std::size_t k = 0; k < spec.field_rules.size(); ++k) {
    const spec::FieldRule& r = spec.field_rules[k];
    for (std::uint8_t op : r.opcodes) {
      const spec::Opcode* e = table_[op];
      if (!e) continue;
      ResolvedRule rr{&r, k, {}};
      for (const auto& alt : r.match) {
        std::vector<ResolvedTest> tests;
        for (const spec::FieldTest& t : alt) {
          const spec::CommandField* f = e->field(t.field);  // the loader resolved every name
          if (!f) continue;
          tests.push_back({f->dword(), f->shift(), f->max(), t.op, t.value});
        }
        rr.match.push_back(std::move(tests));
      }
      rules_[op].push_back(std::move(rr));
    }
  }
}

bool CommandRules::either_ill(std::size_t k) const {
  const spec::FieldRule& r = (*all_rules_)[k];
  const auto it = policy_.field_either_ill.find(r.clause);
  return it != policy_.field_either_ill.end() ? it->second : r.model_raises;
}

std::string CommandRules::name(std::uint8_t op) const {
  if (table_[op]) return table_[op]->name;
  char buf[24];
  std::snprintf(buf, sizeof buf, "RESERVED_0x%02X", op);
  return buf;
}

CmdError CommandRules::smmu_error(std::uint64_t dword0, std::uint64_t dword1,
                                  const Features& f) const {
  const auto op = static_cast<std::uint8_t>(cmd::Opcode::get(dword0));
  return static_cast<CmdError>(opcode_vcmdq_error<Concrete>(*this, op, FeatureBits<Concrete>::of(f),
                                                            PolicyBits<Concrete>::of(*this), dword0,
                                                            dword1, true, false));
}

CmdError CommandRules::vcmdq_error(std::uint64_t dword0, std::uint64_t dword1, const Features& f,
                                   bool hyp_own) const {
  const auto op = static_cast<std::uint8_t>(cmd::Opcode::get(dword0));
  return static_cast<CmdError>(opcode_vcmdq_error<Concrete>(*this, op, FeatureBits<Concrete>::of(f),
                                                            PolicyBits<Concrete>::of(*this), dword0,
                                                            dword1, hyp_own, true));
}

bool field_rule_applies(const spec::FieldRule& r, const Features& f, bool on_vcmdq) {
  return field_condition<Concrete>(r, FeatureBits<Concrete>::of(f), on_vcmdq);
}

}  // namespace cts::model
