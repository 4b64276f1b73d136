// SPDX-License-Identifier: MIT
// Builds the per-geometry register layout and decode tables from a spec region.
#include "cmdqv_cts/model/layout.h"


#include "cmdqv_cts/model/model_error.h"

namespace cts::model {
namespace {

using spec::Access;

using spec::hex;

std::uint64_t width_mask(unsigned width) { return width >= 64 ? ~0ull : (1ull << width) - 1; }

// Access masks of one register, per view, from its fields. Uncovered bits are RES0.
void fill_masks(RegInstance& ri, const spec::Params& params) {
  const spec::Register& reg = *ri.reg;
  std::uint64_t reset = reg.reset.resolve(params);
  for (const spec::Field& f : reg.fields) {
    // A field whose feature is absent is Reserved, RES0 here (IHI 0070 G.b 6.2).
    const std::uint64_t m = f.mask_for(params);
    ri.absent |= f.mask() & ~m;
    if (m == 0) continue;
    switch (f.access) {
      case Access::RW:
        for (int v = 0; v < 2; ++v) ri.readable[v] |= m, ri.writable[v] |= m;
        break;
      case Access::RO:
        for (int v = 0; v < 2; ++v) ri.readable[v] |= m;
        break;
      case Access::W1C:
        for (int v = 0; v < 2; ++v) ri.readable[v] |= m;
        ri.w1c |= m;
        break;
      case Access::WIRED0_GUEST:  // host: RW; guest: RAZ/WI (HYP-1)
        ri.readable[0] |= m;
        ri.writable[0] |= m;
        break;
      case Access::RAZ_WI:
      case Access::RES0:
        break;
    }
    if (f.reset) reset = (reset & ~m) | ((f.reset->resolve(params) << f.lsb) & m);
    if (f.undocumented) ri.undocumented |= m;
    if (!f.either_on_write.empty()) ri.either_on_write |= m;
    if (f.access != Access::RES0 && !f.undocumented) ri.defined |= m;
  }
  ri.stored = ri.readable[0] | ri.readable[1] | ri.w1c;
  ri.reset = reset & ri.stored & width_mask(ri.width);
  ri.reset_known = reg.reset_known;
}

std::uint32_t count_of(const spec::Quantity& q, const spec::Params& params, const std::string& what) {
  std::uint64_t n = q.resolve(params);
  if (n == 0 || n > (1u << 20)) {
    throw ModelError(what + ": count " + std::to_string(n) + " is out of range for this geometry");
  }
  return static_cast<std::uint32_t>(n);
}

std::string describe(const DecodedWord& w, const std::vector<RegInstance>& inst,
                     const spec::Block* alias_block) {
  if (w.kind == DecodedWord::Direct) return inst[static_cast<std::size_t>(w.target)].name();
  return alias_block ? alias_block->name + " (alias window)" : std::string("alias window");
}

}  // namespace

std::string RegInstance::name() const {
  std::string s = block->name;
  if (block->count.param.size() || block->count.literal > 1) s += "[" + std::to_string(block_index) + "]";
  s += "." + reg->name;
  if (reg->count.param.size() || reg->count.literal > 1) s += "[" + std::to_string(reg_index) + "]";
  return s;
}

Layout::Layout(const spec::RegionSpec& region, const spec::Params& params) : region_(&region) {
  for (const spec::Block& b : region.blocks) {
    if (!b.alias) add_block(b, params);
  }
  for (const spec::Block& b : region.blocks) {
    if (b.alias) add_alias_block(b, params);
  }
}

Layout::Table& Layout::direct_table_for(std::uint64_t page) {
  if (page >= pages_.size()) pages_.resize(page + 1);
  if (pages_[page].table < 0) {
    pages_[page].table = static_cast<std::int32_t>(tables_.size());
    tables_.emplace_back(kPageSize / 4);
  }
  return tables_[static_cast<std::size_t>(pages_[page].table)];
}

void Layout::add_block(const spec::Block& b, const spec::Params& params) {
  BlockInfo info;
  info.block = &b;
  info.first_instance = static_cast<std::uint32_t>(instances_.size());
  info.instances = count_of(b.count, params, region_->name + ":" + b.name);
  for (std::uint32_t i = 0; i < info.instances; ++i) {
    for (const spec::Register& r : b.registers) {
      const std::uint32_t n = count_of(r.count, params, region_->name + ":" + b.name + "." + r.name);
      for (std::uint32_t j = 0; j < n; ++j) {
        RegInstance ri;
        ri.block = &b;
        ri.reg = &r;
        ri.block_index = i;
        ri.reg_index = j;
        ri.offset = b.base + i * b.stride + r.offset + j * r.stride;
        ri.width = r.width;
        fill_masks(ri, params);
        const auto id = static_cast<std::int32_t>(instances_.size());
        instances_.push_back(ri);
        for (unsigned half = 0; half < r.width / 32; ++half) {
          const std::uint64_t off = ri.offset + 4 * half;
          Table& t = direct_table_for(off >> kPageShift);
          DecodedWord& w = t[(off & (kPageSize - 1)) >> 2];
          if (w.kind != DecodedWord::None) {
            throw ModelError(region_->name + ": " + ri.name() + " at " + hex(off) + " collides with " +
                             describe(w, instances_, nullptr) + " (" + r.loc.str() + ")");
          }
          w = DecodedWord{DecodedWord::Direct, static_cast<std::uint8_t>(half), 0, id};
        }
      }
    }
  }
  info.per_instance = info.instances ? (static_cast<std::uint32_t>(instances_.size()) - info.first_instance) /
                                           info.instances
                                     : 0;
  blocks_.push_back(info);
}

void Layout::add_alias_block(const spec::Block& b, const spec::Params& params) {
  const spec::Alias& a = *b.alias;
  AliasInfo ai;
  ai.block = &b;
  const std::int32_t target = block_index(a.of);
  const std::int32_t through = block_index(a.through);
  if (target < 0 || through < 0) {
    throw ModelError(b.loc.str() + ": alias block " + b.name + " names a missing block");
  }
  ai.target_block = static_cast<std::uint32_t>(target);
  ai.through_block = static_cast<std::uint32_t>(through);
  ai.instances = count_of(b.count, params, region_->name + ":" + b.name);
  ai.slots = count_of(a.slots, params, region_->name + ":" + b.name + " slots");
  if (b.base % kPageSize || (ai.instances > 1 && b.stride % kPageSize) ||
      ai.slots * a.slot_stride > kPageSize) {
    throw ModelError(b.loc.str() + ": alias block " + b.name +
                     " must start on a 64 KiB page and fit one page per instance");
  }
  const auto alias_id = static_cast<std::int32_t>(aliases_.size());
  aliases_.push_back(ai);
  BlockInfo info;
  info.block = &b;
  info.instances = ai.instances;
  info.alias = alias_id;
  blocks_.push_back(info);

  // One decode table shared by every instance: slot l, register position p.
  const spec::Block& tb = *blocks_[ai.target_block].block;
  Table shared(kPageSize / 4);
  for (std::uint32_t l = 0; l < ai.slots; ++l) {
    std::int32_t pos = 0;
    for (const spec::Register& r : tb.registers) {
      const std::uint32_t n = count_of(r.count, params, tb.name + "." + r.name);
      for (std::uint32_t j = 0; j < n; ++j, ++pos) {
        for (unsigned half = 0; half < r.width / 32; ++half) {
          const std::uint64_t off = l * a.slot_stride + r.offset + j * r.stride + 4 * half;
          shared[off >> 2] = DecodedWord{DecodedWord::Alias, static_cast<std::uint8_t>(half),
                                         static_cast<std::uint16_t>(l), pos};
        }
      }
    }
  }
  const auto table_id = static_cast<std::int32_t>(tables_.size());
  tables_.push_back(std::move(shared));
  for (std::uint32_t i = 0; i < ai.instances; ++i) {
    const std::uint64_t page = (b.base + i * b.stride) >> kPageShift;
    if (page >= pages_.size()) pages_.resize(page + 1);
    if (pages_[page].table >= 0) {
      throw ModelError(region_->name + ": " + b.name + "[" + std::to_string(i) + "] at " +
                       hex(page << kPageShift) + " collides with another block (" + b.loc.str() + ")");
    }
    pages_[page] = Page{table_id, alias_id, i};
  }
}

std::int32_t Layout::block_index(std::string_view block_name) const {
  for (std::size_t k = 0; k < blocks_.size(); ++k) {
    if (blocks_[k].block->name == block_name) return static_cast<std::int32_t>(k);
  }
  return -1;
}

std::int32_t Layout::find(std::string_view block_name, std::string_view reg_name, std::uint32_t i,
                          std::uint32_t j) const {
  const std::int32_t bi = block_index(block_name);
  if (bi < 0) return -1;
  const BlockInfo& info = blocks_[static_cast<std::size_t>(bi)];
  if (info.alias >= 0 || i >= info.instances) return -1;
  for (std::uint32_t k = 0; k < info.per_instance; ++k) {
    const std::uint32_t id = info.first_instance + i * info.per_instance + k;
    const RegInstance& ri = instances_[id];
    if (ri.reg->name == reg_name && ri.reg_index == j) return static_cast<std::int32_t>(id);
  }
  return -1;
}

}  // namespace cts::model
