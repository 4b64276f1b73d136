// SPDX-License-Identifier: MIT
#include "register_names.h"

#include <cstdio>

namespace cts::kshim {

RegisterNames::RegisterNames(std::shared_ptr<const spec::Spec> spec,
                             const model::ModelConfig& config)
    : spec_(std::move(spec)) {
  const spec::Params params = config.params();
  if (const auto* r = spec_->region("smmu")) smmu_ = std::make_unique<model::Layout>(*r, params);
  if (const auto* r = spec_->region("cmdqv")) cmdqv_ = std::make_unique<model::Layout>(*r, params);
}

std::string RegisterNames::name(unsigned region, std::uint64_t off) const {
  char base[48];
  std::snprintf(base, sizeof base, "%s+0x%llx", region ? "cmdqv" : "smmu",
                static_cast<unsigned long long>(off));
  const model::Layout* l = region ? cmdqv_.get() : smmu_.get();
  if (!l || off >= l->extent()) return base;
  const model::DecodedWord& w = l->decode(off & ~3ull);
  std::string reg;
  if (w.kind == model::DecodedWord::Direct) {
    reg = l->instances()[static_cast<std::size_t>(w.target)].name();
  } else if (w.kind == model::DecodedWord::Alias) {
    const auto& alias = l->aliases()[static_cast<std::size_t>(l->alias_at(off))];
    const auto& target = l->blocks()[alias.target_block];
    const auto& inst = l->instances()[target.first_instance + static_cast<std::uint32_t>(w.target)];
    reg = "vintf[" + std::to_string(l->alias_instance_at(off)) + "].lvcmdq[" +
          std::to_string(w.slot) + "]." + (inst.reg ? inst.reg->name : std::string("?"));
  } else {
    return base;
  }
  return std::string(base) + " (" + reg + ")";
}

}  // namespace cts::kshim
