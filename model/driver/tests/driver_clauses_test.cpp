// SPDX-License-Identifier: MIT
// driver_checked_clauses() names only spec clauses that are rules on driver software, so
// `list coverage` cannot count a driver check for a device rule or for a clause that is gone.
#include <gtest/gtest.h>

#include <algorithm>

#include "cmdqv_cts/driver/driver_model.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::driver {
namespace {

TEST(DriverClauses, EveryListedClauseIsADriverRuleOfTheSpec) {
  const spec::Spec s = spec::load_embedded_spec();
  for (const std::string& id : driver_checked_clauses()) {
    const auto c = std::find_if(s.clauses.begin(), s.clauses.end(),
                                [&](const spec::Clause& x) { return x.id == id; });
    ASSERT_NE(c, s.clauses.end()) << id << " is not in the spec";
    EXPECT_EQ(c->checked_by, spec::CheckedBy::Driver) << id;
  }
}

}  // namespace
}  // namespace cts::driver
