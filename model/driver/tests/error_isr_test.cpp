// SPDX-License-Identifier: MIT
// The error ISR: its MMIO sequence when it skips an error, and systematic preemption: the IRQ
// fired after every driver micro-step, with the handler preempted after every one of its own
// steps. Each lifecycle fix is shown necessary (its variant without it breaks its LIFE clause at
// some point) and sufficient (the fixed driver breaks none at any point).
#include <gtest/gtest.h>

#include <set>

#include "cmdqv_cts/driver/driver_regs.h"
#include "cmdqv_cts/driver/driver_scenario.h"
#include "model_bus.h"

namespace cts::driver::test {
namespace {

constexpr std::uint32_t kMaxIsrSteps = 8;  // one pass of the handler over one LVCMDQ is 7 steps

std::set<std::string> explore(std::string_view variant, const std::vector<DriverStep>& steps) {
  const DriverVariant& v = *find_driver_variant(variant);
  ModelBus bus(spec::View::Host);
  const std::uint64_t n = run_driver_scenario(v, bus, steps, {{}, false}).micro_steps;
  std::set<std::string> found;
  for (std::uint64_t at = 0; at <= n; ++at) {
    for (std::uint32_t s = 1; s <= kMaxIsrSteps; ++s) {
      bus.reset();
      for (const Violation& x : run_driver_scenario(v, bus, steps, {{{at, s}}, false}).violations)
        found.insert(x.clause);
    }
  }
  return found;
}

std::vector<DriverStep> stale_then_cycle() {
  return {{StepKind::StaleError, 0, 0},
          {StepKind::Probe},
          {StepKind::InitStructures},
          {StepKind::DeviceReset},
          {StepKind::Remove}};
}
std::vector<DriverStep> fault_then_remove() {
  return {{StepKind::Probe},
          {StepKind::InitStructures},
          {StepKind::DeviceReset},
          {StepKind::Fault, 0, 1},
          {StepKind::Remove}};
}

TEST(ErrorIsr, SkipsAnIllegalCommandAndAcks) {
  ModelBus bus(spec::View::Host);
  DriverModel d(*find_driver_variant("fixed"), bus, {{}, false});
  ASSERT_TRUE(d.probe() && d.init_structures() && d.device_reset());
  ASSERT_TRUE(d.issue_unrouted(1, 0x18));
  bus.log.clear();
  d.raise_irq();
  d.isr_run_to_completion();
  const std::uint64_t p0 = regs::lvcmdq_page0(0, 1);
  std::vector<std::pair<bool, std::uint64_t>> seq;
  for (const Access& a : bus.log) seq.emplace_back(a.write, a.offset);
  EXPECT_EQ(seq,
            (std::vector<std::pair<bool, std::uint64_t>>{{false, regs::kViErrMap0},
                                                         {false, regs::kViErrMap1},
                                                         {false, regs::lvcmdq_err_map(0, 0)},
                                                         {false, p0 + regs::kQGerror},
                                                         {false, p0 + regs::kQCons},
                                                         {true, p0 + regs::kQGerrorn},
                                                         {false, regs::lvcmdq_err_map(0, 1)}}));
  EXPECT_EQ(bus.log[2].size, 8u) << "LVCMDQ_ERR_MAP is read 64 bits at a time";
  ASSERT_TRUE(d.issue(0x12, 1)) << "the queue consumes again after the skip";
  EXPECT_TRUE(d.violations().empty());
}

TEST(ErrorIsr, FixedDriverSurvivesEveryFiringPoint) {
  for (const auto& steps : {stale_then_cycle(), fault_then_remove()}) {
    EXPECT_EQ(explore("fixed", steps), std::set<std::string>{});
  }
}

TEST(ErrorIsr, PublishingBeforeBuildExposesAHalfInitialisedQueue) {
  CTS_CLAUSE("LIFE-1");
  EXPECT_TRUE(explore("publish-before-build", stale_then_cycle()).count("LIFE-1"));
}

TEST(ErrorIsr, RequestingTheIrqBeforeVintfsExposesANullArray) {
  CTS_CLAUSE("LIFE-2");
  EXPECT_TRUE(explore("irq-before-vintfs", stale_then_cycle()).count("LIFE-2"));
}

TEST(ErrorIsr, UncheckedVintfZeroIsTheSixTwelveOneSeventeenWindow) {
  CTS_CLAUSE("LIFE-3");
  EXPECT_TRUE(explore("isr-unchecked-vintf", stale_then_cycle()).count("LIFE-3"));
  EXPECT_TRUE(explore("debian-6.12.117", stale_then_cycle()).count("LIFE-3"));
}

TEST(ErrorIsr, FreeingTheIrqLastLetsTheHandlerUseFreedQueues) {
  CTS_CLAUSE("LIFE-4");
  EXPECT_TRUE(explore("free-irq-last", fault_then_remove()).count("LIFE-4"));
  EXPECT_EQ(explore("fixed", fault_then_remove()).count("LIFE-4"), 0u);
}

TEST(ErrorIsr, UpstreamSixTwelveZeroHasEveryLifecycleBug) {
  std::set<std::string> found = explore("upstream-6.12.0", stale_then_cycle());
  for (const std::string& c : explore("upstream-6.12.0", fault_then_remove())) found.insert(c);
  for (const char* c : {"LIFE-1", "LIFE-2", "LIFE-3", "LIFE-4"}) EXPECT_TRUE(found.count(c)) << c;
}

}  // namespace
}  // namespace cts::driver::test
