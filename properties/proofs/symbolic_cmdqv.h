// SPDX-License-Identifier: MIT
// The CMDQV's register-level transitions over the symbolic domain, for proofs.
//
// What runs is model code: RegisterFile<Symbolic> (generic register semantics and alias windows),
// mask_cons_after_write<Symbolic> (Q-6), queue_ready/queue_complete<Symbolic> (the consumption step
// step_queue runs). What is mirrored: CmdqvModel::on_write's hook table (which register's write
// triggers which of those effects, and the enable handshakes STATUS = CONFIG & EN, EN-1..EN-3),
// because CmdqvModel is a concrete class. symbolic_agreement_test checks the mirror against
// CmdqvModel on random access sequences.
//
// Not mirrored: the error maps (CMDQ_ERR_MAP, LVCMDQ_ERR_MAP, VI_ERR_MAP) and the IRQ, which
// CmdqvModel::record_error/clear_error_maps update; mirrors(id) is false for them. The step is
// taken whenever the queue is ready, without EN-4's liveness check (an over-approximation: every
// transition the model can take is one the twin can take).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/model/layout.h"
#include "cmdqv_cts/model/queue_engine.h"
#include "obligation.h"
#include "symbolic_register_file.h"

namespace cts::proofs {

class SymbolicCmdqv {
 public:
  using Word = Symbolic::Word;
  using Bool = Symbolic::Bool;
  struct Vintf {
    std::int32_t config = -1, status = -1;
  };
  struct Vcmdq {
    model::QueueRegs regs;
    std::int32_t config = -1, status = -1, alloc = -1;
  };

  // Throws model::ModelError if the layout lacks a register CmdqvModel needs.
  SymbolicCmdqv(std::shared_ptr<const model::Layout> layout, spec::View view);

  const model::Layout& layout() const { return rf_.layout(); }
  spec::View view() const { return view_; }
  SymbolicRegisterFile& registers() { return rf_; }
  const SymbolicRegisterFile& registers() const { return rf_; }

  // Every register except the CMDQ_ALLOC entries becomes a fresh variable named
  // prefix + instance name (e.g. "s.vintf[0].CONFIG"), kept to its stored bits.
  void make_symbolic(const std::string& prefix);
  // CMDQ_ALLOC(q) = {allocated, vintf, lvcmdq} (a concrete map: see symbolic_register_file.h).
  void map(std::uint32_t q, std::uint32_t vintf, std::uint32_t lvcmdq, bool allocated = true);
  // Linux's static map (hw_reset R2/R3e): q = vintf * lvcmdqs_per_vintf + lvcmdq, all allocated.
  void map_linux();
  std::uint64_t alloc_value(std::uint32_t vintf, std::uint32_t lvcmdq, bool allocated) const;
  // The CMDQ_ALLOC writes that set up the current map (host view), for a counterexample's replay.
  std::vector<SymAccess> map_accesses() const;

  // An MMIO access in this view, with CmdqvModel's write side effects.
  SymbolicRegisterFile::WriteResult write(std::uint64_t offset, unsigned size, const Word& value);
  SymbolicRegisterFile::ReadResult read(std::uint64_t offset, unsigned size) const {
    return rf_.read(view_, offset, size);
  }
  // One consumption attempt on VCMDQ q whose entry at CONS has outcome `err` (a CmdError code,
  // 0 = executed): no change unless queue_ready, else queue_complete.
  void step(std::uint32_t q, const Word& err);
  Bool ready(std::uint32_t q) const { return model::queue_ready<Symbolic>(rf_, q_[q].regs); }
  Bool error_active(std::uint32_t q) const { return model::cmdq_error_active<Symbolic>(rf_, q_[q].regs); }
  // The HYP_OWN in effect for VINTF v's queues: the stored bit (CmdqvModel::vintf_hyp_own).
  Bool hyp_own(std::uint32_t v) const;

  std::uint32_t vintfs() const { return static_cast<std::uint32_t>(vintf_.size()); }
  std::uint32_t vcmdqs() const { return static_cast<std::uint32_t>(q_.size()); }
  std::uint32_t lvcmdqs_per_vintf() const { return slots_; }
  const Vintf& vintf(std::uint32_t v) const { return vintf_[v]; }
  const Vcmdq& vcmdq(std::uint32_t q) const { return q_[q]; }
  std::int32_t config_id() const { return config_; }
  std::int32_t status_id() const { return status_; }
  std::uint64_t hyp_own_mask() const { return hyp_own_mask_; }
  std::uint64_t offset_of(std::int32_t id) const { return layout().instances()[static_cast<std::size_t>(id)].offset; }
  std::string name_of(std::int32_t id) const { return layout().instances()[static_cast<std::size_t>(id)].name(); }
  // False for the registers the twin does not model (the error maps).
  bool mirrors(std::int32_t id) const { return !error_map_[static_cast<std::size_t>(id)]; }

 private:
  enum class Hook : std::uint8_t { None, CmdqvConfig, VintfConfig, VcmdqConfig, VcmdqCons, VcmdqBase };
  void on_write(std::int32_t id);

  SymbolicRegisterFile rf_;
  spec::View view_;
  std::int32_t config_ = -1, status_ = -1;
  std::vector<Vintf> vintf_;
  std::vector<Vcmdq> q_;
  std::uint32_t slots_ = 0;
  std::vector<Hook> hook_;
  std::vector<std::uint32_t> hook_arg_;
  std::vector<bool> error_map_;
  std::uint64_t hyp_own_mask_ = 0;
  unsigned alloc_vintf_lsb_ = 0, alloc_lvcmdq_lsb_ = 0;
  std::uint64_t alloc_allocated_ = 0;
};

// The HYP_OWN bit of a CONFIG value read back (the driver's vintf->hyp_own).
inline Symbolic::Bool hyp_own_of(const Symbolic::Word& config, std::uint64_t mask) {
  return Symbolic::nonzero(config & Symbolic::lit(mask));
}

}  // namespace cts::proofs
