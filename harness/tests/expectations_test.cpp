// SPDX-License-Identifier: MIT
// Judging a run against expectations: each entry names one (clause, case); a failing case that
// no entry names fails the run, and an entry whose case did not fail is stale.
#include "cmdqv_cts/harness/expectations.h"

#include <gtest/gtest.h>

#include "test_devices.h"

namespace cts::harness {
namespace {

// judge() keeps pointers into the expectations it is given: each test holds them in a variable.
std::vector<Expectation> parse(const std::string& yaml) {
  return load_expectations({spec::SpecText{"test.yaml", yaml}}, *the_spec());
}

ProfileRun failing_run(const std::vector<std::pair<std::string, std::string>>& cases) {
  ProfileRun r = empty_profile_run(*the_spec(), Profile::Smmuv3, "dev");
  r.reads_compared = 1;
  for (const auto& [clause, case_name] : cases) r.coverage.fail(clause, "differs", {case_name});
  return r;
}

const char* kTwo = R"(expectations:
  - {device: dev, clause: CMD-2, case: ATC_INV, reason: r, reference: x}
  - {device: dev, clause: Q-6, case: CMDQ_CONS.RD, reason: r, reference: x}
)";

TEST(Expectations, EveryFailingCaseNamedPasses) {
  const std::vector<Expectation> known = parse(kTwo);
  const Judgement j =
      judge(failing_run({{"CMD-2", "ATC_INV"}, {"Q-6", "CMDQ_CONS.RD"}}), "dev", known);
  EXPECT_TRUE(j.passes());
  EXPECT_EQ(j.held.size(), 2u);
  EXPECT_EQ(j.expected.size(), 2u);
}

TEST(Expectations, AnotherCaseOfAnExpectedClauseFails) {
  // The clause is expected to fail for ATC_INV; PRI_RESP is a deviation of its own.
  const std::vector<Expectation> known = parse(kTwo);
  const Judgement j =
      judge(failing_run({{"CMD-2", "ATC_INV"}, {"CMD-2", "PRI_RESP"}, {"Q-6", "CMDQ_CONS.RD"}}),
            "dev", known);
  EXPECT_FALSE(j.passes());
  ASSERT_EQ(j.unexpected.size(), 1u);
  EXPECT_EQ(j.unexpected[0], "CMD-2 (PRI_RESP)");
  // The clause is not "expected" as a whole while one of its cases is new.
  for (const auto& [id, x] : j.expected) EXPECT_NE(id, "CMD-2");
}

TEST(Expectations, AnEntryWhoseCaseDidNotFailIsStale) {
  const std::vector<Expectation> known = parse(kTwo);
  const Judgement j = judge(failing_run({{"CMD-2", "ATC_INV"}}), "dev", known);
  EXPECT_FALSE(j.passes());
  ASSERT_EQ(j.stale.size(), 1u);
  EXPECT_EQ(j.stale[0]->label(), "Q-6 (CMDQ_CONS.RD)");
}

TEST(Expectations, EntriesForAnotherDeviceOrProfileDoNotApply) {
  const std::vector<Expectation> known = parse(kTwo);
  const Judgement j = judge(failing_run({{"CMD-2", "ATC_INV"}}), "other", known);
  EXPECT_EQ(j.unexpected, std::vector<std::string>{"CMD-2 (ATC_INV)"});
  EXPECT_TRUE(j.stale.empty());
}

TEST(Expectations, ACaseAndNoKindAreRequired) {
  EXPECT_THROW(parse("expectations:\n  - {device: dev, clause: CMD-2, reason: r, reference: x}\n"),
               spec::SpecError);
  EXPECT_THROW(
      parse("expectations:\n  - {device: dev, clause: CMD-2, case: A, kind: caught, reason: r, "
            "reference: x}\n"),
      spec::SpecError);
}

TEST(Expectations, WrittenExpectationsJudgeTheRunTheyCameFrom) {
  const ProfileRun r = failing_run({{"CMD-2", "ATC_INV"}, {"ERR-1", "CONS after an error"}});
  const std::vector<Expectation> known = parse(kTwo);
  const std::vector<Expectation> written = parse(expectations_yaml({r}, known, RunOptions{}));
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(written[0].reason, "r");  // carried from the known entry
  EXPECT_EQ(written[1].reason.rfind("NEW: ", 0), 0u);
  EXPECT_TRUE(judge(r, "dev", written).passes());
}

const char* kWrittenFor200 =
    R"(written_for: {seed: 1, first_sequence: 0, sequences: 200, ops: 48, directed: true}
expectations:
  - {device: dev, clause: CMD-2, case: ATC_INV, reason: r, reference: x}
  - {device: dev, clause: Q-6, case: CMDQ_CONS.RD, reason: r, reference: x}
)";

