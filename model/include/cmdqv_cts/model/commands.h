// SPDX-License-Identifier: MIT
// Command legality, from spec/commands.yaml: when a command is CERROR_ILL on the SMMU
// command queue (CMD-1..CMD-5, CMD-9) and what a HYP_OWN = 0 VCMDQ does (CMD-6..CMD-8).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "cmdqv_cts/model/bits.h"
#include "cmdqv_cts/model/config.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::model {

// CONS.ERR codes (IHI 0070 6.3.28; CMDQV adds ILL_ACCESS).
enum class CmdError : std::uint8_t { None = 0, Ill = 1, Abt = 2, AtcInvSync = 3, IllAccess = 4 };
const char* to_string(CmdError e);

namespace cmd {
using Opcode = Bits<7, 0>;     // dword0
using SSec = Bit<10>;          // dword0
using SyncCs = Bits<13, 12>;   // CMD_SYNC dword0
using PriResp = Bits<13, 12>;  // PRI_RESP dword1
inline constexpr std::uint8_t kCmdSync = 0x46;
inline constexpr std::uint8_t kPriResp = 0x41;
inline constexpr std::uint64_t kCsNone = 0, kCsIrq = 1, kCsSev = 2;
}  // namespace cmd

// SMMU features that legality depends on, read from IDR0/IDR1/IDR3/IDR5 and AIDR.
struct Features {
  bool s1p = false, s2p = false, hyp = false, ats = false, pri = false, stall = false;
  bool mpam = false, dpt = false;
  bool ril = false, ds = false, sev = false, msi = false, ssid = false, v3_0 = false;
  static Features from(const ModelConfig& c);
};

// A field rule of spec/commands.yaml resolved against one opcode's layout: the tests name bit
// positions, so the evaluator (command_legality.h) reads the fields straight from the dwords.
struct ResolvedTest {
  unsigned dword = 0, shift = 0;
  std::uint64_t max = 0;
  spec::FieldTest::Op op = spec::FieldTest::Op::Eq;
  std::uint64_t value = 0;
};
struct ResolvedRule {
  const spec::FieldRule* rule = nullptr;
  std::size_t index = 0;  // in spec.field_rules: the Either dimension's index
  std::vector<std::vector<ResolvedTest>> match;
};

// The command table and the field rules, indexed by opcode. Legality itself is evaluated by the
// templates of command_legality.h, over any value domain; smmu_error and vcmdq_error are their
// concrete instantiation for one command.
class CommandRules {
 public:
  CommandRules(const spec::Spec& spec, const ModelPolicy& policy);

  // Error a Non-secure SMMU command queue raises for this command (None = accepted).
  CmdError smmu_error(std::uint64_t dword0, std::uint64_t dword1, const Features& f) const;
  // Error a VCMDQ raises: the SMMU rules, plus the guest filter when HYP_OWN = 0 (HYP-3/4).
  CmdError vcmdq_error(std::uint64_t dword0, std::uint64_t dword1, const Features& f,
                       bool hyp_own) const;

  const spec::Opcode* entry(std::uint8_t op) const { return table_[op]; }
  const std::vector<ResolvedRule>& field_rules(std::uint8_t op) const { return rules_[op]; }
  const std::vector<spec::FieldRule>& all_field_rules() const { return *all_rules_; }
  const ModelPolicy& policy() const { return policy_; }
  // The outcome the policy gives `either` rule k (its spec default unless the policy names it).
  bool either_ill(std::size_t k) const;
  std::string name(std::uint8_t op) const;

 private:
  std::array<const spec::Opcode*, 256> table_{};  // null = Reserved
  std::array<std::vector<ResolvedRule>, 256> rules_;
  const std::vector<spec::FieldRule>* all_rules_ = nullptr;
  ModelPolicy policy_;
};

// Does the rule's feature and queue condition hold for this configuration?
bool field_rule_applies(const spec::FieldRule& r, const Features& f, bool on_vcmdq);

}  // namespace cts::model
