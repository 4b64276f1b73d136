// SPDX-License-Identifier: MIT
// A differential conformance run of one device in one profile: seeded random sequences of
// register accesses, queue bring-ups, command pushes and runs, applied to the device and to
// the reference model; every read is compared, and every step counts towards the clauses
// it exercises. The seed and sequence number reproduce any failure.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/clause_coverage.h"
#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/harness/run_ops.h"
#include "cmdqv_cts/model/config.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

// Profiles name what a device claims to implement.
enum class Profile { Smmuv3, CmdqvHost, CmdqvGuest };
const char* to_string(Profile p);
bool profile_from_string(std::string_view s, Profile& out);
model::ModelConfig profile_config(Profile p, std::string_view device_options);

// Model steps (commands consumed or faulted) one sequence may take: far more than a sequence
// pushes, so only a model or run that does not quiesce reaches it.
inline constexpr std::uint64_t kDefaultMaxSteps = std::uint64_t{1} << 16;

// How a device is exercised: seeded sequences with ddmin shrinking (the default), or the
// RapidCheck state machine of the profile (properties/stateful).
enum class Engine { Sequences, RapidCheck };

// A directed test (directed_tests.h): a short sequence from reset that reaches one branch of a
// clause, found by Z3 on the model's own code. A run judges those of its profile that fit the
// device's geometry before its random sequences.
struct DirectedTest {
  std::string name;  // <clause>-<branch>, e.g. "Q-3-smmu-wrap-log2size-5"
  Profile profile = Profile::Smmuv3;
  std::vector<std::string> clauses;  // the clauses whose branch it reaches
  std::string description;
  std::vector<Op> ops;
};

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint32_t first_sequence = 0;
  std::uint32_t sequences = 200;
  std::uint32_t ops_per_sequence = 48;
  std::uint32_t shrink_failures = 3;   // failing sequences to shrink and print in full
  std::uint32_t shrink_replays = 400;  // replays allowed per shrink
  // --shard i/n: this process runs the sequences s with s % n == i (a CI matrix spreads one
  // campaign over n machines; `cmdqv-cts merge` adds the shards back together).
  std::uint32_t shard_index = 0;
  std::uint32_t shard_count = 1;
  std::vector<std::string> clause_globs;             // --clauses: judge only these (empty: all)
  std::uint64_t max_model_steps = kDefaultMaxSteps;  // model steps per sequence (--max-model-steps)
  Engine engine = Engine::Sequences;
  // Judged first, in shard 0 (--no-directed: none; --directed-test NAME: one of them).
  std::shared_ptr<const std::vector<DirectedTest>> directed_tests = {};
  bool all_directed_tests = false;  // directed_tests is the whole built-in set
};

// The campaign a run covered. A deterministic device fails the same (clause, case) pairs in the
// same campaign, so only a run of the campaign an expectations file was written for can call an
// entry of it stale; a shorter or another run can only say that it did not reach it.
struct CampaignKey {
  std::uint64_t seed = 1;
  std::uint32_t first_sequence = 0;
  std::uint32_t sequences = 200;
  std::uint32_t ops_per_sequence = 48;
  bool directed = true;  // every built-in directed test was judged first
  bool operator==(const CampaignKey&) const = default;
  // "seed 1, sequences 0..199 of 48 operations, with the built-in directed tests"
  std::string describe() const;
};
CampaignKey campaign_of(const RunOptions& options);

struct Failure;
// Called as a run goes: after each sequence (progress bars) and for each failure as soon as it
// is shrunk (incremental results that survive a crash of the suite).
struct RunObserver {
  std::function<void(std::uint32_t done, std::uint32_t total)> progress;
  std::function<void(const Failure&)> failure;
  // The campaign starts again under the permitted outcomes the device was seen to choose: the
  // failures reported so far for this run are withdrawn.
  std::function<void()> restart;
};

struct Failure {
  std::uint32_t sequence = 0;
  std::string directed_test;        // the directed test that failed (then `sequence` is unused)
  std::string what;                 // the difference, at the last step of `steps`
  std::vector<std::string> steps;   // the shrunk sequence, one operation a line
  std::vector<Op> ops;              // the same, replayable (scenario files)
  std::size_t original_length = 0;  // operations up to the failure before shrinking
  bool shrunk = false;
  bool nondeterministic = false;     // two replays of the shrunk sequence disagreed
  std::vector<std::string> clauses;  // the clauses this sequence failed
  std::vector<std::string> cases;    // the cases it failed them in ("ATC_INV", "CR0.CMDQEN")
};

struct ProfileRun {
  Profile profile = Profile::CmdqvHost;
  std::string device;
  std::string config;
  std::uint64_t ops = 0;
  std::uint64_t reads_compared = 0;
  std::uint64_t commands = 0;
  std::vector<Failure> failures;  // the first `shrink_failures` failing sequences, shrunk
  std::uint32_t failing_sequences = 0;
  ClauseCoverage coverage;
  std::string device_failure;  // the device crashed, hung or broke the protocol: the run stopped
  bool interrupted = false;    // rebuilt from results of a run that stopped before this verdict
  // The permitted outcomes of disputed clauses the device was seen to choose, one line each.
  std::vector<std::string> disputed_choices = {};
  std::uint32_t step_bound_hits =
      0;  // sequences stopped, unchecked, at RunOptions::max_model_steps
  std::string first_step_bound = {};      // where the first of them stopped
  std::uint64_t injected_dma_aborts = 0;  // fetches the model saw abort (faulty:dma-abort)
  // faulty: faults injected into the device's answers, and those that reached a compared value
  // (a run with any of the latter must not conform).
  std::uint64_t injected_faults = 0;
  std::uint64_t injected_faults_compared = 0;
  // Directed tests of the profile judged, and those left out because they name a VINTF or VCMDQ
  // the device does not have.
  std::uint32_t directed_judged = 0;
  std::uint32_t directed_not_fitting = 0;
  // What the run covered (none: rebuilt from results of a run that did not record it), and
  // whether it was only part of that (one shard; some clauses deselected by --clauses).
  std::optional<CampaignKey> campaign = {};
  bool partial = false;
};

// A run of `device` in `profile` that counted nothing yet: the clause table of the profile's
// view, every counter zero (a device that failed before its run, a run rebuilt from results).
ProfileRun empty_profile_run(const spec::Spec& spec, Profile profile, const std::string& device);

// Reads what the device says it is (SMMU IDR0/IDR1/IDR3; CMDQV PARAM in the CMDQV profiles)
// and returns `base` adjusted to describe it, so the model predicts this device's features and
// geometry. Throws DeviceFailure if the device fails, model::ModelError if what it reports is
// impossible.
model::ModelConfig probe_device_config(Device& dut, const model::ModelConfig& base);

ProfileRun run_profile(std::shared_ptr<const spec::Spec> spec, Profile profile,
                       const model::ModelConfig& config, Device& dut, const RunOptions& options,
                       const RunObserver& observer = {});

// The sequences of [first, first + count) that belong to shard `index` of `shards`.
std::uint32_t sequences_in_shard(const RunOptions& options);

}  // namespace cts::harness
