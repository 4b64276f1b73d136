// SPDX-License-Identifier: MIT
// Generation and printing of sequence operations (see run_ops.h).
#include "cmdqv_cts/harness/run_ops.h"

namespace cts::harness {
namespace {

using spec::hex;

std::uint64_t random_value(Rng& rng) {
  switch (rng.below(4)) {
    case 0:
      return rng.next();
    case 1:
      return rng.below(4);
    case 2:
      return std::uint64_t{1} << rng.below(32);
    default:
      return rng.next() & 0x3FFFF;  // the VINTF CONFIG fields, HYP_OWN included
  }
}

Op bring_up(Rng& rng, const SequenceShape& shape) {
  Op op;
  op.kind = OpKind::BringUp;
  op.queue = static_cast<std::uint32_t>(rng.below(shape.vcmdqs + 1));
  op.smmu = op.queue == shape.vcmdqs;
  op.log2size = static_cast<unsigned>(rng.below(6));
  op.base = 0x40000000 + (std::uint64_t{op.queue} + 1) * 0x100000;
  // now and then a LOG2SIZE of IDR1.CMDQS or above (at most 31, the field's width), which
  // the SMMU caps at CMDQS; its base lies past the small queues, aligned to the capped size.
  if (op.smmu && rng.chance(8)) {
    op.log2size =
        shape.cmdqs + static_cast<unsigned>(rng.below(std::min(31u - shape.cmdqs, 3u) + 1));
    op.base = 0x40000000 + (std::uint64_t{16} << shape.cmdqs) * 2;
  }
  const unsigned in_effect = std::min(op.log2size, shape.cmdqs);
  if (rng.chance(30))
    op.base |= rng.below(std::uint64_t{16} << in_effect) & ~std::uint64_t{0x1F};
  // ERR-4: outside RAM, the fetch aborts. Below RAM rather than above 4 GiB: an address above
  // the device's IDR5.OAS is RES0 (IHI 0070 G.b 6.3.26), which software must not write.
  if (rng.chance(8)) op.base -= 0x40000000ull;
  op.hyp_own = rng.chance(50);
  op.irq_enable = rng.chance(50);
  if (shape.vcmdqs && rng.chance(5))
    op.borrow_slot_of = static_cast<std::int32_t>(rng.below(shape.vcmdqs));  // ALLOC-4
  return op;
}

Op push(Rng& rng, const SequenceShape& shape) {
  Op op;
  op.kind = OpKind::Push;
  op.queue = static_cast<std::uint32_t>(rng.below(shape.vcmdqs + 1));
  op.smmu = op.queue == shape.vcmdqs;
  const std::uint64_t n = 1 + rng.below(4);
  const CommandGen::Below below = [&rng](std::uint64_t m) { return rng.below(m); };
  for (std::uint64_t k = 0; k < n; ++k) op.commands.push_back(shape.commands->any(below, !op.smmu));
  op.ack = rng.chance(20);
  op.skip_err = op.ack && rng.chance(50);
  return op;
}

}  // namespace

SequenceShape shape_of(const model::ReferenceModel& m) {
  SequenceShape s;
  s.commands = std::make_shared<const CommandGen>(m.spec_ptr(), m.config());
  s.cmdqs = m.config().cmdqs;
  for (const model::RegInstance& ri : m.smmu().registers().layout().instances()) {
    s.offsets.push_back({model::Region::Smmu, ri.offset, ri.width});
  }
  if (!m.has_cmdqv()) return s;
  s.vcmdqs = m.config().vcmdqs();
  const model::Layout& l = m.cmdqv().registers().layout();
  for (const model::RegInstance& ri : l.instances()) {
    // HYP-1 (guest view): a VINTF's CONFIG is also accessed as the low half of CONFIG+STATUS.
    const bool pair64 = m.config().view == spec::View::Guest && ri.width == 32 &&
                        ri.reg->name == "CONFIG" && ri.block->name == "vintf";
    s.offsets.push_back({model::Region::Cmdqv, ri.offset, ri.width, pair64});
  }
  for (const model::AliasInfo& a : l.aliases()) {  // the logical pages, slot by slot
    const model::BlockInfo& target = l.blocks()[a.target_block];
    for (std::uint32_t i = 0; i < a.instances; ++i) {
      for (std::uint32_t slot = 0; slot < a.slots; ++slot) {
        for (std::uint32_t k = 0; k < target.per_instance; ++k) {
          const model::RegInstance& ri = l.instances()[target.first_instance + k];
          s.offsets.push_back({model::Region::Cmdqv,
                               a.block->base + i * a.block->stride +
                                   slot * a.block->alias->slot_stride +
                                   (ri.offset - target.block->base),
                               ri.width});
        }
      }
    }
  }
  return s;
}

std::vector<Op> generate_sequence(std::uint64_t seed, std::uint32_t index,
                                  const SequenceShape& shape, std::uint32_t length) {
  Rng rng(seed * 0x100000001B3ull + index);
  std::vector<Op> ops;
  for (std::uint32_t k = 0; k < length; ++k) {
    const std::uint64_t kind = rng.below(10);
    if (kind <= 4) {  // 0-2 write, 3-4 read
      const SequenceShape::Target t = shape.offsets[rng.below(shape.offsets.size())];
      Op op;
      op.kind = kind <= 2 ? OpKind::Write : OpKind::Read;
      op.region = t.region;
      // 8-byte accesses only to 64-bit registers and to VINTF CONFIG+STATUS: what one does to
      // another pair of 32-bit registers differs between implementations (QEMU's SMMUv3:
      // RAZ/WI) and no clause states it; HYP-1 states it for CONFIG.
      op.size = (t.width == 64 && rng.chance(75)) || (t.pair64 && rng.chance(25)) ? 8 : 4;
      op.offset = t.offset + (t.width == 64 && op.size == 4 && rng.chance(50) ? 4 : 0);
      if (op.kind == OpKind::Write) {
        op.value = random_value(rng);
        op.read_back = rng.chance(50);
      }
      ops.push_back(op);
    } else if (kind == 5) {
      ops.push_back(bring_up(rng, shape));
    } else if (kind <= 7) {
      ops.push_back(push(rng, shape));
    } else {
      ops.push_back(Op{});
    }
  }
  ops.push_back(Op{});  // end with a run, so that every push is consumed and compared
  return ops;
}

std::vector<Op> with_entry_rewritten(std::vector<Op> ops, const QueueEntry& at) {
  if (at.op && *at.op < ops.size() && at.command < ops[*at.op].commands.size())
    ops[*at.op].commands[at.command] = kLegalEntry;
  return ops;
}

std::string describe(const Op& op) {
  const std::string where =
      std::string(op.region == model::Region::Smmu ? "smmu" : "cmdqv") + "+" + hex(op.offset);
  const std::string queue =
      op.smmu ? std::string("the SMMU CMDQ") : "VCMDQ " + std::to_string(op.queue);
  switch (op.kind) {
    case OpKind::Write:
      return "write" + std::to_string(op.size * 8) + " " + where + " = " + hex(op.value) +
             (op.read_back ? ", read back" : "");
    case OpKind::Read:
      return "read" + std::to_string(op.size * 8) + " " + where;
    case OpKind::BringUp:
      return "bring up " + queue + ": base " + hex(op.base) + ", log2size " +
             std::to_string(op.log2size) + (op.hyp_own && !op.smmu ? ", HYP_OWN requested" : "") +
             (op.irq_enable && op.smmu ? ", GERROR_IRQEN" : "") +
             (op.borrow_slot_of >= 0
                  ? ", in the logical slot of VCMDQ " + std::to_string(op.borrow_slot_of)
                  : "");
    case OpKind::Push: {
      std::string s = "push to " + queue + ":";
      for (const auto& c : op.commands) s += " [" + hex(c[0]) + (c[1] ? "," + hex(c[1]) : "") + "]";
      return s + (op.skip_err ? ", then an illegal entry at CONS rewritten as CMD_SYNC" : "") +
             (op.ack ? (op.skip_err ? " and GERRORN = GERROR" : ", then GERRORN = GERROR") : "");
    }
    case OpKind::Run:
      return "run";
  }
  return "?";
}

}  // namespace cts::harness
