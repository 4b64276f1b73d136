// SPDX-License-Identifier: MIT
// The SMMUv3 command queue: CR0/CR0ACK, CMDQ_BASE/PROD/CONS, GERROR/GERRORN, and
// command consumption with the architecture's legality rules (EN-5, Q-*, CMD-*, ERR-*).
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/observer.h"
#include "cmdqv_cts/model/queue_engine.h"
#include "cmdqv_cts/model/register_file.h"

namespace cts::model {

class SmmuModel {
 public:
  SmmuModel(std::shared_ptr<const Layout> layout, const ModelConfig& config,
            std::shared_ptr<const CommandRules> rules);

  void reset();
  RegisterFile<>::ReadResult read(std::uint64_t off, unsigned size) const {
    return rf_.read(spec::View::Host, off, size);
  }
  RegisterFile<>::WriteResult write(std::uint64_t off, unsigned size, std::uint64_t value,
                                    Observer* observer = nullptr);
  // Consumes at most one command (EN-5: only while CR0ACK.CMDQEN).
  StepResult step(Memory& mem, IrqSink& irq, ConsumedCommand& out, Observer* observer = nullptr);

  const RegisterFile<>& registers() const { return rf_; }
  const QueueRegs& queue() const { return q_; }
  bool cmdq_enabled() const;
  // CR0.CMDQEN or CR0ACK.CMDQEN is 1: CMDQ_BASE and CMDQ_CONS must not be written (6.3.26).
  bool cmdq_guarded() const;

 private:
  RegisterFile<> rf_;
  std::shared_ptr<const CommandRules> rules_;
  Features features_;
  QueueRegs q_;
  std::int32_t cr0_ = -1, cr0ack_ = -1, irq_ctrl_ = -1, irq_ctrlack_ = -1;
  // IDR0, IDR1, IDR3, IDR5, AIDR as reported.
  std::pair<std::int32_t, std::optional<std::uint64_t>> identification_[5];
  bool writes_ignored_while_enabled_ = false;  // SMMUv3.2 and later (6.3.26, 6.3.28)
  bool cons_err_takes_write_ = false;          // ModelPolicy::cons_err_takes_write (ERR-12)
};

}  // namespace cts::model
