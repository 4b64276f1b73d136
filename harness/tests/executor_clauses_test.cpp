// SPDX-License-Identifier: MIT
// executor_checked_clauses() is what `list coverage` and the uncovered-clause check rely on:
// it must be exactly what a long model campaign over every profile exercises.
#include <gtest/gtest.h>

#include <set>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/differential.h"
#include "test_devices.h"

namespace cts::harness {
namespace {

TEST(ExecutorClauses, TheListIsWhatALongCampaignExercises) {
  std::set<std::string> exercised;
  // The three profiles' defaults, and an SMMUv3.0 with range invalidation, ATS and PRI, so that
  // the field rules that need those features (spec/commands.yaml field_rules) are reached too.
  struct Campaign {
    Profile profile;
    const char* options;
    unsigned arch_minor;
  };
  for (const Campaign c :
       {Campaign{Profile::Smmuv3, "", 1}, Campaign{Profile::CmdqvHost, "", 1},
        Campaign{Profile::CmdqvGuest, "", 1}, Campaign{Profile::Smmuv3, "ril=1,ats=1,pri=1", 0}}) {
    const Profile p = c.profile;
    model::ModelConfig config = profile_config(p, c.options);
    config.arch_minor = c.arch_minor;
    ModelDevice dut(model::ReferenceModel(the_spec(), config));
    RunOptions o;
    o.sequences = 600;
    const ProfileRun r = run_profile(the_spec(), p, config, dut, o);
    for (const ClauseTally& t : r.coverage.tallies()) {
      if (t.exercised) exercised.insert(t.clause->id);
    }
  }
  const std::vector<std::string> listed = executor_checked_clauses(*the_spec());
  for (const std::string& id : exercised) {
    EXPECT_TRUE(std::count(listed.begin(), listed.end(), id))
        << id << " is exercised but not listed";
  }
  for (const std::string& id : listed) {
    EXPECT_TRUE(exercised.count(id)) << id << " is listed but no campaign exercised it";
  }
}

}  // namespace
}  // namespace cts::harness
