// SPDX-License-Identifier: MIT
// The differential conformance run: sequences, shrinking of failures, device probing
// (see conformance_run.h).
#include "cmdqv_cts/harness/conformance_run.h"

#include <memory>

#include "cmdqv_cts/harness/run_ops.h"
#include "disputed_outcomes.h"
#include "sequence_executor.h"

namespace cts::harness {
namespace {

// Replays `ops` from reset on both sides; true if it fails in the same register as the
// original failure. The shrunk candidate is then cut at its failing operation.
bool reproduces(SequenceExecutor& replay, std::vector<Op>& ops, const std::string& key) {
  try {
    const std::optional<Mismatch> m = replay.execute(ops);
    if (!m || m->register_name != key) return false;
    ops.resize(m->op + 1);
    return true;
  } catch (const DeviceFailure&) {
    return false;  // a crash is a different finding; keep the failure as it was
  }
}

// Delta debugging: drop chunks of operations, halving the chunk size, while the failure
// still happens. Bounded by `budget` replays.
std::vector<Op> shrink(SequenceExecutor& replay, std::vector<Op> ops, const std::string& key,
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
                 Device& dut, const RunOptions& options, std::uint32_t sequence,
                 std::vector<Op> ops, const Mismatch& first) {
  Failure f;
  f.sequence = sequence;
  f.what = first.what;
  ops.resize(first.op + 1);
  f.original_length = ops.size();
  SequenceExecutor replay(spec, config, dut, nullptr);
  replay.set_max_steps(options.max_model_steps);
  const std::vector<Op> small = shrink(replay, ops, first.register_name, options.shrink_replays);
  std::optional<Mismatch> again[2];
  try {
    again[0] = replay.execute(small);
    again[1] = replay.execute(small);
  } catch (const DeviceFailure&) {
  }
  f.shrunk = again[0].has_value() && again[0]->register_name == first.register_name;
  const std::vector<Op>& shown = f.shrunk ? small : ops;
  if (f.shrunk) f.what = again[0]->what;
  f.nondeterministic = !again[0] || !again[1] || again[0]->what != again[1]->what;
  for (const Op& op : shown) f.steps.push_back(describe(op));
  f.ops = shown;
  return f;
}

// The first of `candidates` under which the model agrees with the device on `ops`.
std::optional<model::ModelPolicy> explaining_policy(
    std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config, Device& dut,
    const std::vector<Op>& ops, const std::vector<model::ModelPolicy>& candidates,
    std::uint64_t max_model_steps) {
  for (const model::ModelPolicy& p : candidates) {
    model::ModelConfig c = config;
    c.policy = p;
    SequenceExecutor replay(spec, c, dut, nullptr);
    replay.set_max_steps(max_model_steps);
    if (!replay.execute(ops)) return p;
  }
  return std::nullopt;
}

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

ProfileRun run_profile(std::shared_ptr<const spec::Spec> spec, Profile profile,
                       const model::ModelConfig& config, Device& dut, const RunOptions& options,
                       const RunObserver& observer) {
  ProfileRun run{profile, dut.name(), config.describe(),
                 0,       0,          0,
                 {},      0,          ClauseCoverage(*spec, config.view, config.cmdqv),
                 {}};
  // The model's policy follows the device's choices of disputed outcomes (disputed_outcomes.h).
  model::ModelConfig current = config;
  DisputedOutcomes disputed(config.policy, spec.get());
  auto make_executor = [&] {
    auto e = std::make_unique<SequenceExecutor>(spec, current, dut, &run.coverage);
    e->set_max_steps(options.max_model_steps);
    return e;
  };
  auto executor = make_executor();
  // Counts of executors replaced when the policy changed.
  std::uint64_t ops_retired = 0, reads_retired = 0, commands_retired = 0, aborts_retired = 0;
  const SequenceShape shape = shape_of(model::ReferenceModel(spec, config));
  const std::uint32_t total = sequences_in_shard(options);
  std::uint32_t done = 0;
  std::uint32_t s = options.first_sequence;
  try {
    for (; s < options.first_sequence + options.sequences; ++s) {
      if (s % options.shard_count != options.shard_index) continue;
      const std::vector<Op> ops =
          generate_sequence(options.seed, s, shape, options.ops_per_sequence);
      const ClauseCoverage before = run.coverage;
      const std::uint64_t ops_before = executor->operations(),
                          reads_before = executor->reads_compared(),
                          commands_before = executor->commands();
      std::optional<Mismatch> m = executor->execute(ops);
      if (m) {
        if (const auto policy =
                explaining_policy(spec, current, dut, ops, disputed.alternatives(), options.max_model_steps)) {
          // The device chose another permitted outcome: count this sequence again under it.
          disputed.adopt(*policy);
          current.policy = *policy;
          run.coverage = before;
          ops_retired += ops_before;
          reads_retired += reads_before;
          commands_retired += commands_before;
          aborts_retired += executor->injected_dma_aborts();
          executor = make_executor();
          m = executor->execute(ops);
        }
      }
      if (executor->bound_hit() && run.step_bound_hits++ == 0) {
        run.first_step_bound = "sequence " + std::to_string(s) + ": " + *executor->bound_hit();
      }
      if (observer.progress) observer.progress(++done, total);
      if (!m) continue;
      if (run.failing_sequences++ < options.shrink_failures) {
        Failure f = minimise(spec, current, dut, options, s, ops, *m);
        const std::vector<std::uint64_t> failed_before = before.failure_counts(),
                                         failed_after = run.coverage.failure_counts();
        for (std::size_t i = 0; i < failed_after.size(); ++i) {
          if (failed_after[i] != failed_before[i])
            f.clauses.push_back(run.coverage.tallies()[i].clause->id);
        }
        if (observer.failure) observer.failure(f);
        run.failures.push_back(std::move(f));
      }
    }
  } catch (const DeviceFailure& e) {
    // Everything found before the failure stays in `run`.
    run.device_failure = std::string(e.what()) + " (sequence " + std::to_string(s) + ")";
  }
  run.coverage.deselect_unless(options.clause_globs, "not selected by --clauses");
  run.ops = ops_retired + executor->operations();
  run.reads_compared = reads_retired + executor->reads_compared();
  run.commands = commands_retired + executor->commands();
  run.disputed_choices = disputed.choices();
  run.injected_dma_aborts = aborts_retired + executor->injected_dma_aborts();
  return run;
}

}  // namespace cts::harness
