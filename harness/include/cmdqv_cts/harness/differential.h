// SPDX-License-Identifier: MIT
// One operation applied to the device under test and to the reference model side by side:
// every read, progress register and interrupt compared once both sides settled, and the
// clauses the operation exercises tagged. Shared by the sequence executor (seeded runs,
// ddmin replays) and the RapidCheck state machines, so both judge a device the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/clause_coverage.h"
#include "cmdqv_cts/harness/counting_irq.h"
#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/harness/dma_faults.h"
#include "cmdqv_cts/harness/provenance.h"
#include "cmdqv_cts/harness/run_ops.h"
#include "cmdqv_cts/harness/sparse_memory.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::harness {

// The first difference an operation found.
struct Mismatch {
  std::size_t op = 0;  // index of the operation during which it happened
  std::string what;    // e.g. "read32 cmdqv+0x1000 (vintf[0].CONFIG): device 0x20001, model 0x1"
  std::string register_name;  // "cmdqv:vintf.CONFIG", or the interrupt line; identifies the bug
  std::string cause;  // what it was charged to: "CMD-2 (ATC_INV)", or the fields that differ
  std::vector<std::string> clauses = {};  // the clauses charged (empty: a register's fields)
  // Two explanations fitted the device's state, and a replay with these entries rewritten told
  // them apart (command_blame.h). A permitted outcome adopted for this failure must explain
  // that replay too.
  std::vector<QueueEntry> told_apart_by = {};
};

// One decision of the model about a queue: a command it consumed or faulted on (with the
// queue's HYP_OWN at that moment: a later VINTF write must not change which rules applied), or
// the acknowledgement of its error, after which it resumes at CONS (ERR-3).
struct Decision {
  enum class Kind { Command, Resume } kind = Kind::Command;
  model::StepRecord step;  // Resume: region, vcmdq and command.cons (CONS when acknowledged)
  bool hyp_own = true;     // the SMMU's own queue, or a VCMDQ of a HYP_OWN=1 VINTF
  // Resume: acknowledged in an earlier window that ended with both sides agreeing, and no
  // command of the queue since. Only a command the device then never takes is charged to it.
  bool carried = false;
};

// The model's side of a run: a value, so that a state machine can copy it per command.
struct ModelTwin {
  explicit ModelTwin(model::ReferenceModel m) : model(std::move(m)) {}
  model::ReferenceModel model;
  SparseMemory memory;  // the queue memory the model fetches from
  CountingIrq irq;
  bool dirty = false;        // written since both sides last settled
  bool map_changed = false;  // CMDQ_ALLOC written (ALIAS-4)
  // The model's decisions since the queues last agreed (blame at the decision: command_blame.h).
  std::vector<Decision> decisions;
  // Which clause decided each register bit, from which registers (the model's Observer port).
  Provenance provenance;
};

struct DifferentialCounters {
  std::uint64_t reads_compared = 0;
  std::uint64_t commands = 0;  // commands the model consumed or faulted on
};

struct DifferentialOptions {
  // Device run() calls per settle while the device's progress registers still move. 1 = one
  // call (a device's run() makes all the progress it will); more lets a device that stops
  // early catch up, and one that never consumes is still bounded.
  unsigned run_calls = 1;
  // Model steps (commands consumed or faulted) allowed over this Differential's life; past them
  // apply() throws StepBoundHit and nothing after is compared (--max-model-steps).
  std::uint64_t max_steps = std::uint64_t{1} << 16;
  // DMA read aborts injected into the device (faulty:dma-abort) apply to the model's memory too,
  // so the model predicts CERROR_ABT where the device must report it; counts the aborts.
  DmaFaults* dma_faults = nullptr;
  // Replays the sequence from reset through operation `through_op` with the entries `at`
  // rewritten (run_ops.h): its first difference. Unset (a state machine, a trace), two explanations
  // of a failure that only a replay could tell apart are both charged.
  std::function<std::optional<Mismatch>(const std::vector<QueueEntry>& at, std::size_t through_op)>
      replay_with_entry;
};

// Thrown by Differential::apply() when the model reaches DifferentialOptions::max_steps.
struct StepBoundHit {
  std::string where;  // "more than N model steps by operation K"
};

class Differential {
 public:
  // `dut` null: the model side alone (a state machine's apply). `dut_irq` counts the device's
  // interrupts and must be set with `dut`; `coverage` may be null.
  Differential(ModelTwin& twin, Device* dut, CountingIrq* dut_irq, ClauseCoverage* coverage,
               DifferentialCounters& counters, DifferentialOptions options = {});
  ~Differential();
  Differential(const Differential&) = delete;
  Differential& operator=(const Differential&) = delete;

  // Registers whose hardware reset value is unknown are programmed to 0 first, as a driver
  // would, so that reads compare defined values. Call after both sides were reset.
  std::optional<Mismatch> initialise_unknown_resets();
  // Applies `op`; `index` names it in a DeviceFailure. Throws DeviceFailure if the device fails.
  std::optional<Mismatch> apply(const Op& op, std::size_t index);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The clauses a differential run can exercise: those its behaviour hooks name, those the opcode
// table (commands.yaml) attaches to commands, and every `checked_by: registers` clause that
// names a register. executor_clauses_test checks it against a long model campaign.
std::vector<std::string> executor_checked_clauses(const spec::Spec& spec);

}  // namespace cts::harness
