// SPDX-License-Identifier: MIT
// MachineState, MachineSut (see machine_state.h).
#include "machine_state.h"

namespace cts::stateful {
namespace {

harness::ModelTwin initialised(const harness::ModelTwin& reset) {
  harness::ModelTwin t = reset;
  harness::DifferentialCounters unused;
  harness::Differential(t, nullptr, nullptr, nullptr, unused).initialise_unknown_resets();
  return t;
}

}  // namespace

MachineContext::MachineContext(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& c)
    : config(c),
      shape(harness::shape_of(model::ReferenceModel(spec, c))),
      reset_twin(model::ReferenceModel(spec, c)),
      initial(initialised(reset_twin)) {}

MachineState::MachineState(std::shared_ptr<const MachineContext> c)
    : ctx(std::move(c)), twin(ctx->initial), queues(vcmdqs() + 1) {}

bool MachineState::queue_enabled(std::uint32_t q) const {
  if (q == smmu_queue()) return (read(model::Region::Smmu, 0x20) >> 3) & 1;
  return read(model::Region::Cmdqv, vcmdq_page0(q) + 8) & 1;
}

std::uint64_t MachineState::writable_value(model::Region r, std::uint64_t off) const {
  const model::RegisterFile<>& rf =
      r == model::Region::Smmu ? twin.model.smmu().registers() : twin.model.cmdqv().registers();
  const model::DecodedWord& w = rf.layout().decode(off);
  const std::int32_t id = w.kind == model::DecodedWord::None ? -1 : rf.resolve(w, off);
  const std::uint64_t defined =
      id < 0 ? 0 : rf.layout().instances()[static_cast<std::size_t>(id)].defined;
  return read(r, off) & defined & 0xFFFFFFFFull;
}

MachineSut::MachineSut(harness::Device& d, const MachineContext& c, CheckShared& s, spec::View view)
    : dut(d), ctx(c), shared(s), coverage(c.reset_twin.model.spec(), view, c.config.cmdqv) {
  options.run_calls = 8;  // eventual consumption: a device that stops early gets more run() calls
}

std::optional<harness::Mismatch> MachineSut::restart() {
  dut.reset();
  irq = harness::CountingIrq();
  harness::ModelTwin t = ctx.reset_twin;
  return harness::Differential(t, &dut, &irq, &coverage, counters, options)
      .initialise_unknown_resets();
}

std::vector<std::string> MachineSut::blamed_clauses() const {
  std::vector<std::string> out;
  for (const harness::ClauseTally& t : coverage.tallies()) {
    if (t.failures) out.push_back(t.clause->id);
  }
  if (coverage.unattributed_failures()) out.push_back("(no clause)");
  return out;
}

std::string MachineSut::record_failure(const std::string& what) {
  shared.last.what = what;
  shared.last.steps = executed;
  shared.last.clauses = blamed_clauses();
  shared.last.device_failure.clear();
  (*shared.failing_length)[sequence] = executed.size();
  std::string msg = "step " + std::to_string(executed.size()) + " (" +
                    (executed.empty() ? "reset" : executed.back()) + "): " + what + "; clauses:";
  for (const std::string& c : shared.last.clauses) msg += " " + c;
  return msg;
}

std::string MachineSut::record_device_failure(const std::string& what) {
  const std::string msg = record_failure("DEVICE FAILED: " + what);
  shared.last.device_failure = what;
  return msg;
}

}  // namespace cts::stateful
