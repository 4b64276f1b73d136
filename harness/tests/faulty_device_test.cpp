// SPDX-License-Identifier: MIT
// Fault injection (faulty:FAULT:DEVICE): the grammar, where each fault surfaces, and that an
// injected DMA abort is checked against the spec: a device that ignores it fails ERR-4.
#include "cmdqv_cts/harness/faulty_device.h"

#include <gtest/gtest.h>

#include <chrono>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/fault_spec.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {
namespace {

using std::chrono::milliseconds;

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

std::unique_ptr<Device> model_device(Profile p = Profile::Smmuv3) {
  return std::make_unique<ModelDevice>(model::ReferenceModel(the_spec(), profile_config(p, "")));
}

TEST(FaultSpec, AcceptsEveryKindWithItsParameters) {
  EXPECT_EQ(parse_fault_spec("dma-abort").kind, FaultKind::DmaAbort);
  EXPECT_EQ(parse_fault_spec("dma-abort@p=1,seed=3").threshold, UINT64_MAX);
  EXPECT_EQ(parse_fault_spec("bus-error@p=0").threshold, 0u);
  EXPECT_EQ(parse_fault_spec("slow@ms=20,every=3").every, 3u);
  EXPECT_EQ(parse_fault_spec("random-reads@seed=9").seed, 9u);
  EXPECT_EQ(parse_fault_spec("die-after@calls=7").calls, 7u);
  EXPECT_EQ(parse_fault_spec("nondeterministic@p=0.5").threshold, std::uint64_t{1} << 63);
}

TEST(FaultSpec, RefusesMalformedFaultsWithTheReason) {
  const struct {
    const char* text;
    const char* why;
  } kCases[] = {
      {"nope", "unknown fault 'nope'"},
      {"slow", "slow needs ms=N"},
      {"die-after", "die-after needs calls=N"},
      {"bus-error@", "nothing after '@'"},
      {"bus-error@p", "'p' is not KEY=VALUE"},
      {"bus-error@p=1.5", "expected a probability in [0, 1]"},
      {"bus-error@p=-0", "expected a probability"},
      {"bus-error@p=nan", "expected a probability"},
      {"bus-error@ms=3", "unknown key 'ms' for bus-error (known: p, seed)"},
      {"bus-error@p=0.1,p=0.2", "key 'p' given twice"},
      {"slow@ms=1,every=0", "every: expected a number in 1.."},
      {"bus-error@p=0.1,", "'' is not KEY=VALUE"},
  };
  for (const auto& c : kCases) {
    try {
      (void)parse_fault_spec(c.text);
      ADD_FAILURE() << c.text << " was accepted";
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(c.why), std::string::npos) << c.text << ": " << e.what();
    }
  }
}

TEST(FaultyDeviceSpec, NestsAroundAnyDeviceAndBoundsTheNesting) {
  const DeviceSpec s =
      parse_device_spec("faulty:slow@ms=1:faulty:bus-error:zoo:conforming:vintfs_log2=1");
  EXPECT_EQ(s.backend, "faulty");
  EXPECT_EQ(s.target, "slow@ms=1");
  EXPECT_EQ(s.inner, "faulty:bus-error:zoo:conforming:vintfs_log2=1");
  std::string deep = "model";
  for (int i = 0; i < 9; ++i) deep = "faulty:bus-error:" + deep;
  EXPECT_THROW((void)parse_device_spec(deep), UsageError);
  EXPECT_THROW((void)parse_device_spec("faulty:bus-error"), UsageError);
  EXPECT_THROW((void)parse_device_spec("faulty:bus-error:"), UsageError);
}

// A device that says it took the injected aborts but fetches as if nothing failed: what hardware
// that ignores an external abort on a command fetch does.
class IgnoresDmaAborts final : public Device {
 public:
  std::string name() const override { return "ignores-dma-aborts"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& v) override {
    return inner_->read(r, off, size, v);
  }
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t v) override {
    return inner_->write(r, off, size, v);
  }
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override {
    inner_->write_memory(addr, data, len);
  }
  void run(model::IrqSink& i) override { inner_->run(i); }
  void reset() override { inner_->reset(); }
  bool inject_dma_faults(const DmaFaults& f) override {
    faults_ = f;
    return true;
  }
  const DmaFaults* dma_faults() const override { return &faults_; }

 private:
  std::unique_ptr<Device> inner_ = model_device();
  DmaFaults faults_;
};

const ClauseTally& tally(const ProfileRun& r, std::string_view id) {
  for (const ClauseTally& t : r.coverage.tallies()) {
    if (t.clause->id == id) return t;
  }
  throw std::runtime_error("no clause " + std::string(id));
}

ProfileRun run_smmu(Device& d) {
  RunOptions o;
  o.sequences = 30;
  o.seed = 3;
  const model::ModelConfig c = probe_device_config(d, profile_config(Profile::Smmuv3, ""));
  return run_profile(the_spec(), Profile::Smmuv3, c, d, o);
}

TEST(FaultyDevice, DmaAbortsAreExpectedAsCerrorAbt) {
  FaultyDevice ok("faulty:dma-abort@p=0.3:model", parse_fault_spec("dma-abort@p=0.3,seed=3"),
                  model_device(), milliseconds(1000));
  const ProfileRun good = run_smmu(ok);
  EXPECT_GT(good.injected_dma_aborts, 0u);
  EXPECT_TRUE(good.failures.empty()) << good.failures.front().what;
  EXPECT_GT(tally(good, "ERR-4").exercised, 0u);

  FaultyDevice bad("faulty:dma-abort@p=0.3:ignores", parse_fault_spec("dma-abort@p=0.3,seed=3"),
                   std::make_unique<IgnoresDmaAborts>(), milliseconds(1000));
  const ProfileRun caught = run_smmu(bad);
  EXPECT_GT(tally(caught, "ERR-4").failures, 0u)
      << "a device that ignores fetch aborts must fail ERR-4";
}

