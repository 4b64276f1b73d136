// SPDX-License-Identifier: MIT
// The conformance run: the model conforms to itself, a deliberately wrong device fails on
// the clause it breaks, and a seed reproduces a run exactly.
#include "cmdqv_cts/harness/conformance_run.h"

#include <gtest/gtest.h>

#include <optional>
#include <sstream>

#include "../src/disputed_outcomes.h"
#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/spec/loader.h"
#include "test_devices.h"

namespace cts::harness {
namespace {

const ClauseTally& tally(const ProfileRun& r, std::string_view id) {
  for (const ClauseTally& t : r.coverage.tallies()) {
    if (t.clause->id == id) return t;
  }
  throw std::runtime_error("no clause " + std::string(id));
}

RunOptions small_run(std::uint64_t seed) {
  RunOptions o;
  o.seed = seed;
  o.sequences = 60;
  return o;
}

TEST(ConformanceRun, TheModelConformsToItselfInEveryProfile) {
  for (Profile p : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
    SCOPED_TRACE(to_string(p));
    const model::ModelConfig c = profile_config(p, "");
    ModelDevice dut(model::ReferenceModel(the_spec(), c));
    const ProfileRun r = run_profile(the_spec(), p, c, dut, small_run(3));
    EXPECT_TRUE(r.failures.empty()) << r.failures.front().what;
    EXPECT_EQ(r.coverage.failed(), 0u);
    EXPECT_GT(r.reads_compared, 1000u);
    EXPECT_GT(r.commands, 50u);
  }
}

TEST(ConformanceRun, ExercisesTheCoreClausesOfEachFamily) {
  const model::ModelConfig c = profile_config(Profile::CmdqvGuest, "");
  ModelDevice dut(model::ReferenceModel(the_spec(), c));
  const ProfileRun r = run_profile(the_spec(), Profile::CmdqvGuest, c, dut, small_run(5));
  for (const char* id :
       {"HYP-1", "EN-1", "EN-2", "EN-3", "ALLOC-1", "ALIAS-1", "Q-3", "CMD-1", "ERR-1"}) {
    EXPECT_GT(tally(r, id).exercised, 0u) << id;
  }
  EXPECT_FALSE(tally(r, "HYP-2").skip_reason.empty());  // host-only clause
  // Driver rules are never reported as passed by a device run.
  EXPECT_NE(tally(r, "ROUTE-1").skip_reason.find("driver"), std::string::npos);
  EXPECT_EQ(tally(r, "ROUTE-1").exercised, 0u);
}

TEST(ConformanceRun, SmmuProfileSkipsCmdqvClausesAndChecksTheQueue) {
  const model::ModelConfig c = profile_config(Profile::Smmuv3, "");
  ModelDevice dut(model::ReferenceModel(the_spec(), c));
  const ProfileRun r = run_profile(the_spec(), Profile::Smmuv3, c, dut, small_run(2));
  for (const char* id : {"HYP-1", "ALIAS-1", "CMD-6", "ERR-6", "Q-7"}) {
    EXPECT_FALSE(tally(r, id).skip_reason.empty()) << id;
  }
  for (const char* id : {"Q-3", "Q-5", "CMD-1", "CMD-2", "ERR-1", "ERR-3", "ERR-4", "EN-5"}) {
    EXPECT_TRUE(tally(r, id).skip_reason.empty()) << id;
    EXPECT_GT(tally(r, id).exercised, 0u) << id;
  }
}

TEST(ConformanceRun, UnmaskedHypOwnFailsHyp1InTheGuestProfile) {
  const model::ModelConfig c = profile_config(Profile::CmdqvGuest, "");
  HypOwnNotMasked dut(c);
  const ProfileRun r = run_profile(the_spec(), Profile::CmdqvGuest, c, dut, small_run(11));
  ASSERT_FALSE(r.failures.empty());
  EXPECT_GT(tally(r, "HYP-1").failures, 0u);
  EXPECT_NE(tally(r, "HYP-1").first_failure.find("vintf[0].CONFIG"), std::string::npos)
      << tally(r, "HYP-1").first_failure;
  std::ostringstream os;
  EXPECT_FALSE(print_report(os, r, small_run(11), false));
  EXPECT_NE(
      os.str().find(
          "reproduce: cmdqv-cts run --device hyp-own-not-masked --profile cmdqv-guest --seed 11"),
      std::string::npos);
}

// A branch counts only once a comparison followed the step that reached it; a branch the spec
// does not list is the harness's error, not the device's.
TEST(ClauseBranches, CountOnlyWhenACompareFollows) {
  ClauseCoverage c(*the_spec(), spec::View::Host, true);
  auto q4 = [&](const std::string& b) {
    for (const ClauseTally& t : c.tallies()) {
      if (t.clause->id == "Q-4") return t.branches.at(b);
    }
    throw std::runtime_error("no Q-4");
  };
  c.reach("Q-4", "above");
  EXPECT_EQ(q4("above"), 0u);
  c.close_window();
  EXPECT_EQ(q4("above"), 1u);
  EXPECT_EQ(q4("below"), 0u);
  c.close_window();  // counted once
  EXPECT_EQ(q4("above"), 1u);
  EXPECT_THROW(c.reach("Q-4", "sideways"), std::logic_error);
  EXPECT_THROW(c.reach("Q-1", "below"), std::logic_error);  // Q-1 lists no branches
}

// The model against itself reaches the branches the generators are built to reach, and the
// report names each branch it did not.
TEST(ClauseBranches, ADefaultRunReachesEveryGeneratedBranchAndAShortOneNamesTheOthers) {
  const model::ModelConfig c = profile_config(Profile::CmdqvGuest, "");
  ModelDevice dut(model::ReferenceModel(the_spec(), c));
  const ProfileRun r = run_profile(the_spec(), Profile::CmdqvGuest, c, dut, RunOptions{});
  for (const char* b : {"write32", "write64", "read32", "read64"})
    EXPECT_GT(tally(r, "HYP-1").branches.at(b), 0u) << b;
  for (const char* b : {"aligned", "misaligned", "one-entry"})
    EXPECT_GT(tally(r, "Q-5").branches.at(b), 0u) << b;
  // LOG2SIZE at and above IDR1.CMDQS (19): the SMMU caps its use.
  for (const char* b : {"below", "equal", "above"})
    EXPECT_GT(tally(r, "Q-4").branches.at(b), 0u) << b;
  for (const char* b : {"push-cmdqen-0", "push-cmdqen-1"})
    EXPECT_GT(tally(r, "EN-5").branches.at(b), 0u) << b;
  for (const char* b : {"re-fetch", "skipped"})
    EXPECT_GT(tally(r, "ERR-3").branches.at(b), 0u) << b;
  for (const char* b : {"write-page0", "read-page0", "write-page1", "read-page1"})
    EXPECT_GT(tally(r, "ALIAS-1").branches.at(b), 0u) << b;
  for (const char* id : {"ALIAS-2", "ALIAS-3"}) {
    for (const char* b : {"page0", "page1"}) EXPECT_GT(tally(r, id).branches.at(b), 0u) << id << b;
  }
  std::ostringstream full;
  print_report(full, r, RunOptions{}, false);
  EXPECT_EQ(full.str().find("branches not reached"), std::string::npos) << full.str();

  RunOptions one;
  one.sequences = 1;
  ModelDevice dut2(model::ReferenceModel(the_spec(), c));
  const ProfileRun short_run = run_profile(the_spec(), Profile::CmdqvGuest, c, dut2, one);
  std::ostringstream os;
  print_report(os, short_run, one, false);
  EXPECT_NE(os.str().find("branches not reached (their outcome was never compared): "),
            std::string::npos)
      << os.str();
}

TEST(ConformanceRun, TheSameSeedGivesTheSameReportByteForByte) {
  auto report = [](std::uint64_t seed) {
    const model::ModelConfig c = profile_config(Profile::CmdqvGuest, "");
    HypOwnNotMasked dut(c);
    const ProfileRun r = run_profile(the_spec(), Profile::CmdqvGuest, c, dut, small_run(seed));
    std::ostringstream os;
    print_report(os, r, small_run(seed), true);
    return os.str();
  };
  EXPECT_EQ(report(21), report(21));
  EXPECT_NE(report(21), report(22));
}

}  // namespace
}  // namespace cts::harness

