// SPDX-License-Identifier: MIT
// SequenceExecutor (see sequence_executor.h).
#include "sequence_executor.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "cmdqv_cts/model/commands.h"

namespace cts::harness {

class SequenceExecutor::Impl {
 public:
  Impl(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config, Device& dut, ClauseCoverage* coverage)
      : reset_twin_(model::ReferenceModel(std::move(spec), config)), twin_(reset_twin_), dut_(dut), coverage_(coverage) {
    // Memory faults injected into the device (faulty:dma-abort) are the model's memory too.
    if (const DmaFaults* f = dut_.dma_faults()) faults_ = DmaFaults{f->seed, f->threshold, 0};
    if (coverage_) skip_inapplicable_field_rules(config);
  }

  // A field rule's clause whose every rule has a condition this device's ID registers rule out
  // (IDR3.RIL = 0 for the range rules) is skipped, not "not exercised".
  void skip_inapplicable_field_rules(const model::ModelConfig& config) {
    const spec::Spec& spec = reset_twin_.model.spec();
    const model::Features f = model::Features::from(config);
    std::map<std::string, std::string> never;  // clause -> the conditions that do not hold
    std::set<std::string> possible;
    for (const spec::FieldRule& r : spec.field_rules) {
      if (model::field_rule_applies(r, f, false) || model::field_rule_applies(r, f, true)) {
        possible.insert(r.clause);
        continue;
      }
      std::string when;
      for (spec::FieldCond c : r.when)
        when += (when.empty() ? "" : ", ") + std::string(spec::to_string(c));
      never[r.clause] = when;
    }
    for (const auto& [clause, when] : never) {
      if (!possible.count(clause))
        coverage_->skip(clause, "field rule condition [" + when +
                                    "] does not hold for this device's ID registers");
    }
  }

  std::optional<Mismatch> execute(const std::vector<Op>& ops,
                                  const std::vector<QueueEntry>& rewrites) {
    twin_ = reset_twin_;  // a copy shares the layouts: no rebuild per sequence
    dut_irq_ = CountingIrq();
    bound_hit_.reset();
    DifferentialOptions options;
    options.max_steps = max_steps;
    options.dma_faults = &faults_;
    const std::vector<Op> run = with_entries_rewritten(ops, rewrites);
    options.replay_with_entry = counterfactual(run, rewrites, 0);
    Differential d(twin_, &dut_, &dut_irq_, coverage_, counters, options);
    return apply_all(d, twin_, run, rewrites, &ops_executed, &bound_hit_);
  }

 private:
  // A counterfactual replay may fail with two explanations of its own; its own replay then
  // rewrites more entries, up to this many replays deep (each a replay of the whole prefix).
  static constexpr std::size_t kMaxReplayDepth = 8;

  static std::vector<Op> with_entries_rewritten(std::vector<Op> ops,
                                                const std::vector<QueueEntry>& rewrites) {
    for (const QueueEntry& e : rewrites) ops = with_entry_rewritten(std::move(ops), e);
    return ops;
  }

