// SPDX-License-Identifier: MIT
// One command-queue step, shared by the SMMU CMDQ and every VCMDQ: the queue's
// registers live in a RegisterFile; this consumes at most one command (the test bench
// owns time) and applies the error protocol (ERR-1..ERR-4, Q-1..Q-8).
#pragma once

#include <cstdint>

#include "cmdqv_cts/model/bits.h"
#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/ports.h"
#include "cmdqv_cts/model/queue_index.h"
#include "cmdqv_cts/model/register_file.h"

namespace cts::model {

using ConsErr = Bits<30, 24>;   // CONS.ERR
using GerrorCmdq = Bit<0>;      // GERROR/GERRORN.CMDQ_ERR
using BaseLog2Size = Bits<4, 0>;

// The registers of one queue (instance ids in its RegisterFile) and its limits.
struct QueueRegs {
  std::int32_t base = -1, prod = -1, cons = -1, gerror = -1, gerrorn = -1;
  std::uint64_t addr_mask = 0;      // BASE.ADDR as address bits
  std::uint64_t max_log2size = 19;  // IDR1.CMDQS (SMMU) or 19 (VCMDQ, Q-7)
};

struct ConsumedCommand {
  std::uint64_t dword0 = 0, dword1 = 0;
  std::uint64_t cons = 0;  // CONS before the step
  CmdError error = CmdError::None;
};

enum class StepResult { Idle, Consumed, Faulted };

template <class D>
typename D::Word queue_log2size(const RegisterFile<D>& rf, const QueueRegs& q) {
  return queue::effective_log2size<D>(BaseLog2Size::get<D>(rf.get(q.base)), D::lit(q.max_log2size));
}

// ERR-2: a CMDQ_ERR is active while GERROR and GERRORN differ in bit 0.
template <class D>
typename D::Bool cmdq_error_active(const RegisterFile<D>& rf, const QueueRegs& q) {
  return D::nonzero((rf.get(q.gerror) ^ rf.get(q.gerrorn)) & D::lit(GerrorCmdq::mask));
}

// after software writes CONS, bits above the wrap bit read as zero. Returns those bits
// (the ones this rule decides), for the model's observer.
template <class D>
typename D::Word mask_cons_after_write(RegisterFile<D>& rf, const QueueRegs& q) {
  const typename D::Word kept = (D::shl(D::lit(2), queue_log2size(rf, q)) - D::lit(1)) |
                                D::lit(ConsErr::mask);
  rf.set_hw(q.cons, rf.get(q.cons) & kept);
  return ~kept;
}

// ERR-2 / Q-3: the queue consumes the entry at CONS only while no CMDQ_ERR is active and it is
// not empty.
template <class D>
typename D::Bool queue_ready(const RegisterFile<D>& rf, const QueueRegs& q) {
  return D::land(D::lnot(cmdq_error_active<D>(rf, q)),
                 D::lnot(queue::empty<D>(rf.get(q.prod), rf.get(q.cons), queue_log2size(rf, q))));
}

// The register effect of consuming the entry at CONS with outcome `err` (a CmdError code).
// None: CONS advances by one, modulo 2^(log2size+1). Any other code: CONS stays at the
// command, CONS.ERR records the code and GERROR.CMDQ_ERR toggles (ERR-1, ERR-4). A template over
// D so that proofs run it with a symbolic outcome (properties/proofs).
template <class D>
void queue_complete(RegisterFile<D>& rf, const QueueRegs& q, const typename D::Word& err) {
  const typename D::Bool failed = D::nonzero(err);
  const typename D::Word cons = rf.get(q.cons);
  const typename D::Word gerror = rf.get(q.gerror);
  rf.set_hw(q.cons, D::ite(failed, ConsErr::set<D>(cons, err),
                           queue::advance<D>(cons, D::lit(1), queue_log2size(rf, q))));
  rf.set_hw(q.gerror, D::ite(failed, gerror ^ D::lit(GerrorCmdq::mask), gerror));
}

// Consumes at most one command. `check(dword0, dword1)` returns the error the command
// raises on this queue (CmdError::None = execute). The caller decides whether the queue
// is enabled.
template <class Check>
StepResult step_queue(RegisterFile<Concrete>& rf, const QueueRegs& q, Memory& mem, Check&& check,
                      ConsumedCommand& out) {
  using D = Concrete;
  if (!D::concrete(queue_ready<D>(rf, q))) return StepResult::Idle;  // ERR-2, Q-3
  const D::Word log2 = queue_log2size(rf, q);
  const D::Word cons = rf.get(q.cons);
  const D::Word base = queue::effective_base<D>(rf.get(q.base) & q.addr_mask, log2);
  const std::uint64_t addr = queue::entry_address<D>(base, cons, log2);
  std::uint64_t raw[2] = {0, 0};
  out.cons = cons;
  if (!mem.read(addr, raw, sizeof raw)) {  // ERR-4
    out.error = CmdError::Abt;
  } else {
    out.dword0 = raw[0];  // little-endian dwords (the model runs on a little-endian host)
    out.dword1 = raw[1];
    out.error = check(out.dword0, out.dword1);
  }
  queue_complete<D>(rf, q, D::lit(static_cast<std::uint64_t>(out.error)));  // ERR-1: CONS stays on an error
  return out.error == CmdError::None ? StepResult::Consumed : StepResult::Faulted;
}

}  // namespace cts::model
