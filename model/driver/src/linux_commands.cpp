// SPDX-License-Identifier: MIT
// The commands Linux issues (linux_commands.h). Opcodes: Arm IHI 0070 G.b 4.1.1 and Debian
// linux-source-6.12 6.12.117 arm-smmu-v3.h.
#include "cmdqv_cts/driver/linux_commands.h"

#include <array>
#include <cstdio>
#include <string>

#include "cmdqv_cts/driver/driver_regs.h"

namespace cts::driver {
namespace {

constexpr std::array kCommands = {
    LinuxCommand{0x01, "PREFETCH_CONFIG", Needs::Nothing},
    LinuxCommand{0x03, "CFGI_STE", Needs::Nothing},
    LinuxCommand{0x04, "CFGI_ALL", Needs::Nothing, 31},
    LinuxCommand{0x05, "CFGI_CD", Needs::S1},
    LinuxCommand{0x06, "CFGI_CD_ALL", Needs::S1},
    LinuxCommand{0x10, "TLBI_NH_ALL", Needs::S1},
    LinuxCommand{0x11, "TLBI_NH_ASID", Needs::S1},
    LinuxCommand{0x12, "TLBI_NH_VA", Needs::S1},
    LinuxCommand{0x20, "TLBI_EL2_ALL", Needs::Hyp},
    LinuxCommand{0x21, "TLBI_EL2_ASID", Needs::Hyp},
    LinuxCommand{0x22, "TLBI_EL2_VA", Needs::Hyp},
    LinuxCommand{0x28, "TLBI_S12_VMALL", Needs::S2},
    LinuxCommand{0x2A, "TLBI_S2_IPA", Needs::S2},
    LinuxCommand{0x30, "TLBI_NSNH_ALL", Needs::Nothing},
    LinuxCommand{0x40, "ATC_INV", Needs::Ats},
    LinuxCommand{0x41, "PRI_RESP", Needs::Pri},
    LinuxCommand{0x44, "RESUME", Needs::Stall},
    LinuxCommand{regs::kOpCmdSync, "CMD_SYNC", Needs::Nothing},
};

}  // namespace

std::span<const LinuxCommand> linux_commands() {
  return kCommands;
}

const LinuxCommand* find_linux_command(std::uint8_t opcode) {
  for (const LinuxCommand& c : kCommands) {
    if (c.opcode == opcode) return &c;
  }
  return nullptr;
}

std::string command_name(std::uint8_t opcode) {
  if (const LinuxCommand* c = find_linux_command(opcode)) return std::string(c->name);
  char buf[16];
  std::snprintf(buf, sizeof buf, "opcode 0x%02x", unsigned{opcode});
  return buf;
}

SmmuFeatures SmmuFeatures::from_idr0(std::uint64_t idr0) {
  auto bit = [idr0](unsigned b) { return ((idr0 >> b) & 1) != 0; };
  SmmuFeatures f;
  f.s1 = bit(regs::kIdr0S1p);
  f.s2 = bit(regs::kIdr0S2p);
  f.hyp = bit(regs::kIdr0Hyp);
  f.ats = bit(regs::kIdr0Ats);
  f.pri = bit(regs::kIdr0Pri);
  f.stall = ((idr0 >> regs::kIdr0StallModelShift) & 3) != 1;  // 0b01: stall not supported
  return f;
}

bool SmmuFeatures::allows(Needs n) const {
  switch (n) {
    case Needs::Nothing:
      return true;
    case Needs::S1:
      return s1;
    case Needs::S2:
      return s2;
    case Needs::Hyp:
      return hyp;
    case Needs::Ats:
      return ats;
    case Needs::Pri:
      return pri;
    case Needs::Stall:
      return stall;
  }
  return false;
}

}  // namespace cts::driver
