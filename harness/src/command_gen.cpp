// SPDX-License-Identifier: MIT
// CommandGen (see command_gen.h).
#include "cmdqv_cts/harness/command_gen.h"

#include "cmdqv_cts/model/command_legality.h"

namespace cts::harness {
namespace {

// The opcodes drivers issue most (CFGI_STE among them), then every opcode of the table.
constexpr std::uint8_t kCommon[] = {0x11, 0x12, 0x40, 0x46, 0x03, 0x04,
                                    0x10, 0x30, 0x01, 0x41, 0x44};

// A value of a `width`-bit field that satisfies `t` (the field's maximum is `max`).
std::uint64_t satisfying(const CommandGen::Below& below, const spec::FieldTest& t,
                         std::uint64_t max) {
  using Op = spec::FieldTest::Op;
  auto in = [&](std::uint64_t lo, std::uint64_t hi) {  // [lo, hi]
    return lo + (hi - lo == ~0ull ? below(~0ull) : below(hi - lo + 1));
  };
  switch (t.op) {
    case Op::Eq:
      return t.value;
    case Op::Ne: {
      const std::uint64_t v = in(0, max - 1);
      return v >= t.value ? v + 1 : v;
    }
    case Op::Lt:
      return in(0, t.value - 1);
    case Op::Le:
      return in(0, t.value);
    case Op::Gt:
      return in(t.value + 1, max);
    case Op::Ge:
      return in(t.value, max);
  }
  return t.value;
}

}  // namespace

std::uint64_t command_field(const spec::Opcode& e, const CommandEntry& c, std::string_view field) {
  const spec::CommandField* f = e.field(field);
  return f ? (c[f->dword()] >> f->shift()) & f->max() : 0;
}

CommandGen::CommandGen(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config)
    : spec_(std::move(spec)), config_(config), features_(model::Features::from(config)) {
  const model::CommandRules opcode_rules(*spec_, config_.policy);
  for (std::size_t k = 0; k < spec_->field_rules.size(); ++k) {
    const spec::FieldRule& r = spec_->field_rules[k];
    std::vector<std::uint8_t> legal;
    for (std::uint8_t op : r.opcodes) {
      if (opcode_rules.smmu_error(op, 0, features_) == model::CmdError::None) legal.push_back(op);
    }
    rule_opcodes_.push_back(legal.empty() ? r.opcodes : legal);
    for (int vq = 0; vq < 2; ++vq) {
      // A rule whose every command is CERROR_ILL by its opcode here shows nothing of its own.
      if (legal.empty() || !model::field_rule_applies(r, features_, vq != 0)) continue;
      const int copies = r.kind == spec::FieldRuleKind::MustRaise ? 6 : 1;
      for (int i = 0; i < copies; ++i) applicable_[vq].push_back(k);
    }
  }
}

void CommandGen::set(CommandEntry& c, const spec::Opcode& e, std::string_view field,
                     std::uint64_t v) const {
  const spec::CommandField* f = e.field(field);
  if (!f) return;
  const std::uint64_t mask = f->max() << f->shift();
  c[f->dword()] = (c[f->dword()] & ~mask) | ((v << f->shift()) & mask);
}

// TG/TTL/NUM/SCALE of the first command of arm_smmu_tlb_inv_range_cmd's loop, when IDR3.RIL = 1:
// TG from the leaf page size, TTL for a leaf invalidation, a non-leaf one-page range widened to
// two pages (so NUM = SCALE = TTL = 0 with TG != 0, Reserved, is never built).
void CommandGen::range(const Below& below, const spec::Opcode& e, CommandEntry& c) const {
  if (!features_.ril) return;                                 // RES0 without RIL (4.4.1.1)
  static constexpr unsigned kPageShift[] = {12, 12, 12, 16};  // mostly 4KB, sometimes 64KB
  const unsigned tg = kPageShift[below(4)];
  const bool leaf = command_field(e, c, "LEAF") != 0;
  std::uint64_t pages = 1 + below(below(2) ? 4 : 512);
  unsigned ttl = 0;
  if (leaf) {
    ttl = 3;  // 4 - ((ilog2(granule) - 3) / (tg - 3)) with granule = the page size
  } else if ((pages & 31) == 1) {
    ++pages;
  }
  const unsigned scale = static_cast<unsigned>(__builtin_ctzll(pages));
  const std::uint64_t num = (pages >> scale) & 31;
  set(c, e, "TG", (tg - 10) / 2);
  set(c, e, "TTL", ttl);
  set(c, e, "SCALE", scale);
  set(c, e, "NUM", num - 1);
  set(c, e, "ADDR", command_field(e, c, "ADDR") & ~((std::uint64_t{1} << (tg - 12)) - 1));
}

CommandEntry CommandGen::well_formed(const Below& below, std::uint8_t opcode, bool on_vcmdq) const {
  CommandEntry c{opcode, 0};
  const spec::Opcode* e = spec_->opcode(opcode);
  if (!e) return c;
  const std::string& n = e->name;
  const bool s2 = features_.s2p;
  const std::uint64_t ssid_bits = config_.ssidsize;
  auto sid = [&] { return below(1u << 16); };
  auto ssid = [&](CommandEntry& cmd) {  // SSV and a SubstreamID only where the SMMU has them
    if (ssid_bits && below(2)) {
      set(cmd, *e, "SSV", 1);
      set(cmd, *e, "SSID", below(std::uint64_t{1} << ssid_bits));
    }
  };
  set(c, *e, "SID", sid());
  if (n == "CMD_SYNC") {
    // arm_smmu_cmdq_build_sync_cmd: CS = IRQ with an MSI address (MSI polling), else SEV; MSH =
    // ISH, MSIATTR = OIWB; CS = NONE on a busy-polled (Tegra241 VCMDQ) queue. No MSI address is
    // written: the model makes no MSI writes.
    set(c, *e, "CS", on_vcmdq ? 0 : below(4) == 0 ? 1 : 2);
    set(c, *e, "MSH", 3);
    set(c, *e, "MSIATTR", 0xF);
  } else if (n.rfind("TLBI_", 0) == 0) {
    set(c, *e, "ASID",
        (n == "TLBI_NH_VA" || n == "TLBI_NH_ASID" || n == "TLBI_EL2_VA" || n == "TLBI_EL2_ASID")
            ? below(256)
            : 0);
    set(c, *e, "VMID", s2 ? below(256) : 0);  // stage-1-only: VMID 0 (4.4.2)
    set(c, *e, "LEAF", below(2));
    set(c, *e, "ADDR", below(std::uint64_t{1} << 36));  // a 48-bit VA (IPA: 40 bits of the field)
    if (e->field("TG")) range(below, *e, c);
  } else if (n == "CFGI_STE") {
    set(c, *e, "LEAF", 1);
  } else if (n == "CFGI_STE_RANGE") {
    set(c, *e, "RANGE", below(2) ? 31 : below(32));  // CFGI_ALL is Range 31
  } else if (n == "CFGI_CD") {
    if (ssid_bits) set(c, *e, "SSID", below(std::uint64_t{1} << ssid_bits));
    set(c, *e, "LEAF", 1);
  } else if (n == "PREFETCH_CONFIG" || n == "PREFETCH_ADDR") {
    ssid(c);
    set(c, *e, "SIZE", below(8));
    set(c, *e, "ADDR", below(std::uint64_t{1} << 36));
  } else if (n == "ATC_INV") {
    ssid(c);
    if (command_field(*e, c, "SSV")) set(c, *e, "GLOBAL", below(2));
    const std::uint64_t size = below(4) ? below(10) : 52;  // 52: invalidate all
    set(c, *e, "SIZE", size);
    set(c, *e, "ADDR",
        size >= 52 ? 0 : below(std::uint64_t{1} << 36) & ~((std::uint64_t{1} << size) - 1));
  } else if (n == "PRI_RESP") {
    ssid(c);
    set(c, *e, "GRPID", below(512));
    set(c, *e, "RESP", below(3));
  } else if (n == "RESUME") {
    set(c, *e, "RESP", below(3));
    set(c, *e, "STAG", below(1u << 16));
  }
  return c;
}

bool CommandGen::hits_rule(const Below& below, std::size_t k, bool on_vcmdq,
                           CommandEntry& out) const {
  const spec::FieldRule& r = spec_->field_rules[k];
  if (!model::field_rule_applies(r, features_, on_vcmdq)) return false;
  const std::vector<std::uint8_t>& ops = rule_opcodes_[k];
  const std::uint8_t op = ops[below(ops.size())];
  const spec::Opcode* e = spec_->opcode(op);
  if (!e) return false;
  out = well_formed(below, op, on_vcmdq);
  for (const spec::FieldTest& t : r.match[below(r.match.size())]) {
    set(out, *e, t.field, satisfying(below, t, e->field(t.field)->max()));
  }
  return true;
}

CommandEntry CommandGen::any(const Below& below, bool on_vcmdq) const {
  // Ordered so that a value shrunk towards 0 is the most ordinary command: the opcodes drivers
  // issue most, then a field rule that applies to this device and queue, then any table opcode,
  // then any opcode at all.
  const std::uint64_t roll = below(100);
  if (roll < 55) {
    const std::uint8_t op = kCommon[below(sizeof kCommon)];
    CommandEntry c = well_formed(below, op, on_vcmdq);
    if (op == model::cmd::kCmdSync && below(10) == 9)
      c[0] = model::cmd::SyncCs::set<model::Concrete>(c[0], 3);  // CMD-5
    if (op == model::cmd::kPriResp && below(10) == 9)
      c[1] = model::cmd::PriResp::set<model::Concrete>(c[1], 3);
    return c;
  }
  const std::vector<std::size_t>& rules = applicable_[on_vcmdq ? 1 : 0];
  if (roll < 80 && !rules.empty()) {
    CommandEntry c;
    if (hits_rule(below, rules[below(rules.size())], on_vcmdq, c)) return c;
  }
  if (roll < 90 && !spec_->opcodes.empty()) {
    return well_formed(below, spec_->opcodes[below(spec_->opcodes.size())].opcode, on_vcmdq);
  }
  // Any opcode, Reserved ones included (CMD-1), the other fields zero; SSec set on some (CMD-3).
  CommandEntry c{below(256), 0};
  const spec::Opcode* e = spec_->opcode(static_cast<std::uint8_t>(c[0]));
  if (e && e->field("SSEC") && below(3) == 2) set(c, *e, "SSEC", 1);
  return c;
}

}  // namespace cts::harness
