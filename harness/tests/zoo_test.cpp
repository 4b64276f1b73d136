// SPDX-License-Identifier: MIT
// The zoo is the suite's own regression test: zoo:conforming passes every profile, and each
// deviant is caught by the clause it was built to violate.
#include <gtest/gtest.h>

#include "cmdqv_cts/harness/zoo_deviants.h"

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {
namespace {

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

ProfileRun run_zoo(const std::string& name, Profile p, std::uint32_t sequences) {
  const auto dut = open_device(parse_device_spec("zoo:" + name), p,
                               OpenOptions{std::chrono::milliseconds(2000), the_spec()});
  const model::ModelConfig config = probe_device_config(*dut, profile_config(p, ""));
  RunOptions o;
  o.seed = 17;
  o.sequences = sequences;
  return run_profile(the_spec(), p, config, *dut, o);
}

std::uint64_t failures_of(const ProfileRun& r, std::string_view id) {
  for (const ClauseTally& t : r.coverage.tallies()) {
    if (t.clause->id == id) return t.failures;
  }
  return 0;
}

TEST(Zoo, ConformingPassesEveryProfile) {
  for (Profile p : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
    SCOPED_TRACE(to_string(p));
    const ProfileRun r = run_zoo("conforming", p, 100);
    EXPECT_TRUE(r.device_failure.empty()) << r.device_failure;
    EXPECT_TRUE(r.failures.empty()) << r.failures.front().what;
    EXPECT_EQ(r.coverage.failed(), 0u);
  }
}

// The second clean-room device takes the other permitted outcome at every open point: the suite
// must adopt each (and report it), and fail nothing, at three geometries and five seeds.
TEST(Zoo, ConformingAltPassesEveryProfileAtThreeGeometriesAndFiveSeeds) {
  const char* geometries[] = {"", "vintfs_log2=1,vcmdqs_log2=2,sids_log2=2,cmdqs=8",
                              "vintfs_log2=3,vcmdqs_log2=4,sids_log2=3"};
  bool adopted_alloc_4 = false;
  for (const char* g : geometries) {
    for (Profile p : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
      const auto dut =
          open_device(parse_device_spec(std::string("zoo:conforming-alt") + (*g ? ":" : "") + g), p,
                      OpenOptions{std::chrono::milliseconds(2000), the_spec()});
      const model::ModelConfig config = probe_device_config(*dut, profile_config(p, g));
      for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        SCOPED_TRACE(std::string(to_string(p)) + " [" + g + "] seed " + std::to_string(seed));
        RunOptions o;
        o.seed = seed;
        o.sequences = 60;  // of the default 200, so that 45 runs stay short on a loaded machine
        const ProfileRun r = run_profile(the_spec(), p, config, *dut, o);
        EXPECT_TRUE(r.device_failure.empty()) << r.device_failure;
        EXPECT_TRUE(r.failures.empty()) << r.failures.front().what;
        EXPECT_EQ(r.coverage.failed(), 0u);
        if (p != Profile::Smmuv3) {
          EXPECT_FALSE(r.disputed_choices.empty());
        }
        for (const std::string& c : r.disputed_choices)
          adopted_alloc_4 = adopted_alloc_4 || c.rfind("ALLOC-4:", 0) == 0;
      }
    }
  }
  EXPECT_TRUE(adopted_alloc_4) << "the highest-numbered VCMDQ backs a doubly-allocated slot";
}

using Deviant = harness::DeviantEntry;

class ZooDeviant : public testing::TestWithParam<Deviant> {};

TEST_P(ZooDeviant, IsCaughtByTheClauseItViolates) {
  const Deviant& d = GetParam();
  const ProfileRun r = run_zoo(d.name, d.profile, 100);
  EXPECT_TRUE(r.device_failure.empty()) << r.device_failure;
  ASSERT_FALSE(r.failures.empty()) << d.name << " was not caught";
  EXPECT_GT(failures_of(r, d.clause), 0u) << d.name << " not attributed to " << d.clause
                                          << "; first failure: " << r.failures.front().what;
}

INSTANTIATE_TEST_SUITE_P(
    Entries, ZooDeviant,
    testing::ValuesIn(harness::kZooDeviants),
    [](const testing::TestParamInfo<Deviant>& i) { return harness::param_name(i.param); });

}  // namespace
}  // namespace cts::harness
