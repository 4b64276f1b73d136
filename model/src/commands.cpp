// SPDX-License-Identifier: MIT
// CommandRules: the legality table of spec/commands.yaml, evaluated per command.
#include "cmdqv_cts/model/commands.h"

#include <cstdio>

namespace cts::model {

const char* to_string(CmdError e) {
  switch (e) {
    case CmdError::None: return "NONE";
    case CmdError::Ill: return "ILL";
    case CmdError::Abt: return "ABT";
    case CmdError::AtcInvSync: return "ATC_INV_SYNC";
    case CmdError::IllAccess: return "ILL_ACCESS";
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
  return f;
}

CommandRules::CommandRules(const spec::Spec& spec, const ModelPolicy& policy) : policy_(policy) {
  for (const spec::Opcode& op : spec.opcodes) table_[op.opcode] = &op;
}

std::string CommandRules::name(std::uint8_t op) const {
  if (table_[op]) return table_[op]->name;
  char buf[24];
  std::snprintf(buf, sizeof buf, "RESERVED_0x%02X", op);
  return buf;
}

CmdError CommandRules::smmu_error(std::uint64_t dword0, std::uint64_t dword1, const Features& f) const {
  const auto op = static_cast<std::uint8_t>(cmd::Opcode::get(dword0));
  const spec::Opcode* e = table_[op];
  if (!e) return CmdError::Ill;  // CMD-1: Reserved
  using W = spec::IllWhen;
  for (W w : e->ill_when) {
    bool ill = false;
    switch (w) {
      case W::Always: ill = true; break;                              // CMD-4
      case W::SSec: ill = cmd::SSec::get(dword0) != 0; break;          // CMD-3
      case W::NoS1: ill = !f.s1p; break;                              // CMD-2
      case W::NoS2: ill = !f.s2p; break;
      case W::NoHyp: ill = !f.hyp; break;
      case W::NoAts: ill = !f.ats; break;
      case W::NoPri: ill = !f.pri; break;
      case W::NoStall: ill = !f.stall; break;
      case W::NoMpam: ill = !f.mpam; break;
      case W::NoDpt: ill = !f.dpt; break;
      case W::CsReserved: ill = cmd::SyncCs::get(dword0) == 3; break;  // CMD-5
      case W::RespReserved: ill = cmd::PriResp::get(dword1) == 3; break;
      case W::ImplDefined: ill = policy_.impl_defined_ill; break;      // CMD-9
    }
    if (ill) return CmdError::Ill;
  }
  return CmdError::None;
}

namespace {
constexpr std::uint64_t kAtcInv = 0x40;
}  // namespace

CmdError CommandRules::vcmdq_error(std::uint64_t dword0, std::uint64_t dword1, const Features& f,
                                   bool hyp_own) const {
  Features checked = f;
  // ATC_INV is ILLEGAL without IDR0.ATS on the Non-secure and Secure Command queues (4.5.1); a
  // HYP_OWN=0 VCMDQ is neither, and a device may accept it there (CMD-6).
  if (!hyp_own && policy_.guest_atc_inv_without_ats && cmd::Opcode::get(dword0) == kAtcInv) checked.ats = true;
  const CmdError base = smmu_error(dword0, dword1, checked);
  if (base != CmdError::None || hyp_own) return base;  // HYP-3
  const spec::Opcode* e = table_[cmd::Opcode::get(dword0)];
  const bool accept = e->guest == spec::GuestRule::Accept ||
                      (e->guest == spec::GuestRule::Disputed && policy_.guest_accepts_disputed);
  return accept ? CmdError::None : static_cast<CmdError>(policy_.guest_reject_code);  // CMD-6..8
}

}  // namespace cts::model
