// SPDX-License-Identifier: MIT
// The state machines against real devices: the model (as a device) and zoo:conforming pass
// every profile; each zoo deviant fails with the clause harness/expectations/zoo.yaml names for
// it, with a short shrunk counterexample; swarm testing varies the enabled command kinds.
#include <gtest/gtest.h>

#include "cmdqv_cts/harness/zoo_deviants.h"

#include <algorithm>
#include <iostream>
#include <set>

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/spec/loader.h"
#include "stateful_check.h"
#include "swarm.h"

namespace cts::stateful {
namespace {

using harness::Profile;

constexpr std::uint64_t kSeed = 20261122;
constexpr int kTests = 20;
constexpr int kMaxSteps = 24;
constexpr std::size_t kShrunkBound = 8;  // commands in a shrunk counterexample, at most

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

DeviceFactory factory(const std::string& device, Profile p) {
  return [device, p] {
    return harness::open_device(harness::parse_device_spec(device), p,
                                harness::OpenOptions{std::chrono::milliseconds(2000), the_spec()});
  };
}

std::string describe(const StatefulResult& r) {
  std::string s = r.error + r.what + "\n";
  for (const std::string& line : r.counterexample) s += "  " + line + "\n";
  for (const std::string& c : r.clauses) s += " " + c;
  return s;
}

struct Target {
  const char* device;
  Profile profile;
};

class StatefulPasses : public testing::TestWithParam<Target> {};

TEST_P(StatefulPasses, AgainstTheModelAndTheConformingZooEntry) {
  const Target t = GetParam();
  const StatefulResult r = check_device_stateful(
      the_spec(), t.profile, factory(t.device, t.profile), kSeed, kTests, kMaxSteps);
  EXPECT_TRUE(r.passed) << describe(r);
  EXPECT_EQ(r.test_cases, kTests);
  EXPECT_GT(r.reads_compared, 0u);     // it compared something
  EXPECT_GT(r.commands_consumed, 0u);  // and queues consumed commands
  EXPECT_EQ(r.coverage.failed(), 0u);
  std::cout << "  " << t.device << " " << harness::to_string(t.profile) << ": " << r.steps_searched
            << " steps in " << r.seconds << " s\n";  // measured, never asserted
}

INSTANTIATE_TEST_SUITE_P(
    Profiles, StatefulPasses,
    testing::Values(Target{"model", Profile::Smmuv3}, Target{"model", Profile::CmdqvHost},
                    Target{"model", Profile::CmdqvGuest}, Target{"zoo:conforming", Profile::Smmuv3},
                    Target{"zoo:conforming", Profile::CmdqvHost},
                    Target{"zoo:conforming", Profile::CmdqvGuest}),
    [](const testing::TestParamInfo<Target>& i) {
      std::string n = std::string(i.param.device) + "_" + harness::to_string(i.param.profile);
      for (char& c : n) {
        if (c == '-' || c == ':') c = '_';
      }
      return n;
    });

using Deviant = harness::DeviantEntry;

class StatefulCatches : public testing::TestWithParam<Deviant> {};

TEST_P(StatefulCatches, TheDeviantWithItsClauseAndAShortCounterexample) {
  const Deviant d = GetParam();
  const StatefulResult r =
      check_device_stateful(the_spec(), d.profile, factory(std::string("zoo:") + d.name, d.profile),
                            kSeed, 400, kMaxSteps);
  ASSERT_FALSE(r.passed) << d.name << " was not caught";
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_TRUE(r.device_failure.empty()) << r.device_failure;
  EXPECT_NE(std::find(r.clauses.begin(), r.clauses.end(), d.clause), r.clauses.end())
      << describe(r);
  EXPECT_FALSE(r.counterexample.empty());
  EXPECT_LE(r.counterexample.size(), kShrunkBound) << describe(r);
  std::cout << "  " << d.name << ": first failure after " << r.steps_to_first_failure << " steps ("
            << r.seconds_to_first_failure << " s), shrunk to " << r.counterexample.size()
            << " commands in " << r.steps_shrinking << " replayed steps; clauses:";
  for (const std::string& c : r.clauses) std::cout << " " << c;
  std::cout << "\n";
  for (const std::string& line : r.counterexample) std::cout << "    " << line << "\n";
  std::cout << "    => " << r.what << "\n";
}

INSTANTIATE_TEST_SUITE_P(
    Zoo, StatefulCatches,
    testing::ValuesIn(harness::kZooDeviants),
    [](const testing::TestParamInfo<Deviant>& i) { return harness::param_name(i.param); });

// Swarm: every test case runs only the kinds it enabled, and two seeds enable different subsets.
TEST(StatefulSwarm, EachTestCaseRunsOnlyItsKindsAndSeedsDiffer) {
  const auto run = [](std::uint64_t seed) {
    return check_device_stateful(the_spec(), Profile::CmdqvHost,
                                 factory("model", Profile::CmdqvHost), seed, 6, 12);
  };
  const StatefulResult a = run(1), b = run(2);
  ASSERT_TRUE(a.passed && b.passed) << describe(a) << describe(b);
  ASSERT_EQ(a.swarm_masks.size(), a.executed_kinds.size());
  for (const StatefulResult* r : {&a, &b}) {
    for (std::size_t k = 0; k < r->swarm_masks.size(); ++k) {
      EXPECT_NE(r->swarm_masks[k], 0u);
      EXPECT_EQ(r->executed_kinds[k] & ~r->swarm_masks[k], 0u)
          << "test case " << k << " ran a disabled kind";
    }
  }
  EXPECT_NE(a.swarm_masks, b.swarm_masks);
  // Within one run the subsets vary too: swarm, not one fixed mix.
  EXPECT_GT(std::set<std::uint32_t>(a.swarm_masks.begin(), a.swarm_masks.end()).size(), 1u);
}

TEST(StatefulSwarm, Smmuv3OffersNoCmdqvKinds) {
  EXPECT_EQ(available_kinds(false) & kCmdqvOnlyKinds, 0u);
  EXPECT_EQ(available_kinds(true), (1u << kCommandKinds) - 1);
}

}  // namespace
}  // namespace cts::stateful
