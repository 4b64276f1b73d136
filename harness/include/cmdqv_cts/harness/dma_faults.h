// SPDX-License-Identifier: MIT
// Injected DMA read aborts (faulty:dma-abort): a deterministic set of 16-byte granules of queue
// memory whose reads abort, chosen by a seed and a probability. The same set is given to the device
// (its memory port) and to the reference model (the run's memory), so the model predicts where
// the spec requires CERROR_ABT (ERR-4) and the run checks the device reports it there.
#pragma once

#include <cstdint>

#include "cmdqv_cts/model/ports.h"

namespace cts::harness {

struct DmaFaults {
  std::uint64_t seed = 0;
  std::uint64_t threshold =
      0;                   // a granule aborts when its hash is below this (p * 2^64); 0 = never
  std::uint64_t hits = 0;  // reads that aborted so far (diagnostics, not part of the fault set)

  static constexpr unsigned kGranuleShift = 4;  // one queue entry

  // true if a read of [addr, addr + len) touches an aborting granule.
  bool aborts(std::uint64_t addr, std::uint64_t len) const {
    if (threshold == 0 || len == 0) return false;
    for (std::uint64_t g = addr >> kGranuleShift; g <= (addr + len - 1) >> kGranuleShift; ++g) {
      if (mix(seed ^ mix(g)) < threshold) return true;
    }
    return false;
  }

  // splitmix64's finaliser: a fixed, portable hash, so a seed names the same faults everywhere.
  static constexpr std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
};

// A memory port whose reads abort where `faults` says; writes and other reads go to `inner`.
class FaultyMemory final : public model::Memory {
 public:
  FaultyMemory(model::Memory& inner, DmaFaults& faults) : inner_(inner), faults_(faults) {}
  bool read(std::uint64_t addr, void* buf, std::uint32_t len) override {
    if (faults_.aborts(addr, len)) {
      ++faults_.hits;
      return false;
    }
    return inner_.read(addr, buf, len);
  }
  bool write(std::uint64_t addr, const void* buf, std::uint32_t len) override {
    return inner_.write(addr, buf, len);
  }

 private:
  model::Memory& inner_;
  DmaFaults& faults_;
};

}  // namespace cts::harness
