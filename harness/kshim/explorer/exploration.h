// SPDX-License-Identifier: MIT
// Systematic preemption: the lifecycle is run once per schedule (a set of event numbers before
// which the captured IRQ handler runs), each in a forked child, so that a sanitizer report or
// a crash ends that schedule only. A schedule's result names the preempted events, the kind of
// failure, the ISR path and the sanitizer's report.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/device.h"
#include "device_bridge.h"
#include "lifecycle.h"

namespace cts::kshim {

struct RunSetup {
  const KshimModule* module = nullptr;
  const RegisterNames* names = nullptr;
  std::function<std::unique_ptr<harness::Device>()> make_device;
  kshim_options options{};
  std::map<std::string, int> params;  // module parameters
  LifecyclePlan plan;
  ErrorReport report;
  std::int64_t param_override = -1;  // CMDQV PARAM the driver reads (-1: the device's own)
};

struct ScheduleResult {
  std::vector<std::uint64_t> schedule;
  bool failed = false;
  std::string kind;     // sanitizer kind, kshim finding kind, "violation: <kind>", or "signal N"
  std::string summary;  // one line
  std::vector<std::string> preempted;  // the preempted events, described, with their call site
  std::string isr_path;                // kernel frames of the faulting stack, innermost first
  std::string freed_in;                // use-after-free: the kernel frame that freed the memory
  std::string report;                  // sanitizer report excerpt (or the findings)
  unsigned long long events = 0;
  LifecycleOutcome outcome;  // as the child reported it (routing, violations)
  std::string key() const;   // what identifies a distinct failure: kind and innermost kernel frame
};

// Runs the lifecycle under `schedule` in a child process, on its copy of `device` (reset first).
ScheduleResult run_schedule(const RunSetup& setup, harness::Device& device,
                            const std::vector<std::uint64_t>& schedule);

// Runs the lifecycle in this process (a replay: the sanitizer report goes to stderr as is).
int replay_schedule(const RunSetup& setup, const std::vector<std::uint64_t>& schedule);

struct Exploration {
  unsigned long long events = 0;  // events of the unpreempted run
  std::size_t schedules = 0;
  double seconds = 0;
  ScheduleResult baseline;
  // Distinct failures, each with the first (smallest) schedule that shows it.
  std::vector<ScheduleResult> distinct;
  std::map<std::string, std::size_t> counts;  // schedules per distinct failure key
};

// Every single preemption point (0 .. events-1), then `pairs` random pairs (seeded), with up to
// `jobs` worker children at once, each running `batch` schedules (a crash ends only the schedule
// it happened in; the rest of its batch runs again). The result depends on neither.
Exploration explore(const RunSetup& setup, bool single, std::size_t pairs, std::uint64_t seed,
                    unsigned jobs, unsigned batch);

}  // namespace cts::kshim
