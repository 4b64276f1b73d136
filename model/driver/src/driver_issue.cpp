// SPDX-License-Identifier: MIT
// DriverModel: queue selection (tegra241_cmdqv_get_cmdq, cmdqv.md section 5), issuing a command
// with its CMD_SYNC, waiting for it, and the routing rules checked on the way (ROUTE-1, ROUTE-2).
#include <algorithm>

#include "cmdqv_cts/driver/driver_model.h"
#include "cmdqv_cts/driver/driver_regs.h"
#include "cmdqv_cts/model/driver_routing.h"
#include "cmdqv_cts/model/queue_index.h"
#include "cmdqv_cts/model/value_domain.h"

namespace cts::driver {
namespace {

using model::Concrete;
namespace queue = model::queue;
constexpr int kWaitRounds = 8;
constexpr std::uint64_t kCsSev = 2ull << 12;

const char* error_name(unsigned code) {
  switch (code) {
    case 1:
      return "CERROR_ILL";
    case 2:
      return "CERROR_ABT";
    case 3:
      return "CERROR_ATC_INV_SYNC";
    case 4:
      return "ILL_ACCESS";
    default:
      return "CONS.ERR";
  }
}

}  // namespace

DriverModel::Route DriverModel::get_cmdq(std::uint8_t opcode, std::uint32_t cpu) const {
  const VintfObj* v = vintf(0);
  if (!v || !v->enabled) return {-1, Fallback::VintfOff};
  const std::int32_t q = v->lvcmdqs[cpu % num_lvcmdqs_];  // no other LVCMDQ is tried
  if (q < 0 || !lvcmdq_objs_[static_cast<std::size_t>(q)].enabled) return {-1, Fallback::LvcmdqOff};
  if (lvcmdq_objs_[static_cast<std::size_t>(q)].filter &&
      !model::route::guest_supports_cmd<Concrete>(opcode)) {
    return {-1, Fallback::Filter};
  }
  return {q, Fallback::None};
}

std::string DriverModel::queue_name(std::int32_t q) const {
  if (q < 0) return "the SMMU CMDQ";
  const LvcmdqObj& o = lvcmdq_objs_[static_cast<std::size_t>(q)];
  return "VCMDQ " + std::to_string(o.global) + " (VINTF" + std::to_string(o.vintf) + " LVCMDQ " +
         std::to_string(o.lidx) + ")";
}

void DriverModel::push(std::int32_t q,
                       const std::vector<std::pair<std::uint64_t, std::uint64_t>>& entries) {
  const bool smmu = q < 0;
  LvcmdqObj* o = smmu ? nullptr : &lvcmdq_objs_[static_cast<std::size_t>(q)];
  const std::uint64_t addr = smmu ? kSmmuQueueAddr : o->addr;
  const std::uint64_t log2 = smmu ? smmu_log2_ : o->log2size;
  std::uint64_t& prod = smmu ? smmu_prod_ : o->prod;
  for (const auto& [d0, d1] : entries) {
    const std::uint64_t words[2] = {d0, d1};
    bus_.write_memory(queue::entry_address<Concrete>(addr, prod, log2), words, regs::kEntryBytes);
    prod = queue::advance<Concrete>(prod, 1, log2);
  }
  if (smmu) {
    write_bus(Region::Smmu, regs::kCmdqProd, 4, prod);
  } else {
    write_bus(Region::Cmdqv, regs::lvcmdq_page0(o->vintf, o->lidx) + regs::kQProd, 4, prod);
  }
}

// The SMMU's own GERROR handler (arm_smmu_gerror_handler -> arm_smmu_cmdq_skip_err).
void DriverModel::smmu_skip_error() {
  const std::uint64_t gerror = read_bus(Region::Smmu, regs::kGerror, 4);
  const std::uint64_t gerrorn = read_bus(Region::Smmu, regs::kGerrorn, 4);
  if (((gerror ^ gerrorn) & regs::kGerrorCmdqErr) == 0) return;
  const std::uint64_t cons = read_bus(Region::Smmu, regs::kCmdqCons, 4);
  const unsigned code = static_cast<unsigned>((cons & regs::kConsErrMask) >> regs::kConsErrShift);
  if (code == 1 || code == 4) {
    const std::uint64_t words[2] = {regs::kOpCmdSync | kCsSev, 0};
    bus_.write_memory(queue::entry_address<Concrete>(kSmmuQueueAddr, cons, smmu_log2_), words,
                      regs::kEntryBytes);
  }
  write_bus(Region::Smmu, regs::kGerrorn, 4, gerrorn ^ regs::kGerrorCmdqErr);
}

DriverModel::QueueError DriverModel::wait_for_queue(std::int32_t q) {
  const bool smmu = q < 0;
  QueueError first_error;
  for (int round = 0; round < kWaitRounds; ++round) {
    bus_.run(sink_);
    const LvcmdqObj* o = smmu ? nullptr : &lvcmdq_objs_[static_cast<std::size_t>(q)];
    const std::uint64_t p0 = smmu ? 0 : regs::lvcmdq_page0(o->vintf, o->lidx);
    const std::uint64_t log2 = smmu ? smmu_log2_ : o->log2size;
    const std::uint64_t prod = smmu ? smmu_prod_ : o->prod;
    const std::uint64_t cons = smmu ? read_bus(Region::Smmu, regs::kCmdqCons, 4)
                                    : read_bus(Region::Cmdqv, p0 + regs::kQCons, 4);
    if (queue::wrap_index<Concrete>(cons, log2) == queue::wrap_index<Concrete>(prod, log2))
      return first_error;
    const std::uint64_t gerror = smmu ? read_bus(Region::Smmu, regs::kGerror, 4)
                                      : read_bus(Region::Cmdqv, p0 + regs::kQGerror, 4);
    const std::uint64_t gerrorn = smmu ? read_bus(Region::Smmu, regs::kGerrorn, 4)
                                       : read_bus(Region::Cmdqv, p0 + regs::kQGerrorn, 4);
    if (((gerror ^ gerrorn) & regs::kGerrorCmdqErr) == 0) continue;  // still consuming
    if (first_error.code == 0) {
      first_error = {
          std::max(1u, static_cast<unsigned>((cons & regs::kConsErrMask) >> regs::kConsErrShift)),
          cons};
    }
    if (smmu) {
      smmu_skip_error();
    } else if (irq_requested_) {
      // The issuing CPU spins on CONS until the error ISR has skipped the command.
      isr_run_to_completion();
      raise_irq();
      isr_run_to_completion();
    } else {
      break;
    }
  }
  violate("ERR-3", "CMD_SYNC timeout on " + queue_name(q) + ": the queue did not drain");
  return first_error;
}

bool DriverModel::issue(std::uint8_t opcode, std::uint32_t cpu) {
  if (phase_ != Phase::Running) return false;
  const LinuxCommand* c = find_linux_command(opcode);
  const std::uint64_t dword1 = c ? c->dword1 : 0;
  const Route r = get_cmdq(opcode, cpu);
  const std::uint64_t sync =
      regs::kOpCmdSync | (r.lvcmdq < 0 ? kCsSev : 0);  // CS = NONE on a VCMDQ
  // Which entry failed: CONS points at it when the queue stops.
  const std::uint64_t first =
      r.lvcmdq < 0 ? smmu_prod_ : lvcmdq_objs_[static_cast<std::size_t>(r.lvcmdq)].prod;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> entries = {{opcode, dword1}};
  if (opcode != regs::kOpCmdSync) entries.emplace_back(sync, 0);
  push(r.lvcmdq, entries);
  point();
  QueueError err = wait_for_queue(r.lvcmdq);
  const std::uint64_t log2 =
      r.lvcmdq < 0 ? smmu_log2_ : lvcmdq_objs_[static_cast<std::size_t>(r.lvcmdq)].log2size;
  // An error on an entry before ours (one the test bench planted) is the ISR's business alone.
  const bool on_cmd =
      queue::wrap_index<Concrete>(err.cons, log2) == queue::wrap_index<Concrete>(first, log2);
  const bool on_sync = !on_cmd && queue::consumed<Concrete>(err.cons, first, log2);
  if (!on_cmd && !on_sync) err.code = 0;
  const std::string failed =
      on_sync ? "the CMD_SYNC after " + command_name(opcode) : command_name(opcode);
  if (err.code != 0 && r.lvcmdq >= 0) {
    violate("ROUTE-1", std::string(error_name(err.code)) + " on " + failed + " routed to " +
                           queue_name(r.lvcmdq) + " on cpu " + std::to_string(cpu));
  } else if (err.code != 0) {
    violate("CMD-2", std::string(error_name(err.code)) + " on " + failed +
                         " on the SMMU CMDQ, which IDR0 says supports it");
  } else if (r.why == Fallback::Filter && vintf(0) && vintf(0)->hyp_own) {
    const LvcmdqObj& o =
        lvcmdq_objs_[static_cast<std::size_t>(vintf(0)->lvcmdqs[cpu % num_lvcmdqs_])];
    violate("ROUTE-2", command_name(opcode) + " on cpu " + std::to_string(cpu) +
                           " fell back to the SMMU CMDQ: " +
                           queue_name(static_cast<std::int32_t>(&o - lvcmdq_objs_.data())) +
                           " reads HYP_OWN = 1 but is restricted to the guest allow-list");
  }
  point();
  return true;
}

bool DriverModel::issue_unrouted(std::uint32_t lidx, std::uint64_t dword0) {
  if (phase_ != Phase::Running) return false;
  const VintfObj* v = vintf(0);
  if (!v || !v->enabled || lidx >= num_lvcmdqs_) return false;
  const std::int32_t q = v->lvcmdqs[lidx];
  if (q < 0 || !lvcmdq_objs_[static_cast<std::size_t>(q)].enabled) return false;
  push(q, {{dword0, 0}});
  bus_.run(sink_);
  point();
  return true;
}

}  // namespace cts::driver
