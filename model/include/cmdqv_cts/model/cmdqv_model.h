// SPDX-License-Identifier: MIT
// The Tegra241 CMDQV: global enable, VINTFs (EN, VMID, HYP_OWN per view), the CMDQ_ALLOC
// map, VCMDQs with their enable handshake and queues, and the error maps and IRQ.
// Generic register semantics and the logical-page aliasing come from RegisterFile.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/observer.h"
#include "cmdqv_cts/model/queue_engine.h"
#include "cmdqv_cts/model/register_file.h"

namespace cts::model {

// Which VINTF and logical slot a global VCMDQ is mapped to (ALLOC-1, ALLOC-5).
struct VcmdqOwner {
  std::uint32_t vintf = 0;
  std::uint32_t lvcmdq = 0;
};

class CmdqvModel {
 public:
  CmdqvModel(std::shared_ptr<const Layout> layout, const ModelConfig& config,
             std::shared_ptr<const CommandRules> rules);

  void reset() { rf_.reset(); }
  RegisterFile<>::ReadResult read(std::uint64_t off, unsigned size) const {
    return rf_.read(view_, off, size);
  }
  RegisterFile<>::WriteResult write(std::uint64_t off, unsigned size, std::uint64_t value,
                                    Observer* observer = nullptr);
  // Consumes at most one command from the first VCMDQ (round robin) that has work.
  StepResult step(Memory& mem, IrqSink& irq, ConsumedCommand& out, std::uint32_t* vcmdq = nullptr,
                  Observer* observer = nullptr);

  const RegisterFile<>& registers() const { return rf_; }
  spec::View view() const { return view_; }
  std::uint32_t vcmdqs() const { return static_cast<std::uint32_t>(q_.size()); }
  const QueueRegs& queue(std::uint32_t q) const { return q_[q].regs; }

  bool cmdqv_enabled() const;
  bool vintf_enabled(std::uint32_t v) const;
  bool vintf_hyp_own(std::uint32_t v) const;  // the HYP_OWN in effect (HYP-1: 0 in the guest view)
  std::uint64_t hyp_own_mask() const { return hyp_own_mask_; }  // VINTF CONFIG.HYP_OWN's bits
  bool vcmdq_enabled(std::uint32_t q) const;
  std::optional<VcmdqOwner> owner(std::uint32_t q) const;
  // Whether VCMDQ q backs the logical slot its CMDQ_ALLOC entry names (ALLOC-4).
  bool backs_slot(std::uint32_t q, const VcmdqOwner& o) const;
  // EN-4: may VCMDQ q consume commands now?
  bool vcmdq_live(std::uint32_t q) const;

 private:
  enum class Hook : std::uint8_t { None, CmdqvConfig, VintfConfig, VcmdqConfig, VcmdqCons, VcmdqGerrorn, VcmdqBase };
  struct Vintf {
    std::int32_t config = -1, status = -1, err_map[2] = {-1, -1};
  };
  struct Vcmdq {
    QueueRegs regs;
    std::int32_t config = -1, status = -1, alloc = -1;
  };

  void on_write(std::int32_t id, std::uint64_t value, unsigned size, Observer* observer);
  // Reports to `observer` (if any) that `clause` decided bits `mask` of `id` from `inputs`.
  static void report(Observer* observer, std::int32_t id, std::uint64_t mask,
                     std::string_view clause, std::initializer_list<std::int32_t> inputs = {}) {
    if (observer) observer->decided(Region::Cmdqv, id, mask, clause, inputs);
  }
  // The VINTF a VCMDQ consumes for: its owner, or (ModelPolicy::unmapped_alloc_consumes) the
  // VINTF of an allocation whose LVCMDQ is past the VINTF's count.
  std::optional<std::uint32_t> consuming_vintf(std::uint32_t q) const;
  // ModelPolicy::err_maps_follow_alloc: every map from the active errors and the current map.
  void derive_error_maps(Observer* observer);
  void record_error(std::uint32_t q, IrqSink& irq, Observer* observer);
  void clear_error_maps(std::uint32_t q, Observer* observer);
  void set_bit(std::int32_t id, unsigned bit, bool value);

  RegisterFile<> rf_;
  spec::View view_;
  std::shared_ptr<const CommandRules> rules_;
  Features features_;
  std::uint32_t lvcmdqs_per_vintf_;
  bool clear_maps_on_ack_;
  ModelPolicy policy_;
  std::int32_t config_ = -1, status_ = -1, vi_err_map_[2] = {-1, -1}, vi_int_mask_[2] = {-1, -1};
  std::vector<std::int32_t> cmdq_err_map_;
  std::vector<Vintf> vintf_;
  std::vector<Vcmdq> q_;
  std::vector<Hook> hook_;             // per instance id
  std::vector<std::uint32_t> hook_arg_;  // VINTF or VCMDQ index of the hooked instance
  std::uint64_t hyp_own_mask_ = 0, alloc_allocated_ = 0, alloc_vintf_ = 0, alloc_lvcmdq_ = 0;
  unsigned alloc_vintf_lsb_ = 0, alloc_lvcmdq_lsb_ = 0;
  std::uint32_t next_q_ = 0;
};

}  // namespace cts::model
