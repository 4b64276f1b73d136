// SPDX-License-Identifier: MIT
// Randomized properties of the driver model: random lifecycles (probe/remove cycles, a stale error
// left by a previous kernel), commands on random CPUs, illegal commands landing on VINTF0 queues,
// and the error IRQ fired at random points with the handler preempted after random steps. Each
// property holds for the fixed driver and RapidCheck finds a counterexample, with a fixed seed,
// on the variant that has the bug:
//   ROUTE-1  every command routed to a VCMDQ is accepted      (fails: fixed kernel, unmasking VMM)
//   ROUTE-2  a HYP_OWN = 1 queue is never needlessly bypassed (fails: upstream-6.12.0 on a host)
//   ALLOC-2  LVCMDQs mapped ascending, unmapped descending    (fails: mutant-unmap-ascending)
//   LIFE-1..4 the ISR never sees a half-initialised, unpublished or freed object
//            (fails: publish-before-build, irq-before-vintfs, isr-unchecked-vintf, free-irq-last)
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <memory>
#include <set>
#include <sstream>

#include "cmdqv_cts/driver/driver_regs.h"
#include "cmdqv_cts/driver/driver_scenario.h"
#include "model_bus.h"

namespace cts::driver {

// RapidCheck prints counterexamples with these: one replayable line per step.
void showValue(const DriverStep& s, std::ostream& os) {
  os << describe(s);
}
void showValue(const FiringPoint& p, std::ostream& os) {
  os << "IRQ after micro-step " << p.at << ", handler runs " << p.isr_steps << " step(s)";
}

namespace test {
namespace {

const bool kSeeded =
    ::setenv("RC_PARAMS", "seed=20261122 max_success=150 verbose_progress=0", 0) == 0;
constexpr std::uint64_t kSeed = 20261122;

enum class Dev { Host, Guest, UnmaskedGuest };

std::unique_ptr<ModelBus> make_bus(Dev d) {
  if (d == Dev::UnmaskedGuest) return std::make_unique<UnmaskedHypOwnBus>();
  return std::make_unique<ModelBus>(d == Dev::Host ? spec::View::Host : spec::View::Guest);
}

std::vector<std::uint8_t> issuable(ModelBus& bus) {
  std::uint64_t idr0 = 0;
  (void)bus.read(Region::Smmu, regs::kIdr0, 4, idr0);
  const SmmuFeatures f = SmmuFeatures::from_idr0(idr0);
  std::vector<std::uint8_t> out;
  for (const LinuxCommand& c : linux_commands()) {
    if (f.allows(c.needs)) out.push_back(c.opcode);
  }
  bus.log.clear();
  return out;
}

rc::Gen<DriverStep> gen_runtime_step(const std::vector<std::uint8_t>& opcodes) {
  using namespace rc;
  return gen::oneOf(
      gen::construct<DriverStep>(gen::just(StepKind::Issue), gen::elementOf(opcodes),
                                 gen::inRange<std::uint32_t>(0, 8)),
      gen::construct<DriverStep>(gen::just(StepKind::Fault), gen::just(std::uint8_t{0}),
                                 gen::inRange<std::uint32_t>(0, 2)));
}

// [stale error] (probe, init_structures, device_reset, commands and faults, remove) x 1..2
std::vector<DriverStep> gen_steps(const std::vector<std::uint8_t>& opcodes, bool stale) {
  std::vector<DriverStep> steps;
  if (stale && *rc::gen::inRange(0, 3) == 0) {
    steps.push_back({StepKind::StaleError, 0, *rc::gen::inRange<std::uint32_t>(0, 2)});
  }
  const int cycles = *rc::gen::inRange(1, 3);
  for (int c = 0; c < cycles; ++c) {
    for (const DriverStep& s : bring_up_steps()) steps.push_back(s);
    for (const DriverStep& s :
         *rc::gen::container<std::vector<DriverStep>>(gen_runtime_step(opcodes))) {
      steps.push_back(s);
      if (steps.size() > 40) break;
    }
    steps.push_back({StepKind::Remove});
  }
  return steps;
}

IrqSchedule gen_schedule() {
  using namespace rc;
  IrqSchedule s;
  s.deliver_pending = *gen::arbitrary<bool>();
  s.points = *gen::container<std::vector<FiringPoint>>(gen::construct<FiringPoint>(
      gen::inRange<std::uint64_t>(0, 160), gen::inRange<std::uint32_t>(1, 9)));
  return s;
}

// The property: no violation of `clauses` in a random scenario of `variant` on `dev`.
// `stale`: a previous kernel may have left an error (and its LVCMDQ mapping) behind.
void check(std::string_view variant, Dev dev, const std::set<std::string>& clauses,
           bool stale = true) {
  const DriverVariant& v = *find_driver_variant(variant);
  auto bus = make_bus(dev);
  const auto opcodes = issuable(*bus);
  const auto steps = gen_steps(opcodes, stale);
  const IrqSchedule schedule = gen_schedule();
  const ScenarioResult r = run_driver_scenario(v, *bus, steps, schedule);
  RC_ASSERT(r.bus_error.empty());
  for (const Violation& x : r.violations) {
    if (clauses.count(x.clause)) RC_FAIL(x.clause + ": " + x.what);
  }
  if (clauses.count("ALLOC-2")) {
    // From the MMIO log: a queue goes 0 -> 1 only while no higher LVCMDQ of its VINTF is mapped,
    // and 1 -> 0 only while no higher one is (2 LVCMDQs per VINTF in every model view).
    std::vector<bool> mapped(128, false);
    for (const auto& [q, value] : alloc_writes(bus->log)) {
      const bool now = (value & regs::kAllocAllocated) != 0;
      if (now != mapped[q]) {
        const std::uint32_t vintf_first = q / 2 * 2;
        for (std::uint32_t h = q + 1; h < vintf_first + 2; ++h) {
          if (mapped[h]) {
            RC_FAIL("ALLOC-2: VCMDQ " + std::to_string(q) + (now ? " mapped" : " unmapped") +
                    " while VCMDQ " + std::to_string(h) + " is mapped");
          }
        }
      }
      mapped[q] = now;
    }
  }
}

const std::set<std::string> kLife = {"LIFE-1", "LIFE-2", "LIFE-3", "LIFE-4"};

// Routing properties start from a clean device. With a stale error and the ISR preempted across
// device_reset, the handler can write back a GERROR value it read through a then-unmapped logical
// page after reset acked the error, re-activating it (an open question, not a routing rule).
RC_GTEST_PROP(DriverProperties, FixedRoutesOnlyAcceptedCommandsOnHost, ()) {
  check("fixed", Dev::Host, {"ROUTE-1"}, false);
}
RC_GTEST_PROP(DriverProperties, FixedRoutesOnlyAcceptedCommandsInMaskedGuest, ()) {
  check("fixed", Dev::Guest, {"ROUTE-1"}, false);
}
RC_GTEST_PROP(DriverProperties, UpstreamRoutesOnlyAcceptedCommandsInUnmaskedGuest, ()) {
  check("upstream-6.12.0", Dev::UnmaskedGuest, {"ROUTE-1"}, false);
}
RC_GTEST_PROP(DriverProperties, FixedNeverRestrictsAHypOwnQueue, ()) {
  check("fixed", Dev::Host, {"ROUTE-2"}, false);
}
RC_GTEST_PROP(DriverProperties, FixedMapsAscendingUnmapsDescending, ()) {
  check("fixed", Dev::Host, {"ALLOC-2"});
}
// From a clean device only: 6.12 maps statically at reset without unmapping first, so a mapping
// a previous kernel left on LVCMDQ 1 makes it map LVCMDQ 0 below a mapped LVCMDQ 1.
RC_GTEST_PROP(DriverProperties, SixTwelveStaticMappingKeepsTheOrderFromACleanDevice, ()) {
  check("debian-6.12.117", Dev::Host, {"ALLOC-2"}, false);
}
RC_GTEST_PROP(DriverProperties, FixedIsrNeverSeesHalfBuiltOrFreedObjects, ()) {
  check("fixed", Dev::Host, kLife);
}
RC_GTEST_PROP(DriverProperties, FixedIsrNeverSeesHalfBuiltOrFreedObjectsInGuest, ()) {
  check("fixed", Dev::Guest, kLife);
}

// RapidCheck, with the suite's fixed seed, must find a counterexample on each buggy variant, and
// the counterexample must be reported under the right clause.
struct BugCase {
  const char* variant;
  Dev dev;
  const char* clause;
};

class DriverBugsAreFound : public ::testing::TestWithParam<BugCase> {};

TEST_P(DriverBugsAreFound, WithAFixedSeed) {
  const BugCase& c = GetParam();
  ::testing::Test::RecordProperty("clause", c.clause);
  rc::detail::TestParams params;
  params.seed = kSeed;
  params.maxSuccess = 300;
  const std::set<std::string> clauses =
      std::string(c.clause).rfind("LIFE", 0) == 0 ? kLife : std::set<std::string>{c.clause};
  const std::string variant = c.variant;
  const Dev dev = c.dev;
  const auto result = rc::detail::checkTestable([&] { check(variant, dev, clauses); },
                                                rc::detail::TestMetadata{}, params);
  rc::detail::FailureResult failure;
  ASSERT_TRUE(result.match(failure)) << c.variant << ": no counterexample for " << c.clause;
  EXPECT_NE(failure.description.find(c.clause), std::string::npos) << failure.description;
  std::ostringstream shown;
  for (const auto& [type, value] : failure.counterExample) shown << value << "\n";
  RecordProperty("counterexample", shown.str());
}

INSTANTIATE_TEST_SUITE_P(Variants, DriverBugsAreFound,
                         ::testing::Values(BugCase{"fixed", Dev::UnmaskedGuest, "ROUTE-1"},
                                           BugCase{"upstream-6.12.0", Dev::Host, "ROUTE-2"},
                                           BugCase{"filter-before-readback", Dev::Host, "ROUTE-2"},
                                           BugCase{"mutant-unmap-ascending", Dev::Host, "ALLOC-2"},
                                           BugCase{"publish-before-build", Dev::Host, "LIFE-1"},
                                           BugCase{"irq-before-vintfs", Dev::Host, "LIFE-2"},
                                           BugCase{"isr-unchecked-vintf", Dev::Host, "LIFE-3"},
                                           BugCase{"free-irq-last", Dev::Host, "LIFE-4"}),
                         [](const ::testing::TestParamInfo<BugCase>& i) {
                           std::string n = std::string(i.param.variant) + "_" + i.param.clause;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace test
}  // namespace cts::driver
