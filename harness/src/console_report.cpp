// SPDX-License-Identifier: MIT
// Console report (see console_report.h).
#include "cmdqv_cts/harness/console_report.h"

#include <algorithm>
#include <iomanip>

namespace cts::harness {
namespace {

// A run that compared nothing, or exercised none of the clauses it judges, must not pass.
bool checked_something(const ProfileRun& run) {
  if (run.reads_compared == 0 && run.commands == 0) return false;
  return std::any_of(run.coverage.tallies().begin(), run.coverage.tallies().end(),
                     [](const ClauseTally& t) {
                       return t.skip_reason.empty() && (t.exercised > 0 || t.failures > 0);
                     });
}

}  // namespace

bool print_report(std::ostream& os, const ProfileRun& run, const RunOptions& options, bool verbose,
                  const std::vector<Expectation>& expectations) {
  const Judgement j = judge(run, run.device, expectations);
  auto expected_reason = [&](const std::string& id) -> const Expectation* {
    for (const auto& [clause, x] : j.expected) {
      if (clause == id) return x;
    }
    return nullptr;
  };
  os << "== device " << run.device << ", profile " << to_string(run.profile) << " (" << run.config
     << ")\n"
     << "   seed " << options.seed << ", "
     << (options.sequences == 0
             ? std::string("no random sequence")
             : "sequences " + std::to_string(options.first_sequence) + ".." +
                   std::to_string(options.first_sequence + options.sequences - 1))
     << (options.shard_count > 1 ? " (shard " + std::to_string(options.shard_index) + "/" +
                                       std::to_string(options.shard_count) + ")"
                                 : std::string())
     << ", " << run.ops << " operations, " << run.reads_compared << " reads compared, "
     << run.commands << " commands consumed\n";
  if (run.injected_dma_aborts) {
    os << "   DMA reads aborted by injection: " << run.injected_dma_aborts
       << " (the model expected CERROR_ABT for each)\n";
  }
  if (run.injected_faults) {
    os << "   faults injected into the device's answers: " << run.injected_faults << ", "
       << run.injected_faults_compared << " of them into compared values\n";
  }
  std::size_t pass = 0, fail = 0, unexercised = 0, skipped = 0;
  std::string unreached;  // "Q-4 above, HYP-1 read64": branches of judged clauses
  os << "   " << std::left << std::setw(10) << "CLAUSE" << std::setw(11) << "CONFIDENCE"
     << std::setw(16) << "STATUS"
     << "EXERCISED\n";
  for (const ClauseTally& t : run.coverage.tallies()) {
    std::string status;
    if (!t.skip_reason.empty()) {
      status = "skipped";
      ++skipped;
    } else if (t.failures) {
      status = expected_reason(t.clause->id) ? "FAIL (expected)" : "FAIL";
      ++fail;
    } else if (t.exercised == 0) {
      status = "not exercised";
      ++unexercised;
    } else {
      status = "pass";
      ++pass;
    }
    if (!verbose && status == "skipped") continue;
    os << "   " << std::setw(10) << t.clause->id << std::setw(11)
       << spec::to_string(t.clause->confidence) << std::setw(16) << status << t.exercised;
    if (!t.skip_reason.empty()) os << "  (" << t.skip_reason << ")";
    os << "\n";
    if (t.failures) os << "      first failure: " << t.first_failure << "\n";
    if (!t.branches.empty() && t.skip_reason.empty()) {
      // Each branch of the clause, counted only where a comparison checked its outcome.
      os << "      branches:";
      bool first = true;
      for (const auto& [name, n] : t.branches) {
        os << (first ? " " : ", ") << name << " " << n;
        first = false;
        if (n == 0) unreached += (unreached.empty() ? "" : ", ") + t.clause->id + " " + name;
      }
      os << "\n";
    }
    // Each case the clause failed in: a distinct deviation, expected or new.
    for (const auto& [case_name, k] : t.cases) {
      const Expectation* x = nullptr;
      for (const Expectation* h : j.held) {
        if (h->clause == t.clause->id && h->case_name == case_name) x = h;
      }
      os << "      case " << case_name << ": " << k.failures << " failure(s)"
         << (x ? ", expected: " + x->reason + " (" + x->reference + ")"
               : std::string(t.skip_reason.empty() ? ", NEW" : ""))
         << "\n";
      if (!x && k.first_failure != t.first_failure)
        os << "        first: " << k.first_failure << "\n";
    }
  }
  if (run.coverage.unattributed_failures()) {
    ++fail;
    os << "   FAIL outside every clause: " << run.coverage.first_unattributed() << "\n";
  }
  for (const Failure& f : run.failures) {
    std::string ids;
    for (const std::string& c : f.clauses) ids += (ids.empty() ? "" : ", ") + c;
    os << "   counterexample" << (ids.empty() ? "" : " for " + ids) << " (" << failure_origin(f)
       << ", " << f.steps.size() << " of " << f.original_length << " operations"
       << (f.shrunk ? ", shrunk" : ", not shrunk: the shrunk case did not reproduce") << "):\n";
    for (std::size_t k = 0; k < f.steps.size(); ++k)
      os << "     " << k + 1 << ". " << f.steps[k] << "\n";
    os << "     => " << f.what << "\n";
    if (f.nondeterministic)
      os << "     NOTE: the device answered two replays of this case differently "
            "(non-deterministic)\n";
    os << "     reproduce: " << reproduce_command(run, options, f) << "\n";
  }
  if (run.directed_judged || run.directed_not_fitting) {
    os << "   directed tests: " << run.directed_judged << " judged before the random sequences"
       << (run.directed_not_fitting
               ? ", " + std::to_string(run.directed_not_fitting) +
                     " left out (they name a VINTF or VCMDQ this device does not have)"
               : "")
       << "\n";
  }
  if (!unreached.empty()) {
    os << "   branches not reached (their outcome was never compared): " << unreached << "\n";
  }
  for (const std::string& choice : run.disputed_choices)
    os << "   permitted outcome chosen: " << choice << "\n";
  if (run.failing_sequences > run.failures.size()) {
    os << "   ... and " << run.failing_sequences - run.failures.size()
       << " more failing sequences\n";
  }
  if (!run.device_failure.empty()) {
    os << "   " << (run.interrupted ? "INTERRUPTED: " : "DEVICE FAILED: ") << run.device_failure
       << "\n";
  }
  if (run.step_bound_hits) {
    os << "   STEP BOUND: " << run.step_bound_hits << " sequence(s) stopped at --max-model-steps "
       << options.max_model_steps << ", the rest of each unchecked (first: " << run.first_step_bound
       << ")\n";
  }
  // A device that answers the same replay differently cannot be judged by its answers: that is a
  // finding of its own, never an expected deviation.
  bool nondeterministic = false;
  for (const Failure& f : run.failures) nondeterministic = nondeterministic || f.nondeterministic;
  for (const Expectation* x : j.stale) {
    os << "   STALE expectation (" << x->loc.str() << "): " << x->label()
       << " was expected to fail (" << x->reason << ") but did not\n";
  }
  if (!j.not_reached.empty()) {
    // Not a verdict on the entries: a shorter or another campaign may simply not get there.
    os << "   " << j.not_reached.size()
       << " expected case(s) not reached: this run is not the campaign they were written for ("
       << j.not_reached.front()->written_for->describe()
       << "), so it cannot tell whether they are fixed\n";
  }
  const bool checked_nothing = !checked_something(run);
  if (checked_nothing && run.device_failure.empty()) {
    os << "   FAIL: the run checked nothing (no read compared and no command consumed, or no "
          "selected clause "
          "exercised)\n";
  }
  const bool conforms = fail == 0 && run.device_failure.empty() && !checked_nothing;
  const bool passes = j.passes() && !checked_nothing && !nondeterministic;
  std::string verdict = conforms ? "CONFORMS" : "DOES NOT CONFORM";
  if (!conforms && passes) verdict = "DOES NOT CONFORM, only in expected ways";
  if (nondeterministic)
    verdict = "DOES NOT CONFORM: NON-DETERMINISTIC (the same replay answered differently)";
  os << "   verdict: " << verdict << " (" << pass << " pass, " << fail << " FAIL, " << unexercised
     << " not exercised, " << skipped << " skipped)\n";
  return passes;
}

bool run_passes(const ProfileRun& run, const std::vector<Expectation>& expectations) {
  // A device that answered a replay differently is never explained by an expectation.
  for (const Failure& f : run.failures) {
    if (f.nondeterministic) return false;
  }
  return judge(run, run.device, expectations).passes() && checked_something(run);
}

std::string failure_origin(const Failure& f) {
  return f.directed_test.empty() ? "sequence " + std::to_string(f.sequence)
                                 : "directed test " + f.directed_test;
}

std::string reproduce_command(const ProfileRun& run, const RunOptions& options, const Failure& f) {
  if (!f.directed_test.empty()) {
    return "cmdqv-cts run --device " + run.device + " --profile " + to_string(run.profile) +
           " --directed-test " + f.directed_test;
  }
  if (options.engine == Engine::RapidCheck) {
    return "cmdqv-cts run --engine rapidcheck --device " + run.device + " --profile " +
           to_string(run.profile) + " --seed " + std::to_string(options.seed) + " --tests " +
           std::to_string(options.sequences) + " --max-steps " +
           std::to_string(options.ops_per_sequence);
  }
  return "cmdqv-cts run --device " + run.device + " --profile " + to_string(run.profile) +
         " --seed " + std::to_string(options.seed) + " --first-sequence " +
         std::to_string(f.sequence) + " --sequences 1 --no-directed --ops " +
         std::to_string(options.ops_per_sequence) + (options.shard_count > 1 ? " --shard 0/1" : "");
}

}  // namespace cts::harness