// A device behind no memory port the harness controls (QEMU's guest RAM).
class NoDmaInjection final : public Device {
 public:
  std::string name() const override { return "qemu-like"; }
  bool read(Region, std::uint64_t, unsigned, std::uint64_t& v) override {
    v = 0;
    return true;
  }
  bool write(Region, std::uint64_t, unsigned, std::uint64_t) override { return true; }
  void write_memory(std::uint64_t, const void*, std::uint32_t) override {}
  void run(model::IrqSink&) override {}
  void reset() override {}
};

TEST(FaultyDevice, DmaAbortsIntoABackendThatCannotTakeThemAreAConfigurationError) {
  EXPECT_THROW(FaultyDevice("f", parse_fault_spec("dma-abort"), std::make_unique<NoDmaInjection>(),
                            milliseconds(1)),
               DeviceConfigError);
}

// The answers of `d` to the same accesses after each of two resets.
std::pair<std::vector<std::uint64_t>, std::vector<std::uint64_t>> two_replays(Device& d) {
  std::vector<std::uint64_t> out[2];
  for (auto& answers : out) {
    d.reset();
    for (int i = 0; i < 200; ++i) {
      std::uint64_t v = 0;
      answers.push_back(d.read(Region::Smmu, 0x00, 4, v) ? v : 0xDEAD);
    }
  }
  return {out[0], out[1]};
}

TEST(FaultyDevice, SeededFaultsRepeatOnEveryReplayUnlessNondeterministic) {
  for (const char* f : {"bus-error@p=0.2,seed=4", "random-reads@p=0.2,seed=4"}) {
    FaultyDevice d(f, parse_fault_spec(f), model_device(), milliseconds(1000));
    const auto [a, b] = two_replays(d);
    EXPECT_EQ(a, b) << f;
    FaultyDevice clean("model", parse_fault_spec("bus-error@p=0"), model_device(),
                       milliseconds(1000));
    EXPECT_NE(a, two_replays(clean).first) << f << " injected nothing";
  }
  FaultyDevice n("n", parse_fault_spec("nondeterministic@p=0.2,seed=4"), model_device(),
                 milliseconds(1000));
  const auto [a, b] = two_replays(n);
  EXPECT_NE(a, b);
}

TEST(FaultyDevice, DiesAfterItsCallsAndStaysDead) {
  FaultyDevice d("f", parse_fault_spec("die-after@calls=2"), model_device(), milliseconds(1000));
  std::uint64_t v = 0;
  EXPECT_TRUE(d.read(Region::Smmu, 0, 4, v));
  EXPECT_TRUE(d.read(Region::Smmu, 0, 4, v));
  EXPECT_THROW(d.read(Region::Smmu, 0, 4, v), DeviceFailure);
  EXPECT_THROW(d.reset(), DeviceFailure);
}

TEST(FaultyDevice, SlowPastTheBudgetFailsWithoutWaitingLonger) {
  FaultyDevice d("f", parse_fault_spec("slow@ms=3600000"), model_device(), milliseconds(10));
  std::uint64_t v = 0;
  EXPECT_THROW(d.read(Region::Smmu, 0, 4, v), DeviceFailure);  // after 10 ms, not an hour
}

}  // namespace
}  // namespace cts::harness

namespace cts::harness {
namespace {

// A flake is never a permitted outcome: over 20 seeds at three rates, every run of a
// non-deterministic device that injected a fault into a compared value fails, in every profile,
// and only a run that injected none may conform.
TEST(FaultyDevice, EveryRunWithAFlakeInAComparedValueFails) {
  std::uint64_t failing = 0, clean = 0;
  for (const char* p : {"0.0005", "0.005", "0.05"}) {
    for (int seed = 1; seed <= 20; ++seed) {
      for (Profile profile : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
        const std::string fault =
            std::string("nondeterministic@p=") + p + ",seed=" + std::to_string(seed);
        SCOPED_TRACE(fault + " " + to_string(profile));
        const model::ModelConfig c = profile_config(profile, "");
        FaultyDevice flaky("faulty:" + fault + ":model", parse_fault_spec(fault),
                           std::make_unique<ModelDevice>(model::ReferenceModel(the_spec(), c)),
                           milliseconds(1000));
        RunOptions o;
        o.sequences = 40;
        o.seed = static_cast<std::uint64_t>(seed);
        const ProfileRun r =
            run_profile(the_spec(), profile, probe_device_config(flaky, c), flaky, o);
        EXPECT_TRUE(r.disputed_choices.empty()) << r.disputed_choices.front();
        if (r.injected_faults_compared > 0) {
          EXPECT_FALSE(run_passes(r, {})) << r.injected_faults_compared << " faults compared";
          ++failing;
        } else {
          ++clean;
        }
      }
    }
  }
  EXPECT_GT(failing, 100u);  // most runs have a flake to catch
  EXPECT_GT(clean, 0u);      // and at p = 0.0005 some have none
}

}  // namespace
}  // namespace cts::harness