namespace cts::harness {
namespace {

// A device may take either permitted outcome of a disputed clause: the run adopts the device's
// choice (and says so) instead of failing it; a real defect is still a failure.
TEST(ConformanceRun, ADeviceChoosingTheOtherPermittedOutcomesConformsAndTheChoiceIsReported) {
  model::ModelConfig device_config =
      profile_config(Profile::CmdqvGuest, "guest_accepts_disputed=0,guest_reject_code=4");
  ModelDevice dut(model::ReferenceModel(the_spec(), device_config));
  RunOptions o;
  o.sequences = 200;
  const ProfileRun r =
      run_profile(the_spec(), Profile::CmdqvGuest, profile_config(Profile::CmdqvGuest, ""), dut, o);
  EXPECT_EQ(r.coverage.failed(), 0u);
  ASSERT_EQ(r.disputed_choices.size(), 2u);
  EXPECT_EQ(
      r.disputed_choices[0].rfind("CMD-8: the device rejects the other invalidation commands", 0),
      0u);
  EXPECT_EQ(
      r.disputed_choices[1].rfind(
          "ERR-9: the device reports a command a HYP_OWN=0 VCMDQ filters as ILL_ACCESS (4)", 0),
      0u);
  EXPECT_EQ(tally(r, "CMD-8").failures, 0u);
  EXPECT_GT(tally(r, "CMD-8").exercised, 0u);

  HypOwnNotMasked broken(profile_config(Profile::CmdqvGuest, ""));
  const ProfileRun b = run_profile(the_spec(), Profile::CmdqvGuest,
                                   profile_config(Profile::CmdqvGuest, ""), broken, o);
  EXPECT_GT(tally(b, "HYP-1").failures, 0u)
      << "no permitted outcome explains HYP_OWN read back in a guest";
  EXPECT_TRUE(b.disputed_choices.empty());
}

}  // namespace
}  // namespace cts::harness

