// SPDX-License-Identifier: MIT
// SmmuModel: register side effects of the SMMU CMDQ and its consumption step.
#include "cmdqv_cts/model/smmu_model.h"

#include "cmdqv_cts/model/model_error.h"

namespace cts::model {
namespace {
using Cr0CmdqEn = Bit<3>;

std::int32_t need(const Layout& l, std::string_view reg) {
  const std::int32_t id = l.find("regs", reg);
  if (id < 0) throw ModelError("spec region smmu has no register regs." + std::string(reg));
  return id;
}
}  // namespace

SmmuModel::SmmuModel(std::shared_ptr<const Layout> layout, const ModelConfig& config,
                     std::shared_ptr<const CommandRules> rules)
    : rf_(layout), rules_(std::move(rules)), features_(Features::from(config)) {
  const Layout& l = *layout;
  cr0_ = need(l, "CR0");
  cr0ack_ = need(l, "CR0ACK");
  irq_ctrl_ = need(l, "IRQ_CTRL");
  irq_ctrlack_ = need(l, "IRQ_CTRLACK");
  q_.base = need(l, "CMDQ_BASE");
  q_.prod = need(l, "CMDQ_PROD");
  q_.cons = need(l, "CMDQ_CONS");
  q_.gerror = need(l, "GERROR");
  q_.gerrorn = need(l, "GERRORN");
  const spec::Field* addr = l.instances()[static_cast<std::size_t>(q_.base)].reg->field("ADDR");
  if (!addr) throw ModelError("spec register smmu:regs.CMDQ_BASE has no ADDR field");
  q_.addr_mask = addr->mask();
  q_.max_log2size = config.cmdqs;
  identification_[0] = {need(l, "IDR0"), config.idr0};
  identification_[1] = {need(l, "IDR1"), config.idr1};
  identification_[2] = {need(l, "IDR3"), config.idr3};
  identification_[3] = {need(l, "IDR5"), config.idr5};
  identification_[4] = {need(l, "AIDR"), config.aidr};
  writes_ignored_while_enabled_ = config.arch_minor >= 2;
  cons_err_takes_write_ = config.policy.cons_err_takes_write;
  reset();
}

void SmmuModel::reset() {
  rf_.reset();
  for (const auto& [id, value] : identification_) {
    if (value) rf_.set_hw(id, *value);
  }
}

bool SmmuModel::cmdq_enabled() const { return Cr0CmdqEn::get(rf_.get(cr0ack_)) != 0; }

bool SmmuModel::cmdq_guarded() const {
  return Cr0CmdqEn::get(rf_.get(cr0_) | rf_.get(cr0ack_)) != 0;
}

RegisterFile<>::WriteResult SmmuModel::write(std::uint64_t off, unsigned size, std::uint64_t value,
                                             Observer* observer) {
  const auto report = [&](std::int32_t id, std::uint64_t mask, std::string_view clause,
                          std::initializer_list<std::int32_t> inputs = {}) {
    if (observer) observer->decided(Region::Smmu, id, mask, clause, inputs);
  };
  const RegisterFile<>::Word base_before = rf_.get(q_.base), cons_before = rf_.get(q_.cons);
  const bool guarded = cmdq_guarded();
  auto r = rf_.write(spec::View::Host, off, size, value);
  for (std::int32_t id : r.touched) {
    if (id < 0) continue;
    if ((id == q_.base || id == q_.cons) && guarded && writes_ignored_while_enabled_) {
      // SMMUv3.2: CMDQ_BASE and CMDQ_CONS are IGNORED while CMDQEN or its ack is 1.
      rf_.set_hw(q_.base, base_before);
      rf_.set_hw(q_.cons, cons_before);
      continue;
    }
    report(id, rf_.layout().instances()[static_cast<std::size_t>(id)].writable[0], "");
    if (id == cr0_) {
      rf_.set_hw(cr0ack_, rf_.get(cr0_));  // EN-5: the model acks at once
      report(cr0ack_, ~std::uint64_t{0}, "EN-5", {cr0_});
    }
    if (id == irq_ctrl_) {
      rf_.set_hw(irq_ctrlack_, rf_.get(irq_ctrl_));  // ERR-11
      report(irq_ctrlack_, ~std::uint64_t{0}, "ERR-11", {irq_ctrl_});
    }
    if (id == q_.cons && cons_err_takes_write_ && size == 4) {
      // 6.3.28: with CMDQEN == 0, ERR may take the written value (ERR-12).
      rf_.set_hw(q_.cons, (rf_.get(q_.cons) & ~ConsErr::mask) | (value & ConsErr::mask));
      report(q_.cons, ConsErr::mask, "ERR-12");
    }
    // CONS bits above the wrap flag read as zero for the LOG2SIZE in effect, so a
    // LOG2SIZE decrease truncates CONS at once (6.3.28).
    if (id == q_.cons || id == q_.base) {
      report(q_.cons, mask_cons_after_write<Concrete>(rf_, q_), "Q-6", {q_.base});
    }
  }
  return r;
}

StepResult SmmuModel::step(Memory& mem, IrqSink& irq, ConsumedCommand& out, Observer* observer) {
  if (!cmdq_enabled()) return StepResult::Idle;
  const auto check = [&](std::uint64_t d0, std::uint64_t d1) { return rules_->smmu_error(d0, d1, features_); };
  const StepResult r = step_queue(rf_, q_, mem, check, out);
  if (observer && r != StepResult::Idle) {
    // The command decided CONS and (on an error) GERROR, from CMDQEN and where the queue is.
    const auto inputs = {cr0_, q_.base, q_.prod, cr0ack_};
    observer->command_decided(Region::Smmu, q_.cons, inputs);
    if (r == StepResult::Faulted) observer->command_decided(Region::Smmu, q_.gerror, inputs);
  }
  if (r == StepResult::Faulted && (rf_.get(irq_ctrlack_) & 1)) irq.pulse(IrqLine::SmmuGerror);  // ERR-11
  if (r == StepResult::Consumed && cmd::Opcode::get(out.dword0) == cmd::kCmdSync &&
      cmd::SyncCs::get(out.dword0) == cmd::kCsIrq) {
    irq.pulse(IrqLine::SmmuCmdqSync);
  }
  return r;
}

}  // namespace cts::model
