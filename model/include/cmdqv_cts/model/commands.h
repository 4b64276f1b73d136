// SPDX-License-Identifier: MIT
// Command legality, from spec/commands.yaml: when a command is CERROR_ILL on the SMMU
// command queue (CMD-1..CMD-5, CMD-9) and what a HYP_OWN = 0 VCMDQ does (CMD-6..CMD-8).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "cmdqv_cts/model/bits.h"
#include "cmdqv_cts/model/config.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::model {

// CONS.ERR codes (IHI 0070 6.3.28; CMDQV adds ILL_ACCESS).
enum class CmdError : std::uint8_t { None = 0, Ill = 1, Abt = 2, AtcInvSync = 3, IllAccess = 4 };
const char* to_string(CmdError e);

namespace cmd {
using Opcode = Bits<7, 0>;        // dword0
using SSec = Bit<10>;             // dword0
using SyncCs = Bits<13, 12>;      // CMD_SYNC dword0
using PriResp = Bits<13, 12>;     // PRI_RESP dword1
inline constexpr std::uint8_t kCmdSync = 0x46;
inline constexpr std::uint8_t kPriResp = 0x41;
inline constexpr std::uint64_t kCsNone = 0, kCsIrq = 1, kCsSev = 2;
}  // namespace cmd

// SMMU features that legality depends on, read from IDR0/IDR3.
struct Features {
  bool s1p = false, s2p = false, hyp = false, ats = false, pri = false, stall = false;
  bool mpam = false, dpt = false;
  static Features from(const ModelConfig& c);
};

class CommandRules {
 public:
  CommandRules(const spec::Spec& spec, const ModelPolicy& policy);

  // Error a Non-secure SMMU command queue raises for this command (None = accepted).
  CmdError smmu_error(std::uint64_t dword0, std::uint64_t dword1, const Features& f) const;
  // Error a VCMDQ raises: the SMMU rules, plus the guest filter when HYP_OWN = 0 (HYP-3/4).
  CmdError vcmdq_error(std::uint64_t dword0, std::uint64_t dword1, const Features& f,
                       bool hyp_own) const;

  const spec::Opcode* entry(std::uint8_t op) const { return table_[op]; }
  std::string name(std::uint8_t op) const;

 private:
  std::array<const spec::Opcode*, 256> table_{};  // null = Reserved
  ModelPolicy policy_;
};

}  // namespace cts::model
