// SPDX-License-Identifier: MIT
// The SMMU commands the Linux arm-smmu-v3 driver issues (arm-smmu-v3.h CMDQ_OP_*), each with the
// IDR feature the driver checks before issuing it. The driver never issues the others, so a
// routing property only needs these.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cts::driver {

enum class Needs : std::uint8_t { Nothing, S1, S2, Hyp, Ats, Pri, Stall };

struct LinuxCommand {
  std::uint8_t opcode;
  std::string_view name;
  Needs needs;
  std::uint64_t dword1 = 0;  // CFGI_ALL: CFGI_STE_RANGE with Range = 31
};

std::span<const LinuxCommand> linux_commands();
// The name of an opcode the driver issues, else "opcode 0xNN".
std::string command_name(std::uint8_t opcode);
const LinuxCommand* find_linux_command(std::uint8_t opcode);

// SMMU features as the driver reads them from IDR0.
struct SmmuFeatures {
  bool s1 = false, s2 = false, hyp = false, ats = false, pri = false, stall = false;
  static SmmuFeatures from_idr0(std::uint64_t idr0);
  bool allows(Needs n) const;
};

}  // namespace cts::driver