ProfileRun run_of(CampaignKey c, const std::vector<std::pair<std::string, std::string>>& cases) {
  ProfileRun r = failing_run(cases);
  r.campaign = c;
  return r;
}

TEST(Expectations, TheCampaignTheFileWasWrittenForCallsAnEntryStale) {
  const std::vector<Expectation> known = parse(kWrittenFor200);
  const Judgement j = judge(run_of(CampaignKey{}, {{"CMD-2", "ATC_INV"}}), "dev", known);
  EXPECT_FALSE(j.passes());
  ASSERT_EQ(j.stale.size(), 1u);
  EXPECT_TRUE(j.not_reached.empty());
}

TEST(Expectations, AShorterCampaignOnlySaysItDidNotReachAnEntry) {
  // `cmdqv-cts run --sequences 20` against files written for 200 sequences: an entry the 20 did
  // not reach is no verdict; a failure no entry names still fails the run.
  const std::vector<Expectation> known = parse(kWrittenFor200);
  CampaignKey shorter;
  shorter.sequences = 20;
  const Judgement j = judge(run_of(shorter, {{"CMD-2", "ATC_INV"}}), "dev", known);
  EXPECT_TRUE(j.passes());
  EXPECT_TRUE(j.stale.empty());
  ASSERT_EQ(j.not_reached.size(), 1u);
  EXPECT_EQ(j.not_reached[0]->label(), "Q-6 (CMDQ_CONS.RD)");
  EXPECT_FALSE(judge(run_of(shorter, {{"CMD-2", "PRI_RESP"}}), "dev", known).passes());
}

TEST(Expectations, OneShardOfTheCampaignCannotCallAnEntryStale) {
  const std::vector<Expectation> known = parse(kWrittenFor200);
  ProfileRun shard = run_of(CampaignKey{}, {{"CMD-2", "ATC_INV"}});
  shard.partial = true;
  const Judgement j = judge(shard, "dev", known);
  EXPECT_TRUE(j.stale.empty());
  EXPECT_EQ(j.not_reached.size(), 1u);
}

TEST(Expectations, AFileWithoutWrittenForJudgesEveryRunsStaleEntries) {
  const std::vector<Expectation> known = parse(kTwo);
  CampaignKey shorter;
  shorter.sequences = 20;
  EXPECT_EQ(judge(run_of(shorter, {{"CMD-2", "ATC_INV"}}), "dev", known).stale.size(), 1u);
}

TEST(Expectations, WrittenForIsCheckedKeyByKey) {
  EXPECT_THROW(parse("written_for: {seed: 1, sequences: 200, ops: 48, directed: true}\n"
                     "expectations: []\n"),
               spec::SpecError);  // first_sequence missing
  EXPECT_THROW(parse("written_for: {seed: 1, first_sequence: 0, sequences: 200, ops: 48, "
                     "directed: true, shards: 2}\nexpectations: []\n"),
               spec::SpecError);
  EXPECT_THROW(parse("written_for: {seed: x, first_sequence: 0, sequences: 200, ops: 48, "
                     "directed: true}\nexpectations: []\n"),
               spec::SpecError);
  EXPECT_THROW(parse("writen_for: {}\nexpectations: []\n"), spec::SpecError);
}

TEST(Expectations, AWrittenFileNamesTheCampaignOfItsRun) {
  RunOptions options;
  options.sequences = 7;
  options.seed = 3;
  const ProfileRun r = failing_run({{"CMD-2", "ATC_INV"}});
  const std::vector<Expectation> written = parse(expectations_yaml({r}, {}, options));
  ASSERT_EQ(written.size(), 1u);
  ASSERT_TRUE(written[0].written_for.has_value());
  EXPECT_EQ(*written[0].written_for, campaign_of(options));
  EXPECT_EQ(written[0].written_for->describe(),
            "seed 3, sequences 0..6 of 48 operations, without the built-in directed tests");
}

}  // namespace
}  // namespace cts::harness
