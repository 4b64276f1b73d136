// SPDX-License-Identifier: MIT
// The directed tests inside a run: a conforming device passes them at any geometry (those naming
// a VINTF or VCMDQ it lacks are left out, and counted), and a zoo deviant whose clause has
// directed tests is caught by them alone, before any random sequence.
#include <gtest/gtest.h>

#include <set>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/directed_tests.h"
#include "cmdqv_cts/harness/zoo_deviants.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {
namespace {

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

// Only the directed tests (no random sequence) of `device` in profile `p`.
ProfileRun directed_only(const std::string& device, Profile p, const std::string& options = "") {
  const auto dut = open_device(parse_device_spec(device + (options.empty() ? "" : ":" + options)),
                               p, OpenOptions{std::chrono::milliseconds(2000), the_spec()});
  const model::ModelConfig config = probe_device_config(*dut, profile_config(p, options));
  RunOptions o;
  o.sequences = 0;
  o.directed_tests = builtin_directed_tests();
  return run_profile(the_spec(), p, config, *dut, o);
}

std::uint64_t failures_of(const ProfileRun& r, std::string_view id) {
  for (const ClauseTally& t : r.coverage.tallies()) {
    if (t.clause->id == id) return t.failures;
  }
  return 0;
}

TEST(DirectedRun, TheGeneratedTestsCoverEveryProfile) {
  std::set<Profile> profiles;
  for (const DirectedTest& t : *builtin_directed_tests()) profiles.insert(t.profile);
  EXPECT_EQ(profiles.size(), 3u);
  EXPECT_GT(builtin_directed_tests()->size(), 100u);
}

// zoo:conforming-alt takes the other permitted outcome everywhere: each directed test it fails
// under the model's own outcomes must be explained by an adoption, at every geometry.
TEST(DirectedRun, AConformingDevicePassesThemAtEveryGeometry) {
  for (const char* device : {"zoo:conforming", "zoo:conforming-alt"}) {
    for (const char* g : {"", "vintfs_log2=1,vcmdqs_log2=2,sids_log2=2,cmdqs=8",
                          "vintfs_log2=3,vcmdqs_log2=4,sids_log2=3"}) {
      for (Profile p : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
        SCOPED_TRACE(std::string(device) + " " + to_string(p) + " [" + g + "]");
        const ProfileRun r = directed_only(device, p, g);
        EXPECT_TRUE(r.device_failure.empty()) << r.device_failure;
        EXPECT_TRUE(r.failures.empty()) << r.failures.front().what;
        EXPECT_GT(r.directed_judged, 0u);
        // Two VINTFs and four VCMDQs: the host's alias tests for VINTF 3 or VCMDQ 6 do not fit.
        if (std::string(g).rfind("vintfs_log2=1,", 0) == 0 && p == Profile::CmdqvHost) {
          EXPECT_GT(r.directed_not_fitting, 0u);
        }
      }
    }
  }
}

// Every deviant whose own clause some directed test names is caught by that clause through the
// directed tests alone, and the counterexample names its test and the line that replays it.
TEST(DirectedRun, EachDeviantIsCaughtByItsClauseBeforeAnyRandomSequence) {
  std::set<std::string> directed_clauses;
  for (const DirectedTest& t : *builtin_directed_tests())
    directed_clauses.insert(t.clauses.begin(), t.clauses.end());
  int checked = 0;
  for (const DeviantEntry& d : kZooDeviants) {
    if (!directed_clauses.count(d.clause)) continue;
    SCOPED_TRACE(d.name);
    const ProfileRun r = directed_only(std::string("zoo:") + d.name, d.profile);
    ASSERT_FALSE(r.failures.empty()) << d.name << " passed every directed test";
    EXPECT_GT(failures_of(r, d.clause), 0u) << "first failure: " << r.failures.front().what;
    const Failure& f = r.failures.front();
    EXPECT_FALSE(f.directed_test.empty());
    EXPECT_EQ(reproduce_command(r, RunOptions{}, f),
              "cmdqv-cts run --device zoo:" + std::string(d.name) + " --profile " +
                  to_string(d.profile) + " --directed-test " + f.directed_test);
    ++checked;
  }
  EXPECT_GE(checked, 5) << "fewer deviants than expected have a directed test of their clause";
}

}  // namespace
}  // namespace cts::harness
