// SPDX-License-Identifier: MIT
// The driver's life against a device, as the SMMU core would run it: probe, init_structures,
// device_reset, commands of every opcode from several CPUs through arm_smmu_get_cmdq, an
// injected illegal command on one LVCMDQ (the error ISR must skip it), then remove. Checks
// what must hold at each step and collects every violation (the run never stops early).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "device_bridge.h"
#include "kshim_module.h"

namespace cts::kshim {

// The iommufd user path (7.x trees): the geometry it needs to judge the driver's answers.
struct UserPathPlan {
  bool enabled = true;
  unsigned long long cmdqv_phys = 0;
  unsigned vintfs = 0, lvcmdqs = 0;  // per VINTF
  unsigned cmdqs = 0;                // IDR1.CMDQS
  unsigned max_queues = 4;           // HW queues allocated (0..n-1, n <= lvcmdqs)
  unsigned vmid = 5;
};

struct LifecyclePlan {
  std::vector<unsigned> cpus = {0, 1, 2, 3};
  std::vector<unsigned> opcodes;  // issued from each CPU
  int inject_lvcmdq = -1;         // LVCMDQ of VINTF0 that gets an illegal command; -1: none
  bool irq = true;                // the CMDQV interrupt is wired (else no error can be handled)
  UserPathPlan user;
};

struct Routed {
  unsigned cpu = 0, opcode = 0;
  int lvcmdq = -1;  // -1: the SMMU CMDQ
  int ret = 0;
  unsigned cerror = 0;
};

struct Violation {
  std::string
      kind;  // probe, reset, fallback, route, issue, isr, leak, mapping, device-ref, irq-live
  std::string text;
};

struct LifecycleOutcome {
  std::vector<Routed> routed;
  std::vector<Violation> violations;
  std::int64_t vintf0_config = -1;  // what the driver read back from VINTF0 CONFIG
  bool cmdqv_active = false;
  unsigned long long events = 0;
  std::vector<std::string> user_steps;  // the user path, one line a step (empty: not run)
};

// The opcodes the SMMU core may issue on a device with these IDR0 bits (feature-gated ones only
// when the feature is there), plus CMD_SYNC alone.
std::vector<unsigned> opcodes_for_idr0(std::uint32_t idr0);

LifecycleOutcome run_lifecycle(const KshimModule& module, DeviceBridge& bridge,
                               const LifecyclePlan& plan);

const char* opcode_name(unsigned opcode);

}  // namespace cts::kshim
