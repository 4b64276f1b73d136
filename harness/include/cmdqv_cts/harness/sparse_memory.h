// SPDX-License-Identifier: MIT
// DMA memory for queues: the RAM window of the device ABI (CTS_RAM_BASE, 1 GiB, as QEMU's
// virt machine with -m 1G), stored as sparse 4 KiB pages, zero where never written. An
// access that leaves the window aborts, so every backend sees the same faults.
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>

#include "cmdqv_cts/device.h"
#include "cmdqv_cts/model/ports.h"

namespace cts::harness {

class SparseMemory final : public model::Memory {
 public:
  static constexpr std::uint64_t kRamBase = CTS_RAM_BASE;
  static constexpr std::uint64_t kRamSize = CTS_RAM_SIZE;
  static bool in_ram(std::uint64_t addr, std::uint64_t len) {
    return addr >= kRamBase && len <= kRamSize && addr - kRamBase <= kRamSize - len;
  }

  bool read(std::uint64_t addr, void* buf, std::uint32_t len) override;
  bool write(std::uint64_t addr, const void* buf, std::uint32_t len) override;
  std::size_t pages() const { return pages_.size(); }

 private:
  static constexpr unsigned kPageShift = 12;
  static constexpr std::uint64_t kPageSize = 1ull << kPageShift;
  using Page = std::array<std::uint8_t, kPageSize>;
  std::unordered_map<std::uint64_t, Page> pages_;
};

}  // namespace cts::harness
