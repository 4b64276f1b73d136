// SPDX-License-Identifier: MIT
// Plugins in a child process: a device that crashes, hangs, speaks another ABI, lacks the
// entry point or refuses its options is reported, never takes the suite down, and leaves
// no process behind.
#include "cmdqv_cts/harness/plugin_device.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {
namespace {

using std::chrono::milliseconds;

std::string bad_plugin(const char* kind) {
  return std::string(CTS_BAD_PLUGIN_DIR) + "/libbad_" + kind + ".so";
}

std::string zoo(const char* name) {
  return zoo_dir() + "/libcts_zoo_" + std::string(name) + ".so";
}

bool process_gone(pid_t pid) {
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

TEST(PluginDevice, ZooConformingAnswersLikeTheModel) {
  PluginDevice d("zoo:conforming", zoo("conforming"), "cmdqv-guest", "", milliseconds(1000));
  EXPECT_NE(d.plugin_name().find("conforming"), std::string::npos);
  std::uint64_t param = 0;
  ASSERT_TRUE(d.read(Region::Cmdqv, 0x4, 4, param));
  EXPECT_EQ(param, 0x4011u);
  ASSERT_TRUE(d.write(Region::Cmdqv, 0x1000, 4, (1u << 17) | 1));
  std::uint64_t config = 0;
  ASSERT_TRUE(d.read(Region::Cmdqv, 0x1000, 4, config));
  EXPECT_EQ(config, 1u);                                   // HYP-1: wired to 0 in the guest view
  EXPECT_FALSE(d.read(Region::Cmdqv, 0x1000, 2, config));  // size 2: bus error
}

TEST(PluginDevice, CrashIsADeviceFailureNamingTheSignalAndTheChildIsReaped) {
  auto d = std::make_unique<PluginDevice>("crash", bad_plugin("crash"), "smmuv3", "",
                                          milliseconds(1000));
  const pid_t pid = d->pid();
  const std::string e = error_of([&] { d->write(Region::Smmu, 0x98, 4, 1); });
  EXPECT_NE(e.find("device 'crash' crashed (signal SIGSEGV) in write()"), std::string::npos) << e;
  EXPECT_TRUE(process_gone(pid));
  EXPECT_NE(error_of([&] { d->write(Region::Smmu, 0x98, 4, 1); }).find("no longer running"),
            std::string::npos);
}

TEST(PluginDevice, HangIsKilledAfterTheTimeout) {
  PluginDevice d("hang", bad_plugin("hang"), "smmuv3", "", milliseconds(200));
  const pid_t pid = d.pid();
  model::NullIrqSink irq;
  const auto t0 = std::chrono::steady_clock::now();
  const std::string e = error_of([&] { d.run(irq); });
  EXPECT_NE(e.find("did not answer within 200 ms in run() (hung; killed)"), std::string::npos) << e;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  EXPECT_TRUE(process_gone(pid));
}

TEST(PluginDevice, ConfigurationErrorsNameTheDeviceAndTheProblem) {
  const struct {
    std::string path, profile, options, message;
  } cases[] = {
      {bad_plugin("wrong_abi"), "smmuv3", "",
       "device 'x': ABI version 99, this suite speaks version 1"},
      {bad_plugin("no_symbol"), "smmuv3", "",
       "device 'x': not a cmdqv-cts plugin: no cts_device symbol"},
      {bad_plugin("create_fail"), "smmuv3", "",
       "create(\"profile=smmuv3\") failed: this device accepts no options"},
      {"/nonexistent/libx.so", "smmuv3", "", "device 'x': cannot read /nonexistent/libx.so"},
      {"/etc/hostname", "smmuv3", "", "device 'x': cannot load:"},
      {zoo("conforming"), "cmdqv-host", "bogus=1", "unknown option 'bogus'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    const std::string e =
        error_of([&] { PluginDevice("x", c.path, c.profile, c.options, milliseconds(1000)); });
    EXPECT_NE(e.find(c.message), std::string::npos) << e;
  }
}

TEST(PluginDevice, UnsupportedProfileIsRefused) {
  // The minimal example supports only smmuv3; the bad plugins claim all three, so use a fake
  // profile name through the factory's path.
  const std::string e = error_of(
      [&] { PluginDevice("x", bad_plugin("crash"), "cmdqv-mars", "", milliseconds(1000)); });
  EXPECT_NE(
      e.find("does not support profile cmdqv-mars (it supports: smmuv3,cmdqv-host,cmdqv-guest)"),
      std::string::npos)
      << e;
}

TEST(PluginDevice, DestroyingTheDeviceEndsTheChild) {
  pid_t pid = -1;
  {
    PluginDevice d("zoo:conforming", zoo("conforming"), "smmuv3", "", milliseconds(1000));
    pid = d.pid();
    EXPECT_FALSE(process_gone(pid));
  }
  EXPECT_TRUE(process_gone(pid));
}

TEST(PluginDevice, ACrashMidRunKeepsTheResultsFoundSoFar) {
  const auto spec = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  PluginDevice d("crash", bad_plugin("crash"), "smmuv3", "", milliseconds(1000));
  const model::ModelConfig config = probe_device_config(d, profile_config(Profile::Smmuv3, ""));
  RunOptions o;
  o.sequences = 50;
  const ProfileRun r = run_profile(spec, Profile::Smmuv3, config, d, o);
  EXPECT_NE(r.device_failure.find("crashed (signal SIGSEGV)"), std::string::npos)
      << r.device_failure;
  EXPECT_NE(r.device_failure.find("in write() at operation"), std::string::npos)
      << r.device_failure;
  EXPECT_GT(r.ops, 0u);  // what ran before the crash is kept
}

}  // namespace
}  // namespace cts::harness
