// SPDX-License-Identifier: MIT
// The state machine's two sides. MachineState is RapidCheck's model: the reference model's
// side of a differential run (ModelTwin) and what a driver would remember about its queues.
// MachineSut is the device under test with its half of the comparison (its interrupt counts,
// the clause window of the current test case).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/clause_coverage.h"
#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/differential.h"
#include "cmdqv_cts/harness/run_ops.h"
#include "truncate_first.h"

namespace cts::stateful {

using harness::Op;

// Base of the queue memory: queue q lives at kQueueMemory + (q + 1) * kQueueStride, so that
// a queue of IDR1.CMDQS's maximum size (2^19 entries of 16 bytes = 8 MiB) fits and aligns.
inline constexpr std::uint64_t kQueueMemory = 0x40000000;
inline constexpr std::uint64_t kQueueStride = 0x1000000;

// Fixed for one check: the spec, the device's geometry, the model at reset.
struct MachineContext {
  MachineContext(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config);
  model::ModelConfig config;
  harness::SequenceShape shape;   // every register offset, both page views
  harness::ModelTwin reset_twin;  // as reset, before the driver's initialisation
  harness::ModelTwin initial;     // after it: where every test case starts
};

struct QueueBook {
  bool brought_up = false;  // by a BringUp command since the last reset
  std::uint64_t base = 0;   // the BASE last programmed by a command (ADDR | LOG2SIZE)
  unsigned log2size = 0;
};

struct MachineState {
  explicit MachineState(std::shared_ptr<const MachineContext> c);
  std::shared_ptr<const MachineContext> ctx;
  harness::ModelTwin twin;
  std::vector<QueueBook> queues;  // VCMDQ 0..vcmdqs-1, then the SMMU CMDQ at index vcmdqs

  std::uint32_t vcmdqs() const { return twin.model.has_cmdqv() ? twin.model.cmdqv().vcmdqs() : 0; }
  std::uint32_t smmu_queue() const { return vcmdqs(); }
  bool has_cmdqv() const { return twin.model.has_cmdqv(); }
  // CONFIG.EN of VCMDQ q, or CR0.CMDQEN for the SMMU CMDQ: what software must clear before it
  // reprograms the queue.
  bool queue_enabled(std::uint32_t q) const;
  std::uint64_t read(model::Region r, std::uint64_t off) const {
    return twin.model.read(r, off, 4).value;
  }
  // A register's value with only its defined bits: what a driver writes back when it changes
  // one field (RES0 bits written as 0).
  std::uint64_t writable_value(model::Region r, std::uint64_t off) const;
  // Queue registers: the page0 base of VCMDQ q or the SMMU registers.
  static std::uint64_t vcmdq_page0(std::uint32_t q) { return 0x10000 + 0x80ull * q; }
  static std::uint64_t vcmdq_page1(std::uint32_t q) { return 0x20000 + 0x80ull * q; }
  static std::uint64_t queue_base_address(std::uint32_t q) {
    return kQueueMemory + (q + 1ull) * kQueueStride;
  }
};

// What a check shares across its test cases: the side channels RapidCheck has no room for.
struct CheckShared {
  explicit CheckShared(const spec::Spec& spec, spec::View view, bool has_cmdqv)
      : coverage(spec, view, has_cmdqv) {}
  harness::ClauseCoverage coverage;  // search phase only: what the run exercised
  bool shrinking = false;            // a failure was found; the test cases now are shrink replays
  std::string first_key;             // the register (or line) the first failure differed in
  std::uint64_t steps_searched = 0, steps_shrinking = 0;
  std::uint64_t steps_to_first_failure = 0;
  std::uint64_t reads_compared = 0, commands_consumed = 0;
  // Per failing command sequence (by command identity): how many commands up to the failure.
  std::shared_ptr<FailingLengths> failing_length = std::make_shared<FailingLengths>();
  struct LastFailure {
    std::string what;
    std::vector<std::string> steps;    // executed commands, the failing one last
    std::vector<std::string> clauses;  // blamed clause ids
    std::string device_failure;
  } last;
  std::vector<std::uint32_t> swarm_masks;     // per search-phase test case: enabled kinds
  std::vector<std::uint32_t> executed_kinds;  // per search-phase test case: kinds that ran
};

struct MachineSut {
  MachineSut(harness::Device& d, const MachineContext& c, CheckShared& s, spec::View view);
  harness::Device& dut;
  const MachineContext& ctx;
  CheckShared& shared;
  harness::CountingIrq irq;
  harness::ClauseCoverage coverage;  // this test case: the window that blames a difference
  harness::DifferentialCounters counters;
  harness::DifferentialOptions options;
  std::vector<std::string> executed;  // command lines run so far in this test case
  std::vector<const void*> sequence;  // identity of the command sequence being run
  std::uint32_t kinds_run = 0;        // bit per CommandKind
  // Resets the device and programs it as the test case's first state expects; the difference,
  // if the device already disagrees.
  std::optional<harness::Mismatch> restart();
  // Records a difference found at the last executed command and returns the message to fail with.
  std::string record_failure(const std::string& what);
  std::string record_device_failure(const std::string& what);
  std::vector<std::string> blamed_clauses() const;
};

}  // namespace cts::stateful
