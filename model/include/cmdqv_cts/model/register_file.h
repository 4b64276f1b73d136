// SPDX-License-Identifier: MIT
// Generic, spec-driven register semantics: storage, access kinds per view, reset,
// 4/8-byte access folding, and alias windows resolved through a map block.
// Device-specific side effects (enable handshakes, queues, errors) live in the
// device models, which call write() and then react to the instances it touched.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cmdqv_cts/model/layout.h"
#include "cmdqv_cts/model/value_domain.h"

namespace cts::model {

enum class AccessStatus : std::uint8_t {
  Ok,
  Unmapped,    // no register at that offset: a finding, never silently RAZ/WI
  BadSize,     // size other than 4 or 8
  Misaligned,  // offset not a multiple of the size
};
const char* to_string(AccessStatus s);

// Masked write of one register value (RW bits take `val`, W1C bits clear where `val` is 1).
template <class D>
typename D::Word masked_write(const typename D::Word& old, const typename D::Word& val,
                              std::uint64_t writable, std::uint64_t w1c) {
  typename D::Word v = (old & D::lit(~writable)) | (val & D::lit(writable));
  return v & ~(val & D::lit(w1c));
}

// ALLOC-1/4/5: which instance q of the target block backs slot (instance, slot) of an alias:
// a q whose map register has ALLOCATED = 1, VINTF = instance and LVCMDQ = slot. Where several
// do, ALLOC-4 leaves the choice open: the lowest q, or the highest with `highest_wins`.
// Returns `none` if there is none.
template <class D>
typename D::Word alias_owner(const std::vector<typename D::Word>& map_regs,
                             std::uint64_t allocated_mask, std::uint64_t vintf_mask,
                             unsigned vintf_lsb, std::uint64_t lvcmdq_mask, unsigned lvcmdq_lsb,
                             std::uint64_t instance, std::uint64_t slot, std::uint64_t none,
                             bool highest_wins = false) {
  typename D::Word owner = D::lit(none);
  const std::size_t n = map_regs.size();
  for (std::size_t k = 0; k < n; ++k) {  // the last hit wins: the q visited last takes the slot
    const std::size_t q = highest_wins ? k : n - 1 - k;
    const typename D::Word& m = map_regs[q];
    typename D::Bool hit =
        D::land(D::nonzero(m & D::lit(allocated_mask)),
                D::land(D::eq(m & D::lit(vintf_mask), D::lit(instance << vintf_lsb)),
                        D::eq(m & D::lit(lvcmdq_mask), D::lit(slot << lvcmdq_lsb))));
    owner = D::ite(hit, D::lit(q), owner);
  }
  return owner;
}

template <class D = Concrete>
class RegisterFile {
 public:
  using Word = typename D::Word;
  struct ReadResult {
    AccessStatus status = AccessStatus::Ok;
    Word value{};
  };
  // The register instances a write reached (up to two for an 8-byte write).
  struct WriteResult {
    AccessStatus status = AccessStatus::Ok;
    std::int32_t touched[2] = {-1, -1};
    bool dropped = false;  // reached an alias slot that nothing backs (ALIAS-2)
  };

  explicit RegisterFile(std::shared_ptr<const Layout> layout);
  // ALLOC-4: where two map entries name one slot, the highest-numbered instance backs it
  // (default: the lowest).
  void set_alias_highest_wins(bool highest);

  const Layout& layout() const { return *layout_; }
  void reset();

  ReadResult read(spec::View view, std::uint64_t offset, unsigned size) const;
  WriteResult write(spec::View view, std::uint64_t offset, unsigned size, Word value);

  // Raw stored value and hardware-side update (bypasses access kinds, keeps stored bits only).
  const Word& get(std::int32_t id) const { return values_[static_cast<std::size_t>(id)]; }
  void set_hw(std::int32_t id, Word v) {
    values_[static_cast<std::size_t>(id)] =
        v & D::lit(layout_->instances()[static_cast<std::size_t>(id)].stored);
  }

  // Target instance id behind an alias word, or -1 if the slot is not mapped.
  std::int32_t resolve(const DecodedWord& w, std::uint64_t offset) const;
  // Target block instance (e.g. global VCMDQ q) behind alias `alias` slot (i, l), or -1.
  std::int32_t alias_target(std::size_t alias, std::uint32_t i, std::uint32_t l) const {
    return alias_maps_[alias][i * layout_->aliases()[alias].slots + l];
  }

 private:
  ReadResult read_word(spec::View view, std::uint64_t offset) const;
  void refresh_alias_maps_after(std::int32_t id);
  void refresh_alias_map(std::size_t alias);

  std::shared_ptr<const Layout> layout_;
  std::vector<Word> values_;
  std::vector<std::vector<std::int32_t>> alias_maps_;  // per alias: [i * slots + l] -> q or -1
  bool alias_highest_wins_ = false;
};

extern template class RegisterFile<Concrete>;

}  // namespace cts::model
