// SPDX-License-Identifier: MIT
// Register accesses: any register of the device, through the global pages or a VINTF's
// logical pages, with 4-byte accesses and 8-byte ones on 64-bit registers.
#pragma once

#include "command_gens.h"
#include "stateful_command.h"

namespace cts::stateful {

// The registers of the logical pages of the VCMDQs mapped now: where ALIAS-* live, and a
// needle in the haystack of every offset.
inline std::vector<harness::SequenceShape::Target> mapped_aliases(const MachineState& s) {
  std::vector<harness::SequenceShape::Target> out;
  if (!s.has_cmdqv()) return out;
  const model::Layout& l = s.twin.model.cmdqv().registers().layout();
  for (std::uint32_t q = 0; q < s.vcmdqs(); ++q) {
    const auto o = s.twin.model.cmdqv().owner(q);
    if (!o) continue;
    for (const model::AliasInfo& a :
         l.aliases()) {  // both logical pages, as shape_of lays them out
      const model::BlockInfo& target = l.blocks()[a.target_block];
      const std::uint64_t slot =
          a.block->base + o->vintf * a.block->stride + o->lvcmdq * a.block->alias->slot_stride;
      for (std::uint32_t k = 0; k < target.per_instance; ++k) {
        const model::RegInstance& ri = l.instances()[target.first_instance + k];
        out.push_back({model::Region::Cmdqv, slot + (ri.offset - target.block->base), ri.width});
      }
    }
  }
  return out;
}

// An access target from the shape of the device (every register, both page views), half the
// time a logical page of a mapped VCMDQ when there is one.
inline Op pick_access(const MachineState& s, harness::OpKind kind) {
  const std::vector<harness::SequenceShape::Target> mapped = mapped_aliases(s);
  const auto& all = s.ctx->shape.offsets;
  const auto& targets = !mapped.empty() && *rc::gen::arbitrary<bool>() ? mapped : all;
  const auto t = targets[*rc::gen::inRange<std::size_t>(0, targets.size())];
  Op op;
  op.kind = kind;
  op.region = t.region;
  // 8-byte accesses only to 64-bit registers, as the seeded run (no clause states a pair).
  op.size = t.width == 64 && *rc::gen::inRange(0, 4) != 0 ? 8 : 4;
  op.offset = t.offset + (t.width == 64 && op.size == 4 && *rc::gen::arbitrary<bool>() ? 4 : 0);
  return op;
}

class MmioWrite final : public StatefulCommand {
 public:
  explicit MmioWrite(const MachineState& s) : op_(pick_access(s, harness::OpKind::Write)) {
    op_.value = pick_value();
    op_.read_back = *rc::gen::arbitrary<bool>();
  }
  CommandKind kind() const override { return CommandKind::MmioWrite; }
  void check(const MachineState& s) const override {
    RC_PRE(op_.region == model::Region::Smmu || s.has_cmdqv());
    RC_PRE(op_.size == 4u || op_.size == 8u);
  }
  std::vector<Op> ops(const MachineState&) const override { return {op_}; }
  void book(MachineState&) const override {}
  std::string line() const override { return harness::describe(op_); }

 private:
  Op op_;
};

class MmioRead final : public StatefulCommand {
 public:
  explicit MmioRead(const MachineState& s) : op_(pick_access(s, harness::OpKind::Read)) {}
  CommandKind kind() const override { return CommandKind::MmioRead; }
  void check(const MachineState& s) const override {
    RC_PRE(op_.region == model::Region::Smmu || s.has_cmdqv());
    RC_PRE(op_.size == 4u || op_.size == 8u);
  }
  std::vector<Op> ops(const MachineState&) const override { return {op_}; }
  void book(MachineState&) const override {}
  std::string line() const override { return harness::describe(op_); }

 private:
  Op op_;
};

}  // namespace cts::stateful
