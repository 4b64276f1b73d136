// SPDX-License-Identifier: MIT
// Enable and disable: CMDQV CONFIG.CMDQV_EN, VINTF CONFIG.EN, VCMDQ CONFIG.EN / SMMU
// CR0.CMDQEN. Each writes the register back with one bit changed (as a driver does), reads it
// back and reads the handshake (STATUS, CR0ACK) the enable drives (EN-1..EN-3, EN-5).
#pragma once

#include "command_gens.h"
#include "stateful_command.h"

namespace cts::stateful {

// Write `reg` with `bit` set or cleared, read it back, then read `ack`.
inline std::vector<Op> toggle(const MachineState& s, model::Region r, std::uint64_t reg,
                              unsigned bit, bool on, std::uint64_t ack) {
  Op w;
  w.kind = harness::OpKind::Write;
  w.region = r;
  w.offset = reg;
  const std::uint64_t old = s.writable_value(r, reg);
  w.value = on ? old | (std::uint64_t{1} << bit) : old & ~(std::uint64_t{1} << bit);
  w.read_back = true;
  Op a;
  a.kind = harness::OpKind::Read;
  a.region = r;
  a.offset = ack;
  return {w, a};
}

class EnableCmdqv final : public StatefulCommand {
 public:
  EnableCmdqv() : on_(*rc::gen::arbitrary<bool>()) {}
  CommandKind kind() const override { return CommandKind::EnableCmdqv; }
  void check(const MachineState& s) const override { RC_PRE(s.has_cmdqv()); }
  std::vector<Op> ops(const MachineState& s) const override {
    return toggle(s, model::Region::Cmdqv, 0x0, 0, on_, 0x8);
  }
  void book(MachineState&) const override {}
  std::string line() const override {
    return std::string(on_ ? "enable" : "disable") + " the CMDQV";
  }

 private:
  bool on_;
};

class EnableVintf final : public StatefulCommand {
 public:
  explicit EnableVintf(const MachineState& s)
      : vintf_(*rc::gen::inRange<std::uint32_t>(
            0, s.has_cmdqv() ? s.twin.model.config().vintfs() : 1)),
        on_(*rc::gen::arbitrary<bool>()) {}
  CommandKind kind() const override { return CommandKind::EnableVintf; }
  void check(const MachineState& s) const override {
    RC_PRE(s.has_cmdqv());
    RC_PRE(vintf_ < s.twin.model.config().vintfs());
  }
  std::vector<Op> ops(const MachineState& s) const override {
    const std::uint64_t config = 0x1000 + 0x100ull * vintf_;
    return toggle(s, model::Region::Cmdqv, config, 0, on_, config + 4);
  }
  void book(MachineState&) const override {}
  std::string line() const override {
    return std::string(on_ ? "enable" : "disable") + " VINTF " + std::to_string(vintf_);
  }

 private:
  std::uint32_t vintf_;
  bool on_;
};

class EnableQueue final : public StatefulCommand {
 public:
  explicit EnableQueue(const MachineState& s)
      : queue_(pick_queue(s)), name_(queue_name(s, queue_)), on_(*rc::gen::arbitrary<bool>()) {}
  CommandKind kind() const override { return CommandKind::EnableQueue; }
  void check(const MachineState& s) const override { RC_PRE(queue_ <= s.smmu_queue()); }
  std::vector<Op> ops(const MachineState& s) const override {
    if (queue_ == s.smmu_queue())
      return toggle(s, model::Region::Smmu, 0x20, 3, on_, 0x24);  // CR0 -> CR0ACK
    const std::uint64_t page0 = MachineState::vcmdq_page0(queue_);
    return toggle(s, model::Region::Cmdqv, page0 + 8, 0, on_, page0 + 0xC);
  }
  void book(MachineState&) const override {}
  std::string line() const override { return std::string(on_ ? "enable " : "disable ") + name_; }

 private:
  std::uint32_t queue_;
  std::string name_;
  bool on_;
};

}  // namespace cts::stateful
