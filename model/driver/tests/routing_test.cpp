// SPDX-License-Identifier: MIT
// get_cmdq and issue on the reference model: where each command goes for each ordering and view,
// and the routing clauses the driver model reports (ROUTE-1, ROUTE-2).
#include <gtest/gtest.h>

#include "cmdqv_cts/driver/driver_model.h"
#include "cmdqv_cts/driver/driver_regs.h"
#include "model_bus.h"

namespace cts::driver::test {
namespace {

constexpr std::uint8_t kCfgiSte = 0x03, kTlbiNhVa = 0x12, kTlbiNhAsid = 0x11, kNsnhAll = 0x30;

struct Up {
  explicit Up(std::string_view variant, ModelBus& bus) : d(*find_driver_variant(variant), bus) {
    EXPECT_TRUE(d.probe() && d.init_structures() && d.device_reset());
  }
  DriverModel d;
};

std::vector<std::string> clauses(const DriverModel& d) {
  std::vector<std::string> out;
  for (const Violation& v : d.violations()) out.push_back(v.clause);
  return out;
}

TEST(DriverRouting, FixedHostRoutesEverythingToTheCpusLvcmdq) {
  ModelBus bus(spec::View::Host);
  Up up("fixed", bus);
  for (std::uint32_t cpu = 0; cpu < 4; ++cpu) {
    const DriverModel::Route r = up.d.get_cmdq(kCfgiSte, cpu);
    ASSERT_GE(r.lvcmdq, 0);
    EXPECT_EQ(up.d.lvcmdq_obj(r.lvcmdq).lidx, cpu % 2)
        << "raw_smp_processor_id() % num_lvcmdqs_per_vintf";
  }
  for (const LinuxCommand& c : up.d.issuable_commands()) {
    for (std::uint32_t cpu = 0; cpu < 2; ++cpu) EXPECT_TRUE(up.d.issue(c.opcode, cpu));
  }
  EXPECT_TRUE(up.d.violations().empty());
}

TEST(DriverRouting, UpstreamHostNeedlesslyFallsBack) {
  CTS_CLAUSE("ROUTE-2");
  ModelBus bus(spec::View::Host);
  Up up("upstream-6.12.0", bus);
  EXPECT_EQ(up.d.get_cmdq(kCfgiSte, 0).why, DriverModel::Fallback::Filter);
  EXPECT_GE(up.d.get_cmdq(kTlbiNhVa, 0).lvcmdq, 0);
  ASSERT_TRUE(up.d.issue(kTlbiNhVa, 0));
  EXPECT_TRUE(up.d.violations().empty());
  ASSERT_TRUE(up.d.issue(kCfgiSte, 1));
  ASSERT_EQ(clauses(up.d), std::vector<std::string>{"ROUTE-2"});
  EXPECT_EQ(up.d.violations()[0].what,
            "CFGI_STE on cpu 1 fell back to the SMMU CMDQ: VCMDQ 1 (VINTF0 LVCMDQ 1) reads HYP_OWN "
            "= 1 but is "
            "restricted to the guest allow-list");
}

TEST(DriverRouting, MaskedGuestKeepsNonInvalidationsOnTheSmmuCmdq) {
  CTS_CLAUSE("ROUTE-1");
  for (std::string_view kernel : {"upstream-6.12.0", "fixed"}) {
    ModelBus bus(spec::View::Guest);
    Up up(kernel, bus);
    EXPECT_EQ(up.d.get_cmdq(kCfgiSte, 0).why, DriverModel::Fallback::Filter) << kernel;
    EXPECT_GE(up.d.get_cmdq(kTlbiNhAsid, 0).lvcmdq, 0) << kernel;
    for (const LinuxCommand& c : up.d.issuable_commands()) EXPECT_TRUE(up.d.issue(c.opcode, 0));
    EXPECT_TRUE(up.d.violations().empty()) << kernel;
  }
}

// The seed discussion: with a VMM that does not mask HYP_OWN the old kernel still restricts the
// queue (two bugs hide each other); the fixed kernel trusts the 1 it reads and the HYP_OWN = 0
// VINTF behind it rejects CFGI_STE. The ISR then skips the command and the queue goes on.
TEST(DriverRouting, UnmaskedGuestBreaksOnlyTheFixedKernel) {
  CTS_CLAUSE("ROUTE-1");
  {
    UnmaskedHypOwnBus bus;
    Up up("upstream-6.12.0", bus);
    ASSERT_TRUE(up.d.issue(kCfgiSte, 0));
    // The driver cannot tell it is a guest: it reports the restriction, which only the host
    // view judges (ROUTE-2 views: [host]). Nothing is rejected.
    EXPECT_EQ(clauses(up.d), std::vector<std::string>{"ROUTE-2"});
  }
  UnmaskedHypOwnBus bus;
  Up up("fixed", bus);
  EXPECT_TRUE(up.d.vintf(0)->hyp_own);
  ASSERT_TRUE(up.d.issue(kCfgiSte, 0));
  ASSERT_EQ(clauses(up.d), std::vector<std::string>{"ROUTE-1"});
  EXPECT_EQ(up.d.violations()[0].what,
            "CERROR_ILL on CFGI_STE routed to VCMDQ 0 (VINTF0 LVCMDQ 0) on cpu 0");
  ASSERT_TRUE(up.d.issue(kTlbiNhVa, 0));
  EXPECT_EQ(up.d.violations().size(), 1u) << "the ISR skipped the command: the queue drains again";
}

// get_cmdq agrees with driver_routing.h's routes_to_vcmdq for every opcode once VINTF0 is up.
TEST(DriverRouting, GetCmdqAgreesWithDriverRouting) {
  for (std::string_view kernel : {"upstream-6.12.0", "fixed"}) {
    for (spec::View view : {spec::View::Host, spec::View::Guest}) {
      ModelBus bus(view);
      Up up(kernel, bus);
      const bool hyp_own = up.d.vintf(0)->hyp_own;
      for (unsigned op = 0; op < 256; ++op) {
        if (op == regs::kOpCmdSync)
          continue;  // a batch's sync follows its batch, never chosen alone
        const bool to_vcmdq = up.d.get_cmdq(static_cast<std::uint8_t>(op), 0).lvcmdq >= 0;
        EXPECT_EQ(to_vcmdq, model::route::routes_to_vcmdq<model::Concrete>(up.d.variant().filter,
                                                                           op, hyp_own))
            << kernel << " opcode " << op;
      }
    }
  }
}

TEST(DriverRouting, NsnhAllIsIssuedOnEveryDevice) {
  ModelBus bus(spec::View::Host, "s1p=0,s2p=1");
  Up up("fixed", bus);
  bool seen_nsnh = false, seen_s1 = false;
  for (const LinuxCommand& c : up.d.issuable_commands()) {
    seen_nsnh |= c.opcode == kNsnhAll;
    seen_s1 |= c.needs == Needs::S1;
  }
  EXPECT_TRUE(seen_nsnh);
  EXPECT_FALSE(seen_s1) << "IDR0.S1P = 0: no stage-1 commands";
}

}  // namespace
}  // namespace cts::driver::test
