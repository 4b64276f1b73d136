// SPDX-License-Identifier: MIT
// Expected deviations (baselines): which (clause, case) a known device is expected to fail,
// and why; the case is the opcode of a command clause or the field of a register clause. A run
// passes when its only failures are expected, fails on any (clause, case) that no entry names,
// and also fails on a stale entry (an expected failure that no longer happens).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {

struct Expectation {
  std::string device;             // as on the command line: "qemu:smmuv3", "zoo:wrap-log2size-0"
  std::vector<Profile> profiles;  // empty: every profile
  std::string clause;
  std::string case_name;  // `case:` "ATC_INV", "CMDQ_CONS.RD" (ClauseTally::cases)
  std::string reason;
  std::string reference;  // spec section, report, README
  spec::SourceLoc loc;
  // The campaign its file was written for (`written_for:`): only a run of that campaign can
  // call the entry stale. None: every run can.
  std::optional<CampaignKey> written_for;
  std::string label() const { return clause + " (" + case_name + ")"; }
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
  std::vector<std::string> unexpected;  // failing "CLAUSE (case)" nobody expected
  // Failing clauses all of whose failing cases are expected -> the first entry that explains one.
  std::vector<std::pair<std::string, const Expectation*>> expected;
  std::vector<const Expectation*> held;   // entries whose (clause, case) failed, as expected
  std::vector<const Expectation*> stale;  // expected here, but it did not fail
  // Expected here, did not fail, but this run is not (all of) the campaign the entry was written
  // for: not reached, which is no verdict on the entry.
  std::vector<const Expectation*> not_reached;
  bool device_failed = false;
  bool passes() const { return unexpected.empty() && stale.empty() && !device_failed; }
};

Judgement judge(const ProfileRun& run, const std::string& device,
                const std::vector<Expectation>& expectations);

// An expectations file naming every (clause, case) the runs failed, one entry each. The reason
// and reference come from an entry of `known` for the same device and (clause, case), else of
// the same clause; a failure no entry explains gets "NEW: " and its first failure, to be
// decided by a person before the file is used.
// Each entry's `reproduce:` comment is the run of the first counterexample kept for its case.
// The file's `written_for:` is the campaign of `options`.
std::string expectations_yaml(const std::vector<ProfileRun>& runs,
                              const std::vector<Expectation>& known, const RunOptions& options);

}  // namespace cts::harness
