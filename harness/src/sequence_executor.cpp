// SPDX-License-Identifier: MIT
// SequenceExecutor (see sequence_executor.h).
#include "sequence_executor.h"

namespace cts::harness {

class SequenceExecutor::Impl {
 public:
  Impl(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config, Device& dut, ClauseCoverage* coverage)
      : reset_twin_(model::ReferenceModel(std::move(spec), config)), twin_(reset_twin_), dut_(dut), coverage_(coverage) {}

  std::optional<Mismatch> execute(const std::vector<Op>& ops) {
    twin_ = reset_twin_;  // a copy shares the layouts: no rebuild per sequence
    dut_irq_ = CountingIrq();
    Differential d(twin_, &dut_, &dut_irq_, coverage_, counters);
    try {
      dut_.reset();
    } catch (const DeviceFailure& e) {
      throw DeviceFailure(std::string(e.what()) + " at operation 0 while resetting");
    }
    std::optional<Mismatch> m = d.initialise_unknown_resets();
    for (std::size_t k = 0; k < ops.size() && !m; ++k) {
      ++ops_executed;
      m = d.apply(ops[k], k);
    }
    return m;
  }

  DifferentialCounters counters;
  std::uint64_t ops_executed = 0;

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

}  // namespace cts::harness