  // Differential's replay of `ops` (already with `rewrites` applied) with more entries rewritten.
  std::function<std::optional<Mismatch>(const std::vector<QueueEntry>&, std::size_t)>
  counterfactual(const std::vector<Op>& ops, const std::vector<QueueEntry>& rewrites,
                 std::size_t depth) {
    if (depth >= kMaxReplayDepth) return nullptr;
    return [this, &ops, rewrites, depth](const std::vector<QueueEntry>& at,
                                         std::size_t through_op) {
      std::vector<QueueEntry> more = rewrites;
      more.insert(more.end(), at.begin(), at.end());
      const std::vector<Op> prefix(ops.begin(), ops.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                  ops.size(), through_op + 1)));
      return replay_quietly(with_entries_rewritten(prefix, at), more, depth + 1);
    };
  }

  // Resets the device, then applies `ops` through `d` until the first difference. Entries
  // rewritten that no operation writes are written into both memories right after the reset.
  std::optional<Mismatch> apply_all(Differential& d, ModelTwin& twin, const std::vector<Op>& ops,
                                    const std::vector<QueueEntry>& rewrites,
                                    std::uint64_t* executed, std::optional<std::string>* bound) {
    try {
      dut_.reset();
      for (const QueueEntry& e : rewrites) {
        if (e.op) continue;
        twin.memory.write(e.address, kLegalEntry.data(), sizeof kLegalEntry);
        dut_.write_memory(e.address, kLegalEntry.data(), sizeof kLegalEntry);
      }
    } catch (const DeviceFailure& e) {
      throw DeviceFailure(std::string(e.what()) + " at operation 0 while resetting");
    }
    std::optional<Mismatch> m = d.initialise_unknown_resets();
    for (std::size_t k = 0; k < ops.size() && !m; ++k) {
      if (executed) ++*executed;
      try {
        m = d.apply(ops[k], k);
      } catch (const StepBoundHit& hit) {
        if (bound) *bound = hit.where;  // nothing after it is compared: the model did not finish
        break;
      }
    }
    return m;
  }

  // A counterfactual replay in the middle of judging a failure: from reset, on a model of its
  // own, counting nothing. A device failure or the model's step bound is a difference that
  // speaks for neither explanation (it must not read as a replay that passed).
  std::optional<Mismatch> replay_quietly(const std::vector<Op>& ops,
                                         const std::vector<QueueEntry>& rewrites,
                                         std::size_t depth) {
    ModelTwin twin = reset_twin_;
    CountingIrq irq;
    DifferentialCounters counters_here;
    DmaFaults faults = faults_;
    DifferentialOptions options;
    options.max_steps = max_steps;
    options.dma_faults = &faults;
    options.replay_with_entry = counterfactual(ops, rewrites, depth);
    Differential d(twin, &dut_, &irq, nullptr, counters_here, options);
    std::optional<std::string> bound;
    try {
      std::optional<Mismatch> m = apply_all(d, twin, ops, rewrites, nullptr, &bound);
      if (!m && bound) return Mismatch{0, "the model's step bound: " + *bound, "", "a step bound"};
      return m;
    } catch (const DeviceFailure& e) {
      return Mismatch{0, std::string("the device failed: ") + e.what(), "", "a device failure"};
    }
  }

 public:
  DifferentialCounters counters;
  std::uint64_t ops_executed = 0;
  std::uint64_t max_steps = kDefaultMaxSteps;
  std::optional<std::string> bound_hit_;  // the last sequence stopped at max_steps
  DmaFaults faults_;  // the device's injected DMA faults, for the model too; counts its aborts

 private:
  const ModelTwin reset_twin_;  // the model at reset, built once
  ModelTwin twin_;
  Device& dut_;
  ClauseCoverage* coverage_;
  CountingIrq dut_irq_;
};

SequenceExecutor::SequenceExecutor(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config,
                                   Device& dut, ClauseCoverage* coverage)
    : impl_(std::make_unique<Impl>(std::move(spec), config, dut, coverage)) {}
SequenceExecutor::~SequenceExecutor() = default;
std::optional<Mismatch> SequenceExecutor::execute(const std::vector<Op>& ops,
                                                  const std::vector<QueueEntry>& rewritten) {
  return impl_->execute(ops, rewritten);
}
std::uint64_t SequenceExecutor::reads_compared() const { return impl_->counters.reads_compared; }
std::uint64_t SequenceExecutor::commands() const { return impl_->counters.commands; }
std::uint64_t SequenceExecutor::operations() const { return impl_->ops_executed; }
std::uint64_t SequenceExecutor::injected_dma_aborts() const { return impl_->faults_.hits; }
void SequenceExecutor::set_max_steps(std::uint64_t n) { impl_->max_steps = n; }
const std::optional<std::string>& SequenceExecutor::bound_hit() const { return impl_->bound_hit_; }

}  // namespace cts::harness
