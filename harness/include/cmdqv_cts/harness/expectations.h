// SPDX-License-Identifier: MIT
// Expected deviations (baselines): which clauses a known device is expected to fail, and
// why. A run passes when its only failures are expected, fails on any new failure, and also
// fails on a stale entry (an expected failure that no longer happens).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {

struct Expectation {
  enum class Kind {
    Deviation,  // the device fails this clause; each other failure is new
    Caught,     // a deliberately broken device (the zoo): this clause must catch it, and the
                // failures that follow from the same defect are accepted
  };
  std::string device;             // as on the command line: "qemu:smmuv3", "zoo:wrap-log2size-0"
  std::vector<Profile> profiles;  // empty: every profile
  std::string clause;
  std::string reason;
  std::string reference;  // spec section, report, README
  Kind kind = Kind::Deviation;
  spec::SourceLoc loc;
  bool applies_to(const std::string& dev, Profile p) const;
};

// Throws spec::SpecError (file:line:column) on a malformed file or an unknown clause id.
std::vector<Expectation> load_expectations(const std::vector<spec::SpecText>& files,
                                           const spec::Spec& spec);
std::vector<Expectation> load_expectation_file(const std::string& path, const spec::Spec& spec);
// The project's own files for the bundled devices (harness/expectations/*.yaml, built in).
const std::vector<spec::SpecText>& embedded_expectation_texts();

// The verdict of one device in one profile once expectations are applied.
struct Judgement {
  std::vector<std::string> unexpected;  // failing clause ids nobody expected
  std::vector<std::pair<std::string, const Expectation*>> expected;  // failing clause -> why
  std::vector<const Expectation*> stale;  // expected here, but it did not fail
  const Expectation* caught = nullptr;    // a Caught entry that held
  bool device_failed = false;
  bool passes() const { return unexpected.empty() && stale.empty() && !device_failed; }
};

Judgement judge(const ProfileRun& run, const std::string& device,
                const std::vector<Expectation>& expectations);

}  // namespace cts::harness
