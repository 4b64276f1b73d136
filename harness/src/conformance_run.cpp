// SPDX-License-Identifier: MIT
// The differential conformance run: sequences, shrinking of failures, device probing
// (see conformance_run.h).
#include "cmdqv_cts/harness/conformance_run.h"

#include <algorithm>
#include <memory>

#include "cmdqv_cts/harness/run_ops.h"
#include "disputed_outcomes.h"
#include "sequence_executor.h"

namespace cts::harness {
namespace {

// Counterexamples kept per run beyond RunOptions::shrink_failures: one per new (clause, case),
// so that a device with many distinct deviations shows each, within a bounded report.
constexpr std::size_t kMaxCounterexamples = 64;
constexpr std::uint32_t kExtraShrinkReplays = 20;

// The same failure: in the same register, charged to the same clauses and case (a shrunk
// counterexample must show the deviation it stands for, not another one).
bool same_failure(const std::optional<Mismatch>& m, const Mismatch& original) {
  return m && m->register_name == original.register_name && m->cause == original.cause;
}

// Replays `ops` from reset on both sides; true if it fails as the original failure did. The
// shrunk candidate is then cut at its failing operation.
bool reproduces(SequenceExecutor& replay, std::vector<Op>& ops, const Mismatch& original) {
  try {
    const std::optional<Mismatch> m = replay.execute(ops);
    if (!same_failure(m, original)) return false;
    ops.resize(m->op + 1);
    return true;
  } catch (const DeviceFailure&) {
    return false;  // a crash is a different finding; keep the failure as it was
  }
}

// Delta debugging: drop chunks of operations, halving the chunk size, while the failure
// still happens. Bounded by `budget` replays.
std::vector<Op> shrink(SequenceExecutor& replay, std::vector<Op> ops, const Mismatch& key,
                       std::uint32_t budget) {
  for (std::size_t chunk = ops.size() / 2; chunk >= 1 && budget > 0; chunk /= 2) {
    for (std::size_t i = 0; i + 1 < ops.size() && budget > 0;) {
      std::vector<Op> candidate(ops.begin(), ops.begin() + static_cast<std::ptrdiff_t>(i));
      const std::size_t end = std::min(ops.size() - 1, i + chunk);  // keep the failing operation
      candidate.insert(candidate.end(), ops.begin() + static_cast<std::ptrdiff_t>(end), ops.end());
      --budget;
      if (end > i && reproduces(replay, candidate, key)) {
        ops = std::move(candidate);
      } else {
        i += chunk;
      }
    }
  }
  return ops;
}

Failure minimise(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config,
                 Device& dut, const RunOptions& options, std::vector<Op> ops, const Mismatch& first,
                 std::uint32_t budget) {
  Failure f;
  f.what = first.what;
  ops.resize(first.op + 1);
  f.original_length = ops.size();
  SequenceExecutor replay(spec, config, dut, nullptr);
  replay.set_max_steps(options.max_model_steps);
  const std::vector<Op> small = shrink(replay, ops, first, budget);
  std::optional<Mismatch> again[2];
  try {
    again[0] = replay.execute(small);
    again[1] = replay.execute(small);
  } catch (const DeviceFailure&) {
  }
  f.shrunk = same_failure(again[0], first);
  const std::vector<Op>& shown = f.shrunk ? small : ops;
  if (f.shrunk) f.what = again[0]->what;
  f.nondeterministic = !again[0] || !again[1] || again[0]->what != again[1]->what;
  for (const Op& op : shown) f.steps.push_back(describe(op));
  f.ops = shown;
  return f;
}

// Runs `ops` from reset on the device and on the model under `config`: the first difference.
// `rewritten`: with those queue entries rewritten (a counterfactual, run_ops.h).
std::optional<Mismatch> replay(std::shared_ptr<const spec::Spec> spec,
                               const model::ModelConfig& config, Device& dut,
                               const std::vector<Op>& ops, std::uint64_t max_model_steps,
                               const std::vector<QueueEntry>& rewritten = {}) {
  SequenceExecutor executor(spec, config, dut, nullptr);
  executor.set_max_steps(max_model_steps);
  return executor.execute(ops, rewritten);
}

// `ops` from reset agree on the device and on the model under `config` with outcomes `policy`.
bool passes_under(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config,
                  Device& dut, const model::ModelPolicy& policy, const std::vector<Op>& ops,
                  std::uint64_t max_model_steps, const std::vector<QueueEntry>& rewritten = {}) {
  model::ModelConfig c = config;
  c.policy = policy;
  return !replay(spec, c, dut, ops, max_model_steps, rewritten).has_value();
}

// True if the model predicts something different on `ops` under policy `to` than under `from`:
// the model under `from` plays the device for the model under `to`, so only compared values
// count. An outcome that changes nothing on a sequence cannot explain its failure.
bool prediction_changes(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config,
                        const Device& dut, const model::ModelPolicy& from,
                        const model::ModelPolicy& to, const std::vector<Op>& ops,
                        std::uint64_t max_model_steps) {
  model::ModelConfig predicted = config, other = config;
  predicted.policy = from;
  other.policy = to;
  ModelDevice twin(model::ReferenceModel(spec, predicted));
  if (const DmaFaults* faults = dut.dma_faults()) twin.inject_dma_faults(*faults);
  return replay(spec, other, twin, ops, max_model_steps).has_value();
}

// The failure `first` comes back, identical, on two replays under the current choices: a flake
// is never explained by a permitted outcome.
bool reproduces_deterministically(std::shared_ptr<const spec::Spec> spec,
                                  const model::ModelConfig& config, Device& dut,
                                  const std::vector<Op>& ops, const Mismatch& first,
                                  std::uint64_t max_model_steps) {
  for (int i = 0; i < 2; ++i) {
    const std::optional<Mismatch> again = replay(spec, config, dut, ops, max_model_steps);
    if (!again || again->what != first.what || again->op != first.op) return false;
  }
  return true;
}

// The first of `candidates` that changes the model's prediction on `ops` and under which the
// model agrees with the device. `replayed`: some candidate was worth a replay on the device.
// When the failure had two explanations that a replay with entries made legal told apart
// (Mismatch::told_apart_by), the candidate must explain that replay as well: a device that
// raised an error and moved CONS on looks, on this sequence alone, like one that executed the
// command, and must not make the model adopt "executes".
std::optional<model::ModelPolicy> explaining_policy(
    std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config, Device& dut,
    const std::vector<Op>& ops, const Mismatch& failure,
    const std::vector<model::ModelPolicy>& candidates, std::uint64_t max_model_steps,
    bool& replayed) {
  replayed = false;
  for (const model::ModelPolicy& p : candidates) {
    if (!prediction_changes(spec, config, dut, config.policy, p, ops, max_model_steps)) continue;
    replayed = true;
    if (!passes_under(spec, config, dut, p, ops, max_model_steps)) continue;
    if (!failure.told_apart_by.empty() &&
        !passes_under(spec, config, dut, p, ops, max_model_steps, failure.told_apart_by))
      continue;
    return p;
  }
  return std::nullopt;
}

// True if every operation of `t` exists on this device: its registers are among the shape's and
// its queues below the device's VCMDQ count. A test written for the reference geometry (8 VINTFs,
// 128 VCMDQs) may name a VINTF or queue that a smaller device has not, and software must not
// touch what the device does not implement.
bool fits(const DirectedTest& t, const SequenceShape& shape) {
  for (const Op& op : t.ops) {
    switch (op.kind) {
      case OpKind::Write:
      case OpKind::Read:
        // Each 32-bit word of the access (a 64-bit access may span two 32-bit registers, as
        // HYP-1's 64-bit CONFIG writes do) lies in a register of the device.
        for (std::uint64_t word = op.offset; word < op.offset + op.size; word += 4) {
          const auto inside = [&](const SequenceShape::Target& r) {
            return r.region == op.region && word >= r.offset && word + 4 <= r.offset + r.width / 8;
          };
          if (std::none_of(shape.offsets.begin(), shape.offsets.end(), inside)) return false;
        }
        break;
      case OpKind::BringUp:
      case OpKind::Push:
        if (!op.smmu && op.queue >= shape.vcmdqs) return false;
        if (op.borrow_slot_of >= 0 && static_cast<std::uint32_t>(op.borrow_slot_of) >= shape.vcmdqs)
          return false;
        break;
      case OpKind::Run:
        break;
    }
  }
  return true;
}

// What a campaign judges, in order: the directed tests of the profile that fit the device, then
// the random sequences of the shard.
class Campaign {
 public:
  Campaign(const RunOptions& options, Profile profile, SequenceShape shape)
      : options_(options), shape_(std::move(shape)) {
    if (options.directed_tests && options.shard_index == 0) {
      for (const DirectedTest& t : *options.directed_tests) {
        if (t.profile != profile) continue;
        if (fits(t, shape_)) {
          directed_.push_back(&t);
        } else {
          ++not_fitting_;
        }
      }
    }
    for (std::uint32_t s = options.first_sequence; s < options.first_sequence + options.sequences;
         ++s) {
      if (s % options.shard_count == options.shard_index) sequences_.push_back(s);
    }
  }

