// SPDX-License-Identifier: MIT
// check_device_stateful (see stateful_check.h).
#include "stateful_check.h"

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <chrono>
#include <sstream>

#include "swarm.h"
#include "truncate_first.h"

namespace cts::stateful {
namespace {

using Clock = std::chrono::steady_clock;
using Commands = rc::state::Commands<rc::state::Command<MachineState, MachineSut>>;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Ends the search phase at the first failing test case: the cases after it are shrink replays,
// which must not count as coverage or throughput of the search.
class PhaseListener final : public rc::detail::TestListener {
 public:
  PhaseListener(CheckShared& shared, Clock::time_point start, double& first_failure)
      : shared_(shared), start_(start), first_failure_(first_failure) {}
  void onTestCaseFinished(const rc::detail::CaseDescription& d) override {
    if (d.result.type != rc::detail::CaseResult::Type::Failure || shared_.shrinking) return;
    shared_.shrinking = true;
    shared_.steps_to_first_failure = shared_.steps_searched;
    first_failure_ = since(start_);
  }
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}

 private:
  CheckShared& shared_;
  Clock::time_point start_;
  double& first_failure_;
};

}  // namespace

StatefulResult check_device_stateful(std::shared_ptr<const spec::Spec> spec,
                                     harness::Profile profile, const DeviceFactory& device_factory,
                                     const StatefulOptions& options) {
  const Clock::time_point start = Clock::now();
  const model::ModelConfig base = harness::profile_config(profile, "");
  StatefulResult result{false,
                        {},
                        {},
                        {},
                        {},
                        {},
                        {},
                        {},
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        {},
                        {},
                        harness::ClauseCoverage(*spec, base.view, base.cmdqv)};
  std::unique_ptr<harness::Device> dut;
  std::shared_ptr<const MachineContext> ctx;
  try {
    dut = device_factory();
    const model::ModelConfig config = harness::probe_device_config(*dut, base);
    result.config = config.describe();
    ctx = std::make_shared<const MachineContext>(spec, config);
  } catch (const std::exception& e) {
    result.error = std::string("cannot open the device: ") + e.what();
    return result;
  }
  CheckShared shared(*spec, base.view, base.cmdqv);
  const std::uint32_t available = available_kinds(base.cmdqv);
  const int cap = std::max(options.max_steps, 1);

  const auto property = [&] {
    const std::uint32_t enabled = *rc::gen::noShrink(swarm_subset(available));
    const MachineState initial(ctx);
    const Commands cmds = *truncate_first(
        rc::gen::resize(cap - 1, rc::state::gen::commands(initial,
                                                          [enabled](const MachineState& s) {
                                                            return swarm_command(s, enabled);
                                                          })),
        std::shared_ptr<const FailingLengths>(shared.failing_length));
    MachineSut sut(*dut, *ctx, shared, base.view);
    sut.sequence = identity(cmds);
    const bool searching = !shared.shrinking;
    if (searching) shared.swarm_masks.push_back(enabled);
    const auto finish = [&] {
      if (!searching) return;
      shared.executed_kinds.push_back(sut.kinds_run);
      shared.coverage.merge(sut.coverage);
      shared.reads_compared += sut.counters.reads_compared;
      shared.commands_consumed += sut.counters.commands;
    };
    try {
      if (const auto m = sut.restart()) RC_FAIL(sut.record_failure(m->what));
      rc::state::runAll(cmds, initial, sut);
    } catch (...) {
      finish();
      throw;
    }
    finish();
  };

  rc::detail::TestParams params;
  params.seed = options.seed;
  params.maxSuccess = options.tests;
  params.maxSize = 100;
  params.maxDiscardRatio = 10;
  double first_failure = 0;
  PhaseListener listener(shared, start, first_failure);
  rc::detail::TestMetadata metadata;
  metadata.id = metadata.description = std::string("stateful ") + harness::to_string(profile);
  const rc::detail::TestResult r = rc::detail::checkTestable(property, metadata, params, listener);

  std::ostringstream report;
  rc::detail::printResultMessage(r, report);
  result.rapidcheck_report = report.str();
  result.steps_searched = shared.steps_searched;
  result.steps_shrinking = shared.steps_shrinking;
  result.steps_to_first_failure = shared.steps_to_first_failure;
  result.reads_compared = shared.reads_compared;
  result.commands_consumed = shared.commands_consumed;
  result.swarm_masks = shared.swarm_masks;
  result.executed_kinds = shared.executed_kinds;
  result.coverage = shared.coverage;
  result.seconds_to_first_failure = first_failure;
  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  rc::detail::Error error;
  if (r.match(success)) {
    result.passed = true;
    result.test_cases = success.numSuccess;
  } else if (r.match(failure)) {
    result.test_cases = failure.numSuccess;
    result.what = shared.last.what;
    result.counterexample = shared.last.steps;
    result.clauses = shared.last.clauses;
    result.device_failure = shared.last.device_failure;
    if (result.what.empty()) result.error = failure.description;  // failed outside every command
  } else if (r.match(gave_up)) {
    result.error = "RapidCheck gave up: " + gave_up.description;
  } else if (r.match(error)) {
    result.error = "RapidCheck error: " + error.description;
  }
  result.seconds = since(start);
  return result;
}

}  // namespace cts::stateful
