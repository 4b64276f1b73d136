// SPDX-License-Identifier: MIT
// RegisterFile's member definitions, for instantiation over another value domain (the
// symbolic one in properties/). The concrete instantiation lives in register_file.cpp.
#pragma once

#include "cmdqv_cts/model/register_file.h"

namespace cts::model {

template <class D>
RegisterFile<D>::RegisterFile(std::shared_ptr<const Layout> layout) : layout_(std::move(layout)) {
  values_.assign(layout_->instances().size(), D::lit(0));  // a symbolic Word has no default value
  alias_maps_.resize(layout_->aliases().size());
  reset();
}

template <class D>
void RegisterFile<D>::reset() {
  const auto& inst = layout_->instances();
  for (std::size_t k = 0; k < inst.size(); ++k) values_[k] = D::lit(inst[k].reset);
  for (std::size_t a = 0; a < alias_maps_.size(); ++a) refresh_alias_map(a);
}

template <class D>
void RegisterFile<D>::set_alias_highest_wins(bool highest) {
  alias_highest_wins_ = highest;
  for (std::size_t a = 0; a < alias_maps_.size(); ++a) refresh_alias_map(a);
}

template <class D>
std::int32_t RegisterFile<D>::resolve(const DecodedWord& w, std::uint64_t offset) const {
  if (w.kind == DecodedWord::Direct) return w.target;
  const auto alias = static_cast<std::size_t>(layout_->alias_at(offset));
  const std::int32_t q = alias_target(alias, layout_->alias_instance_at(offset), w.slot);
  if (q < 0) return -1;
  const BlockInfo& tb = layout_->blocks()[layout_->aliases()[alias].target_block];
  return static_cast<std::int32_t>(tb.first_instance + static_cast<std::uint32_t>(q) * tb.per_instance) +
         w.target;
}

template <class D>
typename RegisterFile<D>::ReadResult RegisterFile<D>::read_word(spec::View view,
                                                                std::uint64_t offset) const {
  const DecodedWord& w = layout_->decode(offset);
  if (w.kind == DecodedWord::None) return {AccessStatus::Unmapped, D::lit(0)};
  const std::int32_t id = resolve(w, offset);
  if (id < 0) return {AccessStatus::Ok, D::lit(0)};  // ALIAS-3: unmapped logical slot reads 0
  const RegInstance& ri = layout_->instances()[static_cast<std::size_t>(id)];
  Word v = values_[static_cast<std::size_t>(id)] & D::lit(ri.readable[view_index(view)]);
  return {AccessStatus::Ok, D::lshr(v, D::lit(32u * w.half)) & D::lit(0xFFFFFFFFull)};
}

template <class D>
typename RegisterFile<D>::ReadResult RegisterFile<D>::read(spec::View view, std::uint64_t offset,
                                                           unsigned size) const {
  if (size != 4 && size != 8) return {AccessStatus::BadSize, D::lit(0)};
  if (offset % size) return {AccessStatus::Misaligned, D::lit(0)};
  ReadResult lo = read_word(view, offset);
  if (size == 4) return lo;
  ReadResult hi = read_word(view, offset + 4);
  if (lo.status != AccessStatus::Ok && hi.status != AccessStatus::Ok) return {AccessStatus::Unmapped, D::lit(0)};
  return {AccessStatus::Ok, lo.value | D::shl(hi.value, D::lit(32))};
}

template <class D>
typename RegisterFile<D>::WriteResult RegisterFile<D>::write(spec::View view, std::uint64_t offset,
                                                             unsigned size, Word value) {
  WriteResult result;
  if (size != 4 && size != 8) return {AccessStatus::BadSize, {-1, -1}, false};
  if (offset % size) return {AccessStatus::Misaligned, {-1, -1}, false};
  bool any_mapped = false;
  for (unsigned k = 0; k < size / 4; ++k) {
    const std::uint64_t off = offset + 4 * k;
    const DecodedWord& w = layout_->decode(off);
    if (w.kind == DecodedWord::None) continue;
    any_mapped = true;
    const std::int32_t id = resolve(w, off);
    if (id < 0) {  // ALIAS-2: a write to an unmapped logical slot is dropped
      result.dropped = true;
      continue;
    }
    const RegInstance& ri = layout_->instances()[static_cast<std::size_t>(id)];
    const std::uint64_t lane = 0xFFFFFFFFull << (32 * w.half);
    const Word word = D::shl(D::lshr(value, D::lit(32u * k)) & D::lit(0xFFFFFFFFull), D::lit(32u * w.half));
    const int v = view_index(view);
    Word& slot = values_[static_cast<std::size_t>(id)];
    slot = masked_write<D>(slot, word, ri.writable[v] & lane, ri.w1c & lane);
    if (result.touched[0] != id) result.touched[result.touched[0] < 0 ? 0 : 1] = id;
    refresh_alias_maps_after(id);
  }
  if (!any_mapped) result.status = AccessStatus::Unmapped;
  return result;
}

template <class D>
void RegisterFile<D>::refresh_alias_maps_after(std::int32_t id) {
  const RegInstance& ri = layout_->instances()[static_cast<std::size_t>(id)];
  const auto& aliases = layout_->aliases();
  for (std::size_t a = 0; a < aliases.size(); ++a) {
    if (layout_->blocks()[aliases[a].through_block].block == ri.block) refresh_alias_map(a);
  }
}

template <class D>
void RegisterFile<D>::refresh_alias_map(std::size_t a) {
  const AliasInfo& ai = layout_->aliases()[a];
  const BlockInfo& map = layout_->blocks()[ai.through_block];
  const spec::Register& reg = map.block->registers.front();
  const spec::Field* allocated = reg.field("ALLOCATED");
  const spec::Field* vintf = reg.field("VINTF");
  const spec::Field* lvcmdq = reg.field("LVCMDQ");
  auto& out = alias_maps_[a];
  out.assign(static_cast<std::size_t>(ai.instances) * ai.slots, -1);
  if (!allocated || !vintf || !lvcmdq) return;  // a map without these fields maps nothing
  std::vector<Word> regs;
  for (std::uint32_t q = 0; q < map.instances; ++q) regs.push_back(values_[map.first_instance + q * map.per_instance]);
  const std::uint32_t targets = layout_->blocks()[ai.target_block].instances;
  for (std::uint32_t i = 0; i < ai.instances; ++i) {
    for (std::uint32_t l = 0; l < ai.slots; ++l) {
      const std::uint64_t q = D::concrete_word(alias_owner<D>(regs, allocated->mask(), vintf->mask(), vintf->lsb,
                                                              lvcmdq->mask(), lvcmdq->lsb, i, l, ~0ull,
                                                              alias_highest_wins_));
      out[i * ai.slots + l] = q < targets ? static_cast<std::int32_t>(q) : -1;
    }
  }
}

}  // namespace cts::model