  std::size_t size() const { return directed_.size() + sequences_.size(); }
  std::uint32_t directed_count() const { return static_cast<std::uint32_t>(directed_.size()); }
  std::uint32_t not_fitting() const { return not_fitting_; }
  const DirectedTest* directed(std::size_t i) const {
    return i < directed_.size() ? directed_[i] : nullptr;
  }
  std::uint32_t sequence(std::size_t i) const {
    return i < directed_.size() ? 0 : sequences_[i - directed_.size()];
  }
  std::vector<Op> ops(std::size_t i) const {
    if (const DirectedTest* t = directed(i)) return t->ops;
    return generate_sequence(options_.seed, sequence(i), shape_, options_.ops_per_sequence);
  }
  std::string name(std::size_t i) const {
    if (const DirectedTest* t = directed(i)) return "directed test " + t->name;
    return "sequence " + std::to_string(sequence(i));
  }
  // Marks `f` as coming from item `i`.
  void label(std::size_t i, Failure& f) const {
    f.sequence = sequence(i);
    if (const DirectedTest* t = directed(i)) f.directed_test = t->name;
  }

 private:
  const RunOptions& options_;
  SequenceShape shape_;
  std::vector<const DirectedTest*> directed_;
  std::vector<std::uint32_t> sequences_;
  std::uint32_t not_fitting_ = 0;
};

}  // namespace

const char* to_string(Profile p) {
  switch (p) {
    case Profile::Smmuv3:
      return "smmuv3";
    case Profile::CmdqvHost:
      return "cmdqv-host";
    case Profile::CmdqvGuest:
      return "cmdqv-guest";
  }
  return "?";
}

bool profile_from_string(std::string_view s, Profile& out) {
  for (Profile p : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
    if (s == to_string(p)) {
      out = p;
      return true;
    }
  }
  return false;
}

model::ModelConfig profile_config(Profile p, std::string_view device_options) {
  const spec::View view = p == Profile::CmdqvGuest ? spec::View::Guest : spec::View::Host;
  model::ModelConfig c = model::ModelConfig::parse(device_options, view);
  if (p == Profile::Smmuv3) c.cmdqv = false;
  return c;
}

ProfileRun empty_profile_run(const spec::Spec& spec, Profile profile, const std::string& device) {
  const model::ModelConfig c = profile_config(profile, "");
  return ProfileRun{profile, device, "", 0, 0, 0, {}, 0, ClauseCoverage(spec, c.view, c.cmdqv), {}};
}

model::ModelConfig probe_device_config(Device& dut, const model::ModelConfig& base) {
  dut.reset();
  auto read = [&](Region r, std::uint64_t off, const char* name) {
    std::uint64_t v = 0;
    if (!dut.read(r, off, 4, v)) throw DeviceFailure(std::string("bus error reading ") + name);
    return v;
  };
  model::ModelConfig c = base;
  c.set_identification(read(Region::Smmu, 0x00, "IDR0"), read(Region::Smmu, 0x04, "IDR1"),
                       read(Region::Smmu, 0x0C, "IDR3"));
  // IDR5.OAS bounds CMDQ_BASE.ADDR (6.3.26); AIDR gives the version where v3.1 and v3.2 differ.
  c.set_identification5(read(Region::Smmu, 0x14, "IDR5"), read(Region::Smmu, 0x1C, "AIDR"));
  if (c.cmdqv) {
    const std::uint64_t param = read(Region::Cmdqv, 0x04, "CMDQV PARAM");
    c.vcmdqs_log2 = static_cast<unsigned>((param >> 4) & 0xF);
    c.vintfs_log2 = static_cast<unsigned>((param >> 8) & 0xF);
    c.sids_log2 = static_cast<unsigned>((param >> 12) & 0xF);
  }
  c.validate();
  base.check_pins(c);  // options pin what the device must report
  return c;
}

std::uint32_t sequences_in_shard(const RunOptions& o) {
  std::uint32_t n = 0;
  for (std::uint32_t s = o.first_sequence; s < o.first_sequence + o.sequences; ++s)
    n += s % o.shard_count == o.shard_index;
  return n;
}

namespace {

// One pass of the campaign. The model starts from the outcomes `adopted` and follows the
// device's further choices (disputed_outcomes.h); `config.policy` is the model's own, against
// which the choices are reported. `late` tells whether an outcome was adopted after a sequence
// had failed: that failure may be the adopted outcome's, not the device's.
ProfileRun run_pass(std::shared_ptr<const spec::Spec> spec, Profile profile,
                    const model::ModelConfig& config, const model::ModelPolicy& adopted,
                    Device& dut, const RunOptions& options, const RunObserver& observer,
                    model::ModelPolicy& chosen, bool& late) {
  ProfileRun run{profile, dut.name(), config.describe(),
                 0,       0,          0,
                 {},      0,          ClauseCoverage(*spec, config.view, config.cmdqv),
                 {}};
  model::ModelConfig current = config;
  current.policy = adopted;
  DisputedOutcomes disputed(config.policy, adopted, config.cmdqv, spec.get());
  late = false;
  auto make_executor = [&] {
    auto e = std::make_unique<SequenceExecutor>(spec, current, dut, &run.coverage);
    e->set_max_steps(options.max_model_steps);
    return e;
  };
  auto executor = make_executor();
  // Counts of executors replaced when the policy changed.
  std::uint64_t ops_retired = 0, reads_retired = 0, commands_retired = 0, aborts_retired = 0;
  const Campaign campaign(options, profile, shape_of(model::ReferenceModel(spec, config)));
  const std::uint32_t total = static_cast<std::uint32_t>(campaign.size());
  std::uint32_t done = 0;
  std::vector<std::size_t> passed;  // items judged under the choices adopted so far
  auto record = [&](Failure f) {
    ++run.failing_sequences;
    if (observer.failure) observer.failure(f);
    run.failures.push_back(std::move(f));
  };
  auto passes = [&](const model::ModelPolicy& p, const std::vector<Op>& ops) {
    return passes_under(spec, current, dut, p, ops, options.max_model_steps);
  };
  // After an adoption, every item that passed is judged again. One on which the adopted outcome
  // changes the model's prediction passed as the earlier outcome predicts, so if it fails now the
  // device did not choose the adopted outcome (a deterministic device cannot agree with two
  // different predictions): the adoption is refuted and undone, and the adopting item is judged
  // under the outcomes it had. Two open outcomes can meet in one sequence (ERR-7's error maps of
  // a slot ALLOC-4 gives to one of two queues): an earlier item that fails under the adopted
  // outcome alone but passes, with the adopting item, once one more open outcome is adopted as
  // well, extends the adoption instead. Returns what happened; `why` says which item refuted it.
  enum class Rejudged { Consistent, Extended, Refuted };
  auto rejudge = [&](const model::ModelPolicy& before, std::size_t later,
                     const std::vector<Op>& later_ops, std::string& why) {
    Rejudged out = Rejudged::Consistent;
    for (bool restart = true; restart;) {
      restart = false;
      for (const std::size_t earlier : passed) {
        const std::vector<Op> ops = campaign.ops(earlier);
        if (!prediction_changes(spec, current, dut, before, current.policy, ops,
                                options.max_model_steps)) {
          continue;
        }
        const std::optional<Mismatch> now =
            replay(spec, current, dut, ops, options.max_model_steps);
        if (!now) {
          // It passed under the earlier outcome when judged and passes under the adopted one now.
          // If it still passes under the earlier one, the device's answers agree with both
          // predictions where it was compared: no contradiction.
          if (passes(before, ops)) continue;
          // Otherwise the device changed its answers to the same sequence during the run.
          why = "inconsistent choice of permitted outcome: " + campaign.name(earlier) +
                " agreed with the model when it ran only if the device " +
                disputed.describe(before, current.policy) + ", and replayed now only if it " +
                disputed.describe(current.policy, before) +
                ": the device changed its answers during the run";
          disputed.refute(before);
          current.policy = before;
          return Rejudged::Refuted;
        }
        for (const model::ModelPolicy& p : disputed.alternatives()) {
          if (passes(p, ops) && passes(p, later_ops)) {
            disputed.adopt(p);
            current.policy = p;
            out = Rejudged::Extended;
            restart = true;
            break;
          }
        }
        if (restart) break;
        why = "not a permitted outcome the device chose: " + campaign.name(later) +
              " agrees with the model if the device " + disputed.describe(current.policy, before) +
              ", but " + campaign.name(earlier) + " agreed only if it " +
              disputed.describe(before, current.policy) +
              " (replayed under the first: " + now->what +
              "); either the device switched outcomes (inconsistent choice of permitted "
              "outcome) or another deviation looks like this outcome here";
        disputed.refute(before);
        current.policy = before;
        return Rejudged::Refuted;
      }
    }
    return out;
  };
  std::size_t item = 0;
  try {
    for (; item < campaign.size(); ++item) {
      const std::vector<Op> ops = campaign.ops(item);
      const ClauseCoverage before = run.coverage;
      const std::uint64_t ops_before = executor->operations(),
                          reads_before = executor->reads_compared(),
                          commands_before = executor->commands();
      std::optional<Mismatch> m = executor->execute(ops);
      std::string refuted;  // an adoption this item suggested and an earlier item refuted
      // The first difference alone is explained: a sequence may meet several choices, and they
      // are adopted one at a time, each on the prefix up to the difference it explains.
      for (bool first_adoption = true; m && disputed.searching();) {
        const std::vector<Op> prefix(
            ops.begin(), ops.begin() + static_cast<std::ptrdiff_t>(
                                           std::min<std::size_t>(ops.size(), m->op + 1)));
        if (!reproduces_deterministically(spec, current, dut, prefix, *m, options.max_model_steps))
          break;
        bool replayed = false;
        const auto policy =
            explaining_policy(spec, current, dut, prefix, *m, disputed.alternatives(),
                              options.max_model_steps, replayed);
        if (!policy) {
          if (replayed) disputed.searched_in_vain();
          break;
        }
        // The device chose another permitted outcome: count this item again under it.
        const model::ModelPolicy previous = current.policy;
        disputed.adopt(*policy);
        current.policy = *policy;
        const Rejudged rejudged = rejudge(previous, item, prefix, refuted);
        if (rejudged == Rejudged::Refuted) continue;  // back under `previous`: another outcome?
        late = late || run.failing_sequences > 0;
        run.coverage = before;
        if (first_adoption) {  // later executors hold this item alone: nothing to retire
          ops_retired += ops_before;
          reads_retired += reads_before;
          commands_retired += commands_before;
          aborts_retired += executor->injected_dma_aborts();
          first_adoption = false;
        }
        executor = make_executor();
        m = executor->execute(ops);
      }
      if (executor->bound_hit() && run.step_bound_hits++ == 0) {
        run.first_step_bound = campaign.name(item) + ": " + *executor->bound_hit();
      }
      if (observer.progress) observer.progress(++done, total);
      if (!m) {
        passed.push_back(item);
        continue;
      }
      // The first `shrink_failures` failing sequences, and the first of every (clause, case),
      // are shrunk and kept: each distinct deviation gets its own counterexample.
      const auto cases_before = before.case_counts(), cases_after = run.coverage.case_counts();
      bool new_case = false;
      std::vector<std::string> cases;
      for (const auto& [key, n] : cases_after) {
        const auto was = cases_before.find(key);
        const std::uint64_t before_n = was == cases_before.end() ? 0 : was->second;
        if (n == before_n) continue;
        new_case = new_case || before_n == 0;
        if (std::find(cases.begin(), cases.end(), key.second) == cases.end())
          cases.push_back(key.second);
      }
      if (run.failing_sequences < options.shrink_failures ||
          (new_case && run.failures.size() < kMaxCounterexamples)) {
        // Past the first `shrink_failures`, a new case is shrunk on a smaller budget: a device
        // with many deviations must not multiply the run's time.
        const std::uint32_t budget =
            run.failing_sequences < options.shrink_failures
                ? options.shrink_replays
                : std::min<std::uint32_t>(options.shrink_replays, kExtraShrinkReplays);
        Failure f = minimise(spec, current, dut, options, ops, *m, budget);
        campaign.label(item, f);
        if (!refuted.empty())
          f.what += " [a permitted outcome was tried and refuted: " + refuted + "]";
        const std::vector<std::uint64_t> failed_before = before.failure_counts(),
                                         failed_after = run.coverage.failure_counts();
        for (std::size_t i = 0; i < failed_after.size(); ++i) {
          if (failed_after[i] != failed_before[i])
            f.clauses.push_back(run.coverage.tallies()[i].clause->id);
        }
        f.cases = std::move(cases);
        record(std::move(f));
      } else {
        ++run.failing_sequences;
      }
    }
  } catch (const DeviceFailure& e) {
    // Everything found before the failure stays in `run`.
    run.device_failure = std::string(e.what()) + " (" +
                         (item < campaign.size() ? campaign.name(item) : "after the last") + ")";
  }
  run.directed_judged =
      static_cast<std::uint32_t>(std::min<std::size_t>(item, campaign.directed_count()));
  run.directed_not_fitting = campaign.not_fitting();
  run.campaign = campaign_of(options);
  run.partial = options.shard_count > 1 || !options.clause_globs.empty();
  run.coverage.deselect_unless(options.clause_globs, "not selected by --clauses");
  run.ops = ops_retired + executor->operations();
  run.reads_compared = reads_retired + executor->reads_compared();
  run.commands = commands_retired + executor->commands();
  run.disputed_choices = disputed.choices();
  run.injected_dma_aborts = aborts_retired + executor->injected_dma_aborts();
  run.injected_faults = dut.injected_faults().injected;
  run.injected_faults_compared = dut.injected_faults().compared;
  chosen = disputed.policy();
  return run;
}

}  // namespace

ProfileRun run_profile(std::shared_ptr<const spec::Spec> spec, Profile profile,
                       const model::ModelConfig& config, Device& dut, const RunOptions& options,
                       const RunObserver& observer) {
  model::ModelPolicy chosen;
  bool late = false;
  ProfileRun run =
      run_pass(spec, profile, config, config.policy, dut, options, observer, chosen, late);
  if (!late || !run.device_failure.empty()) return run;
  // A sequence failed before the device's choice of outcome was known: judge the whole campaign
  // again under the outcomes it chose, so that only what they do not explain fails (one more
  // pass, only for a device that chose other outcomes and failed before it was seen to).
  if (observer.restart) observer.restart();
  const std::uint64_t faults = run.injected_faults, faults_compared = run.injected_faults_compared;
  ProfileRun again = run_pass(spec, profile, config, chosen, dut, options, observer, chosen, late);
  // faulty: counts every fault the device injected, in both passes
  again.injected_faults = std::max(again.injected_faults, faults);
  again.injected_faults_compared = std::max(again.injected_faults_compared, faults_compared);
  return again;
}

CampaignKey campaign_of(const RunOptions& options) {
  return CampaignKey{options.seed, options.first_sequence, options.sequences,
                     options.ops_per_sequence, options.all_directed_tests};
}

std::string CampaignKey::describe() const {
  return "seed " + std::to_string(seed) + ", sequences " + std::to_string(first_sequence) + ".." +
         std::to_string(first_sequence + sequences - 1) + " of " +
         std::to_string(ops_per_sequence) + " operations, " + (directed ? "with" : "without") +
         " the built-in directed tests";
}

}  // namespace cts::harness
