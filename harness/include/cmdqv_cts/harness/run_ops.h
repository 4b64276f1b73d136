// SPDX-License-Identifier: MIT
// The operations of a conformance sequence, generated up front from a seed so that a
// sequence can be replayed, shrunk and printed one step a line.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cmdqv_cts/harness/command_gen.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::harness {

enum class OpKind : std::uint8_t { Write, Read, BringUp, Push, Run };

struct Op {
  OpKind kind = OpKind::Run;
  // Write / Read
  model::Region region = model::Region::Smmu;
  std::uint64_t offset = 0;
  unsigned size = 4;
  std::uint64_t value = 0;
  bool read_back = false;  // Write: read the register back at once
  // BringUp / Push: VCMDQ q, or the SMMU command queue when queue == number of VCMDQs
  std::uint32_t queue = 0;
  bool smmu = false;  // the SMMU command queue rather than VCMDQ `queue`
  unsigned log2size = 0;
  std::uint64_t base = 0;
  bool hyp_own = false;
  bool irq_enable = false;           // SMMU bring-up: IRQ_CTRL.GERROR_IRQEN
  std::int32_t borrow_slot_of = -1;  // BringUp: map into another queue's (VINTF, LVCMDQ)
  std::vector<std::array<std::uint64_t, 2>> commands;  // Push: (dword0, dword1)
  bool ack = false;                                    // Push: then GERRORN = GERROR
  // Push with ack: an illegal entry at CONS is first rewritten as a CMD_SYNC, as Linux's
  // arm_smmu_cmdq_skip_err does, so that consumption goes on past it (ERR-3).
  bool skip_err = false;
};

// A CMD_SYNC with CS = NONE: no queue or configuration rejects it, and it signals nothing.
inline constexpr std::array<std::uint64_t, 2> kLegalEntry = {0x46, 0};

// One queue entry of a sequence, which a counterfactual replay rewrites as kLegalEntry (it
// tells apart two explanations of one failure: command_blame.h): command `command` of push
// operation `op`, or, with no `op`, the entry at `address` that no push wrote (software moved
// PROD over memory as it was at reset).
struct QueueEntry {
  std::optional<std::size_t> op;
  std::size_t command = 0;
  std::uint64_t address = 0;
};

// `ops` with the pushed entry `at` rewritten as kLegalEntry (an entry no push wrote is not in
// `ops`: SequenceExecutor writes it into memory at reset).
std::vector<Op> with_entry_rewritten(std::vector<Op> ops, const QueueEntry& at);

// What generation needs to know about the device's geometry.
struct SequenceShape {
  std::uint32_t vcmdqs = 0;  // 0: no CMDQV (profile smmuv3)
  unsigned cmdqs = 19;       // IDR1.CMDQS: the largest LOG2SIZE in effect
  struct Target {
    model::Region region;
    std::uint64_t offset;
    unsigned width;       // 32 or 64
    bool pair64 = false;  // a 32-bit register also accessed as the low half of 64 bits
  };
  std::vector<Target> offsets;                 // every register, both page views
  std::shared_ptr<const CommandGen> commands;  // commands for this device's features
};

SequenceShape shape_of(const model::ReferenceModel& m);

// The operations of sequence `index` of a run with `seed`: the same on every platform.
std::vector<Op> generate_sequence(std::uint64_t seed, std::uint32_t index,
                                  const SequenceShape& shape, std::uint32_t length);

std::string describe(const Op& op);

// splitmix64: a tiny generator whose output is the same on every platform and library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

}  // namespace cts::harness