namespace cts::harness {
namespace {

// A guest device that takes one permitted outcome of CMD-8 (accepting the other invalidation
// commands on a HYP_OWN=0 VCMDQ) for its first `switch_after` resets and the other after them.
class SwitchesCmd8Outcome final : public Device {
 public:
  explicit SwitchesCmd8Outcome(int switch_after)
      : accepts_(model::ReferenceModel(the_spec(), profile_config(Profile::CmdqvGuest, ""))),
        rejects_(model::ReferenceModel(
            the_spec(), profile_config(Profile::CmdqvGuest, "guest_accepts_disputed=0"))),
        switch_after_(switch_after) {}
  std::string name() const override { return "switches-cmd8-outcome"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& v) override {
    return now().read(r, off, size, v);
  }
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t v) override {
    return now().write(r, off, size, v);
  }
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override {
    now().write_memory(addr, data, len);
  }
  void run(model::IrqSink& i) override { now().run(i); }
  void reset() override {
    ++resets_;
    now().reset();
  }

 private:
  Device& now() { return resets_ <= switch_after_ ? accepts_ : rejects_; }
  ModelDevice accepts_, rejects_;
  int switch_after_;
  int resets_ = 0;
};

bool mentions(const ProfileRun& r, const std::string& text) {
  for (const Failure& f : r.failures) {
    if (f.what.find(text) != std::string::npos) return true;
  }
  return false;
}

// Either outcome of CMD-8 is permitted, but not both: the run adopts the second and then fails
// the sequences that the device answered with the first.
TEST(ConformanceRun, ADeviceThatSwitchesItsPermittedOutcomeMidRunFails) {
  const model::ModelConfig c = profile_config(Profile::CmdqvGuest, "");
  RunOptions o;
  o.sequences = 200;
  SwitchesCmd8Outcome both(60);
  const ProfileRun r = run_profile(the_spec(), Profile::CmdqvGuest, c, both, o);
  EXPECT_GT(tally(r, "CMD-8").failures, 0u);
  EXPECT_TRUE(mentions(r, "inconsistent choice of permitted outcome"))
      << (r.failures.empty() ? "no failure" : r.failures.front().what);
  EXPECT_FALSE(run_passes(r, {}));

  // The same outcome throughout is a choice, not a failure.
  SwitchesCmd8Outcome never(1 << 30);
  const ProfileRun ok = run_profile(the_spec(), Profile::CmdqvGuest, c, never, o);
  EXPECT_TRUE(ok.failures.empty()) << ok.failures.front().what;
  SwitchesCmd8Outcome at_once(0);
  const ProfileRun chose = run_profile(the_spec(), Profile::CmdqvGuest, c, at_once, o);
  EXPECT_TRUE(chose.failures.empty()) << chose.failures.front().what;
  ASSERT_EQ(chose.disputed_choices.size(), 1u);
  EXPECT_EQ(chose.disputed_choices[0].rfind("CMD-8: the device rejects", 0), 0u);
}

// A permitted outcome about VCMDQs is never offered where there are none (a flake in the smmuv3
// profile was once "explained" by CMD-8).
TEST(DisputedOutcomes, OffersNoOutcomeAboutVcmdqsInTheSmmuProfile) {
  const model::ModelPolicy start = profile_config(Profile::Smmuv3, "").policy;
  DisputedOutcomes smmu(start, /*cmdqv=*/false);
  const std::vector<model::ModelPolicy> offered = smmu.alternatives();
  ASSERT_FALSE(offered.empty());  // CMD-9 and ERR-12 apply to every SMMUv3
  for (const model::ModelPolicy& p : offered) {
    for (const std::string& clause : smmu.changed_clauses(start, p))
      EXPECT_TRUE(clause == "CMD-9" || clause == "ERR-12") << clause;
  }
  DisputedOutcomes host(start, /*cmdqv=*/true);
  bool offers_cmd8 = false;
  for (const model::ModelPolicy& p : host.alternatives()) {
    for (const std::string& clause : host.changed_clauses(start, p))
      offers_cmd8 = offers_cmd8 || clause == "CMD-8";
  }
  EXPECT_TRUE(offers_cmd8);
}

// A field rule of kind `either` (spec/commands.yaml) is a permitted-outcome dimension too: it is
// offered, named by its clause, and described once adopted.
TEST(DisputedOutcomes, OffersTheEitherFieldRulesByTheirClause) {
  const model::ModelPolicy start = profile_config(Profile::Smmuv3, "").policy;
  DisputedOutcomes smmu(start, /*cmdqv=*/false, the_spec().get());
  std::optional<model::ModelPolicy> cmd14;
  for (const model::ModelPolicy& p : smmu.alternatives()) {
    const std::vector<std::string> clauses = smmu.changed_clauses(start, p);
    if (clauses == std::vector<std::string>{"CMD-14"}) cmd14 = p;
  }
  ASSERT_TRUE(cmd14.has_value());  // RES0 range fields with RIL = 0: raise or ignore
  EXPECT_EQ(smmu.describe(*cmd14, start).rfind("CMD-14: raises CERROR_ILL for TLBI_NH_VA", 0), 0u)
      << smmu.describe(*cmd14, start);
  smmu.adopt(*cmd14);
  ASSERT_EQ(smmu.choices().size(), 1u);
  EXPECT_EQ(smmu.choices()[0].rfind("CMD-14: the device raises CERROR_ILL", 0), 0u)
      << smmu.choices()[0];
}

}  // namespace
}  // namespace cts::harness
