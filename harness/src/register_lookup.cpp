// SPDX-License-Identifier: MIT
// Register lookup for comparisons (see register_lookup.h).
#include "cmdqv_cts/harness/register_lookup.h"

#include "cmdqv_cts/model/queue_index.h"

namespace cts::harness {

RegisterAt register_at(const model::ReferenceModel& m, model::Region r, std::uint64_t off) {
  RegisterAt out;
  if (r == model::Region::Cmdqv && !m.has_cmdqv()) return out;
  const model::RegisterFile<>& rf =
      r == model::Region::Smmu ? m.smmu().registers() : m.cmdqv().registers();
  const model::DecodedWord& w = rf.layout().decode(off & ~std::uint64_t{3});
  if (w.kind == model::DecodedWord::None) return out;
  out.alias = w.kind == model::DecodedWord::Alias;
  if (out.alias) {
    const auto& aliases = rf.layout().aliases();
    out.alias_block =
        aliases[static_cast<std::size_t>(rf.layout().alias_at(off & ~std::uint64_t{3}))]
            .block->name;
  }
  out.upper_half = w.half == 1;
  out.id = rf.resolve(w, off & ~std::uint64_t{3});
  const std::string region = r == model::Region::Smmu ? "smmu:" : "cmdqv:";
  if (out.id < 0) {
    out.qualified = region + rf.layout().region().blocks[0].name;  // never a clause register
    out.instance = "unmapped logical slot";
    return out;
  }
  const model::RegInstance& ri = rf.layout().instances()[static_cast<std::size_t>(out.id)];
  out.qualified = region + ri.block->name + "." + ri.reg->name;
  out.instance = ri.name();
  return out;
}

std::vector<std::string> differing_fields(const model::ReferenceModel& m, model::Region r,
                                          std::uint64_t off, const RegisterAt& at,
                                          std::uint64_t diff) {
  if (at.id < 0) return {at.instance.empty() ? "unmapped offset" : at.instance};
  const model::RegisterFile<>& rf =
      r == model::Region::Smmu ? m.smmu().registers() : m.cmdqv().registers();
  const model::RegInstance& ri = rf.layout().instances()[static_cast<std::size_t>(at.id)];
  if (ri.reg->width == 64 && (off & 7) == 4) diff <<= 32;  // the upper word of a 64-bit register
  std::vector<std::string> out;
  std::uint64_t named = 0;
  for (const spec::Field& f : ri.reg->fields) {
    named |= f.mask();
    if (diff & f.mask()) out.push_back(ri.reg->name + "." + f.name);
  }
  if (diff & ~named) out.push_back(ri.reg->name + " (reserved bits)");
  return out;
}

std::string describe_access(model::Region r, std::uint64_t off, const RegisterAt& at) {
  return std::string(r == model::Region::Smmu ? "smmu" : "cmdqv") + "+" + spec::hex(off) +
         (at.instance.empty() ? "" : " (" + at.instance + ")");
}

std::uint64_t compare_mask(const model::ReferenceModel& m, model::Region r, const RegisterAt& at,
                           unsigned size) {
  std::uint64_t mask = size == 8 ? ~0ull : 0xFFFFFFFFull;
  if (at.id < 0) return mask;
  const model::RegisterFile<>& rf =
      r == model::Region::Smmu ? m.smmu().registers() : m.cmdqv().registers();
  const model::RegInstance& ri = rf.layout().instances()[static_cast<std::size_t>(at.id)];
  // Fields no public document defines: whatever the device reads there is not a finding.
  mask &= ~(at.upper_half ? ri.undocumented >> 32 : ri.undocumented);
  const bool is_cons =
      at.qualified == "smmu:regs.CMDQ_CONS" || at.qualified == "cmdqv:vcmdq_page0.CONS";
  if (!is_cons) return mask;
  const model::QueueRegs& q =
      r == model::Region::Smmu ? m.smmu().queue() : m.cmdqv().queue(ri.block_index);
  if (model::cmdq_error_active<model::Concrete>(rf, q)) return mask;
  // `at` is the register of the access's first word, so CONS is in the low lane (8-byte
  // accesses go only to 64-bit registers).
  return mask & ~model::ConsErr::mask;
}

bool is_progress_register(const std::string& qualified) {
  static const char* kProgress[] = {"smmu:regs.CMDQ_CONS",       "smmu:regs.GERROR",
                                    "cmdqv:vcmdq_page0.CONS",    "cmdqv:vcmdq_page0.GERROR",
                                    "cmdqv:config.CMDQ_ERR_MAP", "cmdqv:vintf.LVCMDQ_ERR_MAP",
                                    "cmdqv:config.VI_ERR_MAP_0", "cmdqv:config.VI_ERR_MAP_1"};
  for (const char* p : kProgress) {
    if (qualified == p) return true;
  }
  return false;
}

bool is_kick_register(const std::string& qualified) {
  static const char* kKicks[] = {
      "smmu:regs.CMDQ_PROD",    "smmu:regs.CMDQ_CONS",         "smmu:regs.CR0",
      "smmu:regs.GERRORN",      "smmu:regs.IRQ_CTRL",          "cmdqv:config.CONFIG",
      "cmdqv:vintf.CONFIG",     "cmdqv:cmdq_alloc.CMDQ_ALLOC", "cmdqv:vcmdq_page0.PROD",
      "cmdqv:vcmdq_page0.CONS", "cmdqv:vcmdq_page0.CONFIG",    "cmdqv:vcmdq_page0.GERRORN",
      "cmdqv:vcmdq_page1.BASE", "cmdqv:config.VI_INT_MASK_0",  "cmdqv:config.VI_INT_MASK_1"};
  for (const char* k : kKicks) {
    if (qualified == k) return true;
  }
  return false;
}

}  // namespace cts::harness
