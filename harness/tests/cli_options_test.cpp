// SPDX-License-Identifier: MIT
// cmdqv-cts option parsing: defaults, and a named error for every bad flag.
#include <gtest/gtest.h>

#include "cmdqv_cts/harness/cli_options.h"

namespace cts::harness {
namespace {

TEST(CliOptions, RunDefaultsToEveryProfileOnTheModel) {
  const CliOptions o = parse_cli({"run"});
  EXPECT_EQ(o.device_backend, "model");
  EXPECT_EQ(o.profiles.size(), 3u);
  EXPECT_EQ(o.run.seed, 1u);
}

TEST(CliOptions, ParsesEveryFlag) {
  const CliOptions o = parse_cli({"run", "--device", "model:vintfs_log2=1", "--profile", "cmdqv-guest,smmuv3",
                                  "--seed", "42", "--sequences", "3", "--first-sequence", "9", "--ops", "5"});
  EXPECT_EQ(o.device_options, "vintfs_log2=1");
  ASSERT_EQ(o.profiles.size(), 2u);
  EXPECT_EQ(o.profiles[0], Profile::CmdqvGuest);
  EXPECT_EQ(o.profiles[1], Profile::Smmuv3);
  EXPECT_EQ(o.run.seed, 42u);
  EXPECT_EQ(o.run.sequences, 3u);
  EXPECT_EQ(o.run.first_sequence, 9u);
  EXPECT_EQ(o.run.ops_per_sequence, 5u);
}

TEST(CliOptions, BadInputNamesTheFlag) {
  const struct {
    std::vector<std::string> args;
    const char* message;
  } cases[] = {
      {{}, "no command given"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"run", "--seed"}, "--seed: missing value"},
      {{"run", "--seed", "-1"}, "--seed: expected a number"},
      {{"run", "--sequences", "0"}, "--sequences: expected a number in 1.."},
      {{"run", "--profile", "cmdqv-host,"}, "--profile: unknown profile ''"},
      {{"run", "--device", "plugin:x.so"}, "--device: unknown backend 'plugin'"},
      {{"run", "--what"}, "unknown option '--what'"},
  };
  for (const auto& c : cases) {
    try {
      (void)parse_cli(c.args);
      ADD_FAILURE() << "accepted: " << testing::PrintToString(c.args);
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace cts::harness
