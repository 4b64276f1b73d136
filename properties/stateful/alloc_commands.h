// SPDX-License-Identifier: MIT
// CMDQ_ALLOC: map a global VCMDQ to a VINTF's logical queue, or unmap it (ALLOC-*, ALIAS-*).
#pragma once

#include "command_gens.h"
#include "stateful_command.h"

namespace cts::stateful {

class Alloc final : public StatefulCommand {
 public:
  explicit Alloc(const MachineState& s) {
    const std::uint32_t vcmdqs = s.has_cmdqv() ? s.vcmdqs() : 1;
    const std::uint32_t vintfs = s.has_cmdqv() ? s.twin.model.config().vintfs() : 1;
    const std::uint32_t slots = s.has_cmdqv() ? s.twin.model.config().lvcmdqs_per_vintf() : 1;
    queue_ = *rc::gen::inRange<std::uint32_t>(0, vcmdqs);
    map_ = *rc::gen::inRange(0, 4) != 0;
    vintf_ = *rc::gen::inRange<std::uint32_t>(0, vintfs);
    lvcmdq_ = *rc::gen::inRange<std::uint32_t>(0, slots);
  }
  CommandKind kind() const override { return CommandKind::Alloc; }
  void check(const MachineState& s) const override {
    RC_PRE(s.has_cmdqv());
    RC_PRE(queue_ < s.vcmdqs());
    RC_PRE(vintf_ < s.twin.model.config().vintfs());
    RC_PRE(lvcmdq_ < s.twin.model.config().lvcmdqs_per_vintf());
    // Linux disables a VCMDQ before it unmaps or remaps it (tegra241_vintf_deinit_lvcmdq).
    RC_PRE(!s.queue_enabled(queue_));
  }
  std::vector<Op> ops(const MachineState&) const override {
    Op op;
    op.kind = harness::OpKind::Write;
    op.region = model::Region::Cmdqv;
    op.offset = 0x200 + 4ull * queue_;
    op.value = map_ ? (std::uint64_t{vintf_} << 15) | (std::uint64_t{lvcmdq_} << 1) | 1 : 0;
    op.read_back = true;
    return {op};
  }
  void book(MachineState&) const override {}
  std::string line() const override {
    if (!map_) return "unmap VCMDQ " + std::to_string(queue_) + " (CMDQ_ALLOC = 0)";
    return "map VCMDQ " + std::to_string(queue_) + " to VINTF " + std::to_string(vintf_) +
           " LVCMDQ " + std::to_string(lvcmdq_);
  }

 private:
  std::uint32_t queue_ = 0, vintf_ = 0, lvcmdq_ = 0;
  bool map_ = true;
};

}  // namespace cts::stateful
