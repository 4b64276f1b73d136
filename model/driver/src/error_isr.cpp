// SPDX-License-Identifier: MIT
// DriverModel: the CMDQV error ISR (tegra241_cmdqv_isr, tegra241_vintf0_handle_error; cmdqv.md
// section 9) as a thread of small steps, one MMIO access or one pointer load each, so that it can
// be preempted between them. Every access to a driver object checks that object's state: the
// lifecycle clauses (LIFE-1..4) are violated exactly when the real handler would dereference
// NULL, a half-initialised or a freed object.
#include <bit>

#include "cmdqv_cts/driver/driver_model.h"
#include "cmdqv_cts/driver/driver_regs.h"
#include "cmdqv_cts/model/queue_index.h"
#include "cmdqv_cts/model/value_domain.h"

namespace cts::driver {
namespace {
constexpr std::uint32_t kLvcmdqErrMapWords = 2;
}

void DriverModel::raise_irq() {
  if (!irq_requested_ || isr_running()) return;
  irq_pending_ = false;
  isr_.pc = IsrPc::ReadMaps;
}

void DriverModel::isr_run_to_completion() {
  while (isr_running()) isr_step();
}

bool DriverModel::isr_touch_vintf(std::int32_t id) {
  const VintfObj& v = vintf_objs_[static_cast<std::size_t>(id)];
  if (v.state == ObjState::Freed) {
    violate("LIFE-4", "the error ISR used VINTF" + std::to_string(v.id) + " after remove freed it");
    return false;
  }
  return true;
}

bool DriverModel::isr_touch_lvcmdq(std::int32_t id) {
  const LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(id)];
  const std::string name =
      "LVCMDQ " + std::to_string(q.lidx) + " (VCMDQ " + std::to_string(q.global) + ")";
  if (q.state == ObjState::Freed) {
    violate("LIFE-4", "the error ISR used " + name + " after remove freed it");
    return false;
  }
  if (q.state == ObjState::Allocated) {
    violate("LIFE-1",
            "the error ISR used " + name + ", published but not yet built (no queue base)");
    return false;
  }
  return true;
}

void DriverModel::isr_next_lvcmdq_bit() {
  if (isr_.lmap != 0) {
    isr_.pc = IsrPc::LoadLvcmdq;
  } else if (++isr_.word < kLvcmdqErrMapWords) {
    isr_.pc = IsrPc::ReadLvcmdqMap;
  } else {
    isr_finish();
  }
}

void DriverModel::isr_step() {
  switch (isr_.pc) {
    case IsrPc::Idle:
      return;
    case IsrPc::ReadMaps:
      // Two 32-bit reads (the map is not 64-bit aligned). Bits of user VINTFs post vEVENTs that
      // the guest acks; the model follows VINTF0 only.
      isr_.vi_map = read_bus(Region::Cmdqv, regs::kViErrMap0, 4) |
                    (read_bus(Region::Cmdqv, regs::kViErrMap1, 4) << 32);
      if (isr_.vi_map & 1) {
        isr_.pc = IsrPc::LoadVintf0;
      } else {
        isr_finish();
      }
      return;
    case IsrPc::LoadVintf0: {
      if (!vintfs_allocated_) {
        violate("LIFE-2",
                "the error ISR read cmdqv->vintfs[0] before probe allocated vintfs[] (NULL "
                "dereference)");
        isr_finish();
        return;
      }
      const std::int32_t id = vintfs_[0];
      if (id < 0) {
        if (variant_.isr_vintf == IsrVintf::Unchecked) {
          violate(
              "LIFE-3",
              "the error ISR passed a NULL vintfs[0] to vintf0_handle_error (VI_ERR_MAP bit 0 set "
              "while VINTF0 is not published)");
        }
        isr_finish();
        return;
      }
      isr_.vintf = id;
      isr_.word = 0;
      isr_.pc = IsrPc::ReadLvcmdqMap;
      return;
    }
    case IsrPc::ReadLvcmdqMap:
      if (!isr_touch_vintf(isr_.vintf)) return isr_finish();
      isr_.lmap = read_bus(Region::Cmdqv, regs::lvcmdq_err_map(0, isr_.word), 8);
      isr_next_lvcmdq_bit();
      return;
    case IsrPc::LoadLvcmdq: {
      const auto bit = static_cast<std::uint32_t>(std::countr_zero(isr_.lmap));
      isr_.lmap &= isr_.lmap - 1;
      isr_.lidx = 64 * isr_.word + bit;
      if (isr_.lidx >= num_lvcmdqs_) return isr_next_lvcmdq_bit();  // WARN and skip
      if (!isr_touch_vintf(isr_.vintf)) return isr_finish();
      const std::int32_t q = vintf_objs_[static_cast<std::size_t>(isr_.vintf)].lvcmdqs[isr_.lidx];
      if (q < 0) {
        if (variant_.publish == LvcmdqPublish::BeforeBuild) {
          violate("LIFE-1", "the error ISR dereferenced a NULL lvcmdqs[" +
                                std::to_string(isr_.lidx) +
                                "] (error bit set for an LVCMDQ not yet published)");
          return isr_finish();
        }
        return isr_next_lvcmdq_bit();  // acquire load, NULL skipped
      }
      isr_.lvcmdq = q;
      isr_.pc = IsrPc::ReadGerror;
      return;
    }
    case IsrPc::ReadGerror: {
      if (!isr_touch_lvcmdq(isr_.lvcmdq)) return isr_finish();
      const LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(isr_.lvcmdq)];
      isr_.gerror =
          read_bus(Region::Cmdqv, regs::lvcmdq_page0(q.vintf, q.lidx) + regs::kQGerror, 4);
      isr_.pc = IsrPc::SkipErr;
      return;
    }
    case IsrPc::SkipErr: {
      // __arm_smmu_cmdq_skip_err: an illegal command at CONS becomes a CMD_SYNC (CS = NONE on a
      // VCMDQ); CONS itself never moves.
      if (!isr_touch_lvcmdq(isr_.lvcmdq)) return isr_finish();
      const LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(isr_.lvcmdq)];
      const std::uint64_t cons =
          read_bus(Region::Cmdqv, regs::lvcmdq_page0(q.vintf, q.lidx) + regs::kQCons, 4);
      const std::uint64_t code = (cons & regs::kConsErrMask) >> regs::kConsErrShift;
      if (code == 1 || code == 4) {
        const std::uint64_t words[2] = {regs::kOpCmdSync, 0};
        bus_.write_memory(model::queue::entry_address<model::Concrete>(q.addr, cons, q.log2size),
                          words, regs::kEntryBytes);
      }
      isr_.pc = IsrPc::Ack;
      return;
    }
    case IsrPc::Ack: {
      if (!isr_touch_lvcmdq(isr_.lvcmdq)) return isr_finish();
      const LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(isr_.lvcmdq)];
      write_bus(Region::Cmdqv, regs::lvcmdq_page0(q.vintf, q.lidx) + regs::kQGerrorn, 4,
                isr_.gerror);
      return isr_next_lvcmdq_bit();
    }
  }
}

}  // namespace cts::driver
