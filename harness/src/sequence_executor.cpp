// SPDX-License-Identifier: MIT
// SequenceExecutor (see sequence_executor.h).
#include "sequence_executor.h"

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

  std::optional<Mismatch> execute(const std::vector<Op>& ops) {
    twin_ = reset_twin_;  // a copy shares the layouts: no rebuild per sequence
    dut_irq_ = CountingIrq();
    bound_hit_.reset();
    DifferentialOptions options;
    options.max_steps = max_steps;
    options.dma_faults = &faults_;
    Differential d(twin_, &dut_, &dut_irq_, coverage_, counters, options);
    try {
      dut_.reset();
    } catch (const DeviceFailure& e) {
      throw DeviceFailure(std::string(e.what()) + " at operation 0 while resetting");
    }
    std::optional<Mismatch> m = d.initialise_unknown_resets();
    for (std::size_t k = 0; k < ops.size() && !m; ++k) {
      ++ops_executed;
      try {
        m = d.apply(ops[k], k);
      } catch (const StepBoundHit& hit) {
        bound_hit_ = hit.where;  // nothing after it is compared: the model did not finish
        break;
      }
    }
    return m;
  }

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
std::optional<Mismatch> SequenceExecutor::execute(const std::vector<Op>& ops) { return impl_->execute(ops); }
std::uint64_t SequenceExecutor::reads_compared() const { return impl_->counters.reads_compared; }
std::uint64_t SequenceExecutor::commands() const { return impl_->counters.commands; }
std::uint64_t SequenceExecutor::operations() const { return impl_->ops_executed; }
std::uint64_t SequenceExecutor::injected_dma_aborts() const { return impl_->faults_.hits; }
void SequenceExecutor::set_max_steps(std::uint64_t n) { impl_->max_steps = n; }
const std::optional<std::string>& SequenceExecutor::bound_hit() const { return impl_->bound_hit_; }

}  // namespace cts::harness
