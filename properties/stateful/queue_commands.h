// SPDX-License-Identifier: MIT
// Queue commands: bring a queue up, push commands and PROD, acknowledge an error, change BASE.
#pragma once

#include <array>

#include "command_gens.h"
#include "stateful_command.h"

namespace cts::stateful {

// Linux's bring-up (disable, ack, CMDQV and VINTF enable, map, BASE, PROD = CONS = 0, enable).
class BringUp final : public StatefulCommand {
 public:
  explicit BringUp(const MachineState& s) {
    op_.kind = harness::OpKind::BringUp;
    op_.queue = *rc::gen::inRange<std::uint32_t>(0, s.smmu_queue() + 1);
    op_.smmu = op_.queue == s.smmu_queue();
    op_.log2size = pick_log2size(s);
    op_.base = pick_base(op_.queue, op_.log2size);
    op_.hyp_own = *rc::gen::arbitrary<bool>();
    op_.irq_enable = *rc::gen::arbitrary<bool>();
  }
  CommandKind kind() const override { return CommandKind::BringUp; }
  void check(const MachineState& s) const override {
    RC_PRE(op_.queue <= s.smmu_queue());
    RC_PRE(op_.smmu == (op_.queue == s.smmu_queue()));
    RC_PRE(op_.log2size <= s.twin.model.config().cmdqs);
  }
  std::vector<Op> ops(const MachineState&) const override { return {op_}; }
  void book(MachineState& s) const override {
    s.queues[op_.queue] = QueueBook{true, op_.base | op_.log2size, op_.log2size};
  }
  std::string line() const override { return harness::describe(op_); }

 private:
  Op op_;
};

// N commands into queue memory at PROD, then PROD, from the spec's field layouts
// (harness::CommandGen): well-formed ones with Linux's field values, malformed ones (reserved
// opcodes, SSec, reserved CS/RESP encodings, every field rule that applies to the device).
class Push final : public StatefulCommand {
 public:
  explicit Push(const MachineState& s) {
    op_.kind = harness::OpKind::Push;
    op_.queue = pick_queue(s);
    op_.smmu = op_.queue == s.smmu_queue();
    // At full size: RapidCheck scales inRange with the test size, which would skew the command
    // mix of early cases towards the first choices (shrinking still goes towards 0).
    const harness::CommandGen::Below below = [](std::uint64_t n) {
      return *rc::gen::resize(100, rc::gen::inRange<std::uint64_t>(0, n));
    };
    const int n = *rc::gen::inRange(1, 5);
    for (int k = 0; k < n; ++k)
      op_.commands.push_back(s.ctx->shape.commands->any(below, !op_.smmu));
  }
  CommandKind kind() const override { return CommandKind::Push; }
  void check(const MachineState& s) const override {
    RC_PRE(op_.queue <= s.smmu_queue());
    RC_PRE(op_.smmu == (op_.queue == s.smmu_queue()));
    RC_PRE(!op_.commands.empty());
  }
  std::vector<Op> ops(const MachineState&) const override { return {op_}; }
  void book(MachineState&) const override {}
  std::string line() const override { return harness::describe(op_); }

 private:
  Op op_;
};

// GERRORN = GERROR, with the GERROR the model holds when the command runs (ERR-3).
class AckGerror final : public StatefulCommand {
 public:
  explicit AckGerror(const MachineState& s) : queue_(pick_queue(s)), name_(queue_name(s, queue_)) {}
  CommandKind kind() const override { return CommandKind::AckGerror; }
  void check(const MachineState& s) const override { RC_PRE(queue_ <= s.smmu_queue()); }
  // The executor's ack: a push of no command (PROD rewritten as it is), then GERRORN = GERROR
  // from the model, tagged ERR-3.
  std::vector<Op> ops(const MachineState& s) const override {
    Op op;
    op.kind = harness::OpKind::Push;
    op.queue = queue_;
    op.smmu = queue_ == s.smmu_queue();
    op.ack = true;
    return {op};
  }
  void book(MachineState&) const override {}
  std::string line() const override {
    return "acknowledge the error of " + name_ + " (GERRORN = GERROR)";
  }

 private:
  std::uint32_t queue_;
  std::string name_;
};

// A new BASE for a disabled queue. Software disables a queue before reprogramming it (Arm
// IHI 0070 6.3.26 for CMDQ_BASE; Linux's vcmdq_hw_deinit before vcmdq_hw_init).
class BaseChange final : public StatefulCommand {
 public:
  explicit BaseChange(const MachineState& s) : queue_(pick_queue(s)), name_(queue_name(s, queue_)) {
    log2size_ = pick_log2size(s);
    base_ = pick_base(queue_, log2size_);
  }
  CommandKind kind() const override { return CommandKind::BaseChange; }
  void check(const MachineState& s) const override {
    RC_PRE(queue_ <= s.smmu_queue());
    RC_PRE(!s.queue_enabled(queue_));
    RC_PRE(log2size_ <= s.twin.model.config().cmdqs);
  }
  std::vector<Op> ops(const MachineState& s) const override {
    Op op;
    op.kind = harness::OpKind::Write;
    const bool smmu = queue_ == s.smmu_queue();
    op.region = smmu ? model::Region::Smmu : model::Region::Cmdqv;
    op.offset = smmu ? 0x90 : MachineState::vcmdq_page1(queue_);
    op.size = 8;
    op.value = base_ | log2size_;
    op.read_back = true;
    return {op};
  }
  void book(MachineState& s) const override {
    s.queues[queue_].base = base_ | log2size_;
    s.queues[queue_].log2size = log2size_;
  }
  std::string line() const override {
    return "set BASE of " + name_ + " (disabled): base " + spec::hex(base_) + ", log2size " +
           std::to_string(log2size_);
  }

 private:
  std::uint32_t queue_;
  std::string name_;
  unsigned log2size_ = 0;
  std::uint64_t base_ = 0;
};

}  // namespace cts::stateful
