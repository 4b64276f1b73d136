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

}  // namespace
}  // namespace cts::harness
