// SPDX-License-Identifier: MIT
// The fault of a `faulty:` device string (harness/src/faulty_device.cpp injects it):
//
//   faulty:FAULT[@KEY=VALUE,...]:INNER     INNER is any device string, faulty: included
//
//   dma-abort         p=0.05 seed=1  reads of queue memory abort (16-byte granules, by seed); the
//                                    model sees the same memory, so the run expects CERROR_ABT
//   bus-error         p=0.01 seed=1  MMIO reads and writes answer with a bus error
//   slow              ms=N every=1   every Nth call answers N ms late (over --timeout-ms: hung)
//   random-reads      p=0.01 seed=1  MMIO reads return a random value
//   die-after         calls=N        the device dies at its (N+1)th call
//   nondeterministic  p=0.05 seed=1  reads flip one bit, differently on every replay
//
// Probabilities are per call (dma-abort: per granule), decimal in [0, 1]. Faults drawn per call
// repeat on each replay of a sequence (the call count restarts at reset), except nondeterministic.
#pragma once

#include <cstdint>
#include <string>

namespace cts::harness {

enum class FaultKind { DmaAbort, BusError, Slow, RandomReads, DieAfter, Nondeterministic };

struct FaultSpec {
  FaultKind kind = FaultKind::BusError;
  std::uint64_t threshold = 0;  // probability p as p * 2^64 (saturated)
  std::uint64_t seed = 1;
  std::uint64_t ms = 0;     // slow
  std::uint64_t every = 1;  // slow
  std::uint64_t calls = 0;  // die-after
};

// Throws UsageError naming the problem.
FaultSpec parse_fault_spec(const std::string& text);

// "dma-abort | bus-error | slow | ...", for messages.
const char* fault_kinds();

}  // namespace cts::harness
