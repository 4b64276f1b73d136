// SPDX-License-Identifier: MIT
// Register layout of one region for one geometry, built from spec/ at load time:
// every register instance with its offset and access masks, and the decode table
// from byte offset to instance. Immutable and shared by every model of that geometry.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/spec/spec.h"

namespace cts::model {

inline constexpr unsigned kPageShift = 16;  // decode pages: 64 KiB, as CMDQV pages
inline constexpr std::uint64_t kPageSize = 1ull << kPageShift;

inline int view_index(spec::View v) { return v == spec::View::Guest ? 1 : 0; }

struct RegInstance {
  const spec::Block* block = nullptr;
  const spec::Register* reg = nullptr;
  std::uint32_t block_index = 0;  // which instance of the block (VINTF v, VCMDQ q, ...)
  std::uint32_t reg_index = 0;    // which element of a register array (SID_MATCH s, ...)
  std::uint64_t offset = 0;       // from the region base
  unsigned width = 32;
  std::uint64_t readable[2] = {0, 0};  // per view: bits that read back the stored value
  std::uint64_t writable[2] = {0, 0};  // per view: bits a write stores
  std::uint64_t w1c = 0;               // bits a written 1 clears
  std::uint64_t stored = 0;            // bits that hold state at all (any view)
  std::uint64_t defined = 0;           // bits of fields other than RES0: what software may write non-zero
  std::uint64_t absent = 0;            // field bits RES0 in this configuration (res0_unless/res0_from)
  std::uint64_t undocumented = 0;      // bits of undocumented fields: written 0, never compared
  std::uint64_t either_on_write = 0;   // RO bits a write may also set (a disputed clause decides)
  std::uint64_t reset = 0;
  bool reset_known = true;
  std::string name() const;  // e.g. "vintf[1].SID_MATCH[3]"
};

// What a 32-bit word of the region decodes to.
struct DecodedWord {
  enum Kind : std::uint8_t { None = 0, Direct = 1, Alias = 2 };
  Kind kind = None;
  std::uint8_t half = 0;     // 0 = bits [31:0], 1 = bits [63:32] of a 64-bit register
  std::uint16_t slot = 0;    // Alias: logical slot within the alias instance
  std::int32_t target = -1;  // Direct: instance id; Alias: register position in the target block
};

// An alias block (VINTF logical pages) resolved against this layout.
struct AliasInfo {
  const spec::Block* block = nullptr;
  std::uint32_t target_block = 0;   // index into Layout::blocks()
  std::uint32_t through_block = 0;  // the map block (CMDQ_ALLOC)
  std::uint32_t instances = 0;      // alias block instances (VINTFs)
  std::uint32_t slots = 0;          // slots per instance (LVCMDQs per VINTF)
};

struct BlockInfo {
  const spec::Block* block = nullptr;
  std::uint32_t first_instance = 0;  // RegInstance id of (instance 0, first register)
  std::uint32_t per_instance = 0;    // RegInstance ids per block instance
  std::uint32_t instances = 0;
  std::int32_t alias = -1;           // index into aliases() for alias blocks
};

class Layout {
 public:
  // Throws ModelError if a count is zero, registers collide for this geometry, or an
  // alias block is not page-aligned.
  Layout(const spec::RegionSpec& region, const spec::Params& params);

  const spec::RegionSpec& region() const { return *region_; }
  const std::vector<RegInstance>& instances() const { return instances_; }
  const std::vector<BlockInfo>& blocks() const { return blocks_; }
  const std::vector<AliasInfo>& aliases() const { return aliases_; }
  std::uint64_t extent() const { return pages_.size() * kPageSize; }

  // The decoded 32-bit word at `offset` (offset must be 4-byte aligned).
  const DecodedWord& decode(std::uint64_t offset) const {
    static const DecodedWord kNone{};
    std::uint64_t page = offset >> kPageShift;
    if (page >= pages_.size() || pages_[page].table < 0) return kNone;
    return tables_[static_cast<std::size_t>(pages_[page].table)]
                  [(offset & (kPageSize - 1)) >> 2];
  }
  // For an Alias word: which alias instance its page belongs to.
  std::uint32_t alias_instance_at(std::uint64_t offset) const {
    return pages_[offset >> kPageShift].alias_instance;
  }
  std::int32_t alias_at(std::uint64_t offset) const {
    return pages_[offset >> kPageShift].alias;
  }

  // Instance id of `block_name.reg_name` for block instance i, array element j; -1 if absent.
  std::int32_t find(std::string_view block_name, std::string_view reg_name, std::uint32_t i = 0,
                    std::uint32_t j = 0) const;
  std::int32_t block_index(std::string_view block_name) const;

 private:
  struct Page {
    std::int32_t table = -1;
    std::int32_t alias = -1;
    std::uint32_t alias_instance = 0;
  };
  using Table = std::vector<DecodedWord>;

  void add_block(const spec::Block& block, const spec::Params& params);
  void add_alias_block(const spec::Block& block, const spec::Params& params);
  Table& direct_table_for(std::uint64_t page);

  const spec::RegionSpec* region_;
  std::vector<RegInstance> instances_;
  std::vector<BlockInfo> blocks_;
  std::vector<AliasInfo> aliases_;
  std::vector<Page> pages_;
  std::vector<Table> tables_;
};

}  // namespace cts::model
