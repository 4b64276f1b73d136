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
  for (Profile p : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
    const model::ModelConfig config = profile_config(p, "");
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
