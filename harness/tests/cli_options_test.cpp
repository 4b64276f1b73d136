// SPDX-License-Identifier: MIT
// cmdqv-cts option parsing: defaults, and a named error for every bad flag.
#include "cmdqv_cts/harness/cli_options.h"

#include <gtest/gtest.h>

#include "cmdqv_cts/harness/device_factory.h"

namespace cts::harness {
namespace {

TEST(CliOptions, RunDefaultsToEveryProfileOnTheModel) {
  const CliOptions o = parse_cli({"run"});
  EXPECT_TRUE(o.devices.empty());  // the default set: model, zoo, QEMU
  EXPECT_FALSE(o.devices_given);
  EXPECT_FALSE(o.profiles_given);
  EXPECT_EQ(o.timeout_ms, 1000u);
  EXPECT_EQ(o.profiles.size(), 3u);
  EXPECT_EQ(o.run.seed, 1u);
}

TEST(CliOptions, ParsesEveryFlag) {
  const CliOptions o =
      parse_cli({"run", "--device", "model:vintfs_log2=1", "--device", "zoo:conforming",
                 "--profile", "cmdqv-guest,smmuv3", "--seed", "42", "--sequences", "3",
                 "--first-sequence", "9", "--ops", "5", "--timeout-ms", "250"});
  EXPECT_EQ(o.devices, (std::vector<std::string>{"model:vintfs_log2=1", "zoo:conforming"}));
  EXPECT_TRUE(o.profiles_given);
  EXPECT_EQ(o.timeout_ms, 250u);
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
      {{"run", "--device", "qmu:smmuv3"}, "--device: unknown backend 'qmu'"},
      {{"run", "--device", "plugin:"}, "--device plugin: needs a path"},
      {{"run", "--device", "zoo:"}, "--device zoo: needs a name"},
      {{"run", "--device", "qemu:virt"}, "unknown QEMU device"},
      {{"run", "--timeout-ms", "0"}, "--timeout-ms: expected a number in 1.."},
      {{"list", "things"}, "unknown option 'things'"},
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

TEST(DeviceSpec, SplitsBackendTargetAndOptions) {
  const DeviceSpec p = parse_device_spec("plugin:/tmp/a:b/libx.so:vintfs_log2=1,cmdqs=8");
  EXPECT_EQ(p.backend, "plugin");
  EXPECT_EQ(p.target, "/tmp/a:b/libx.so");
  EXPECT_EQ(p.options, "vintfs_log2=1,cmdqs=8");
  const DeviceSpec z = parse_device_spec("zoo:wrap-log2size-0:cmdqs=4");
  EXPECT_EQ(z.target, "wrap-log2size-0");
  EXPECT_EQ(z.options, "cmdqs=4");
  EXPECT_EQ(parse_device_spec("model:ats=1").options, "ats=1");
}

}  // namespace
}  // namespace cts::harness
