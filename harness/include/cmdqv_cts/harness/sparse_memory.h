// SPDX-License-Identifier: MIT
// DMA memory for queues: sparse 4 KiB pages, zero where never written. Addresses listed
// as faulting abort every access that touches them (fault injection).
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "cmdqv_cts/model/ports.h"

namespace cts::harness {

class SparseMemory final : public model::Memory {
 public:
  bool read(std::uint64_t addr, void* buf, std::uint32_t len) override;
  bool write(std::uint64_t addr, const void* buf, std::uint32_t len) override;
  void fault_page(std::uint64_t addr) { faulting_pages_.insert(addr >> kPageShift); }
  std::size_t pages() const { return pages_.size(); }

 private:
  static constexpr unsigned kPageShift = 12;
  static constexpr std::uint64_t kPageSize = 1ull << kPageShift;
  using Page = std::array<std::uint8_t, kPageSize>;
  std::unordered_map<std::uint64_t, Page> pages_;
  std::set<std::uint64_t> faulting_pages_;
};

}  // namespace cts::harness
