// SPDX-License-Identifier: MIT
// Runs one sequence of operations on the device under test and on the reference model side
// by side (each operation through Differential), from reset to the first difference. Used for
// the first run of a sequence and for every replay while shrinking.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/differential.h"
#include "cmdqv_cts/harness/run_ops.h"

namespace cts::harness {

class SequenceExecutor {
 public:
  // `coverage` may be null: a replay counts nothing.
  SequenceExecutor(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config, Device& dut,
                   ClauseCoverage* coverage);
  ~SequenceExecutor();

  // Resets the device, programs registers with unknown resets, then applies `ops` until the
  // first mismatch. Throws DeviceFailure (with the operation) if the device fails.
  // `rewritten`: a counterfactual replay with those queue entries rewritten (run_ops.h).
  std::optional<Mismatch> execute(const std::vector<Op>& ops,
                                  const std::vector<QueueEntry>& rewritten = {});
  std::uint64_t reads_compared() const;
  std::uint64_t commands() const;
  std::uint64_t operations() const;  // applied so far, over every execute()
  // At most `n` model steps (commands consumed or faulted) per sequence; past them execute()
  // stops the sequence, unchecked, and bound_hit() says where (until the next execute()).
  void set_max_steps(std::uint64_t n);
  // Model reads of queue memory that aborted by injection (faulty:dma-abort), over every execute().
  std::uint64_t injected_dma_aborts() const;
  const std::optional<std::string>& bound_hit() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cts::harness
