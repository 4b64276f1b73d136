// SPDX-License-Identifier: MIT
// Each lifecycle step's MMIO sequence against the reference model: probe decodes PARAM, reset
// reads HYP_OWN back only after the VINTF is enabled, LVCMDQs are mapped ascending and unmapped
// descending (ALLOC-2), and the filter is decided where each variant decides it (ROUTE-3).
#include <gtest/gtest.h>

#include <algorithm>

#include "cmdqv_cts/driver/driver_model.h"
#include "cmdqv_cts/driver/driver_regs.h"
#include "cmdqv_cts/driver/driver_scenario.h"
#include "model_bus.h"

namespace cts::driver::test {
namespace {

const DriverVariant& variant(std::string_view name) {
  const DriverVariant* v = find_driver_variant(name);
  EXPECT_NE(v, nullptr) << name;
  return *v;
}

std::size_t find_access(const std::vector<Access>& log, bool write, std::uint64_t off,
                        std::size_t from = 0) {
  for (std::size_t i = from; i < log.size(); ++i) {
    if (log[i].write == write && log[i].region == Region::Cmdqv && log[i].offset == off) return i;
  }
  return log.size();
}

TEST(DriverLifecycle, ProbeDecodesParam) {
  ModelBus host(spec::View::Host), guest(spec::View::Guest);
  DriverModel h(variant("fixed"), host), g(variant("fixed"), guest);
  ASSERT_TRUE(h.probe());
  ASSERT_TRUE(g.probe());
  EXPECT_EQ(h.num_vintfs(), 4u);  // model host default: PARAM with 4 VINTFs, 8 VCMDQs
  EXPECT_EQ(h.num_lvcmdqs_per_vintf(), 2u);
  EXPECT_EQ(g.num_vintfs(), 1u);  // QEMU's guest PARAM 0x4011
  EXPECT_EQ(g.num_lvcmdqs_per_vintf(), 2u);
  EXPECT_FALSE(h.probe()) << "a second probe without remove is out of order";
}

TEST(DriverLifecycle, StepsOutOfOrderAreRefused) {
  ModelBus bus(spec::View::Host);
  DriverModel d(variant("fixed"), bus);
  EXPECT_FALSE(d.init_structures());
  EXPECT_FALSE(d.device_reset());
  EXPECT_FALSE(d.issue(0x03, 0));
  EXPECT_FALSE(d.remove());
  EXPECT_TRUE(bus.log.empty());
}

// HYP-2/ROUTE-3: CONFIG = HYP_OWN, then CONFIG |= EN, STATUS polled, and only then CONFIG read.
TEST(DriverLifecycle, HypOwnIsReadBackAfterTheVintfIsEnabled) {
  CTS_CLAUSE("ROUTE-3");
  for (spec::View view : {spec::View::Host, spec::View::Guest}) {
    ModelBus bus(view);
    DriverModel d(variant("fixed"), bus);
    ASSERT_TRUE(d.probe() && d.init_structures() && d.device_reset());
    std::size_t w1 = 0;
    while (w1 < bus.log.size() &&
           !(bus.log[w1].write && bus.log[w1].offset == regs::vintf_config(0) &&
             bus.log[w1].value == regs::kVintfHypOwn))
      ++w1;
    ASSERT_LT(w1, bus.log.size()) << "CONFIG = HYP_OWN | VMID 0 written";
    const std::size_t w2 = find_access(bus.log, true, regs::vintf_config(0), w1 + 1);
    ASSERT_LT(w2, bus.log.size());
    EXPECT_EQ(bus.log[w2].value, regs::kVintfHypOwn | regs::kEn);
    const std::size_t poll = find_access(bus.log, false, regs::vintf_status(0), w2);
    const std::size_t readback = find_access(bus.log, false, regs::vintf_config(0), w2);
    EXPECT_LT(poll, readback) << "HYP_OWN read only after STATUS.ENABLED";
    ASSERT_NE(d.vintf(0), nullptr);
    EXPECT_EQ(d.vintf(0)->hyp_own, view == spec::View::Host);
  }
}

// ALLOC-2: ALLOCATED set 0 -> 1 in ascending LVCMDQ order, cleared in descending order.
TEST(DriverLifecycle, LvcmdqsAreMappedAscendingAndUnmappedDescending) {
  CTS_CLAUSE("ALLOC-2");
  ModelBus bus(spec::View::Host);
  DriverModel d(variant("fixed"), bus);
  ASSERT_TRUE(d.probe() && d.init_structures() && d.device_reset());
  std::vector<std::pair<std::uint32_t, bool>> transitions;  // (global VCMDQ, now allocated)
  std::vector<bool> allocated(8, false);
  auto collect = [&] {
    for (const auto& [q, v] : alloc_writes(bus.log)) {
      const bool now = (v & regs::kAllocAllocated) != 0;
      if (now != allocated[q]) transitions.emplace_back(q, now);
      allocated[q] = now;
    }
    bus.log.clear();
  };
  collect();
  EXPECT_EQ(transitions, (std::vector<std::pair<std::uint32_t, bool>>{{0, true}, {1, true}}));
  transitions.clear();
  ASSERT_TRUE(d.remove());
  collect();
  EXPECT_EQ(transitions, (std::vector<std::pair<std::uint32_t, bool>>{{1, false}, {0, false}}));
}

TEST(DriverLifecycle, LinuxSixTwelveMapsStaticallyAtReset) {
  ModelBus bus(spec::View::Host);
  DriverModel d(variant("debian-6.12.117"), bus);
  ASSERT_TRUE(d.probe() && d.init_structures() && d.device_reset() && d.remove());
  const auto writes = alloc_writes(bus.log);
  ASSERT_EQ(writes.size(), 8u) << "R2 only: one write per global VCMDQ";
  for (std::uint32_t q = 0; q < 8; ++q) {
    EXPECT_EQ(writes[q].first, q);
    EXPECT_EQ(writes[q].second, regs::alloc_map(q / 2, q % 2) | regs::kAllocAllocated);
  }
}

// vcmdq_hw_init: deinit (CONFIG = 0, pointers and bases zeroed), then BASE, then CONFIG.EN.
TEST(DriverLifecycle, VcmdqHwInitWritesBaseBeforeEnabling) {
  ModelBus bus(spec::View::Host);
  DriverModel d(variant("fixed"), bus);
  ASSERT_TRUE(d.probe() && d.init_structures() && d.device_reset());
  for (std::uint32_t l = 0; l < 2; ++l) {
    const std::uint64_t p0 = regs::lvcmdq_page0(0, l), p1 = regs::lvcmdq_page1(0, l);
    const std::size_t map = [&] {
      std::size_t i = 0, last = bus.log.size();
      for (; i < bus.log.size(); ++i) {
        if (bus.log[i].write && bus.log[i].offset == regs::cmdq_alloc(l) && (bus.log[i].value & 1))
          last = i;
      }
      return last;
    }();
    ASSERT_LT(map, bus.log.size());
    const std::size_t disable = find_access(bus.log, true, p0 + regs::kQConfig, map);
    const std::size_t base = [&] {
      std::size_t i = find_access(bus.log, true, p1 + regs::kQBase, disable);
      while (i < bus.log.size() && bus.log[i].value == 0)
        i = find_access(bus.log, true, p1 + regs::kQBase, i + 1);
      return i;
    }();
    const std::size_t enable = find_access(bus.log, true, p0 + regs::kQConfig, base);
    ASSERT_LT(enable, bus.log.size());
    EXPECT_EQ(bus.log[disable].value, 0u);
    EXPECT_EQ(bus.log[base].size, 8u);
    EXPECT_EQ(bus.log[enable].value, regs::kEn);
    EXPECT_LT(enable, find_access(bus.log, false, p0 + regs::kQStatus, enable));
    EXPECT_TRUE(d.lvcmdq_obj(d.vintf(0)->lvcmdqs[l]).enabled);
  }
}

// ROUTE-3 and the agreement with driver_routing.h: after reset, each LVCMDQ's filter is what
// route::filter_installed says for the variant's ordering and the HYP_OWN read back.
TEST(DriverLifecycle, FilterAgreesWithDriverRouting) {
  CTS_CLAUSE("ROUTE-3");
  for (const DriverVariant& v : driver_variants()) {
    for (spec::View view : {spec::View::Host, spec::View::Guest}) {
      ModelBus bus(view);
      DriverModel d(v, bus);
      ASSERT_TRUE(d.probe() && d.init_structures() && d.device_reset()) << v.name;
      const bool hyp_own = d.vintf(0)->hyp_own;
      for (std::int32_t q : d.vintf(0)->lvcmdqs) {
        EXPECT_EQ(d.lvcmdq_obj(q).filter,
                  model::route::filter_installed<model::Concrete>(v.filter, hyp_own))
            << v.name << (view == spec::View::Host ? " host" : " guest");
      }
    }
  }
}

TEST(DriverLifecycle, RemoveFreesEverythingAndAllowsTheNextProbe) {
  ModelBus bus(spec::View::Host);
  DriverModel d(variant("fixed"), bus);
  for (int cycle = 0; cycle < 3; ++cycle) {
    ASSERT_TRUE(d.probe() && d.init_structures() && d.device_reset());
    EXPECT_TRUE(d.irq_requested());
    ASSERT_TRUE(d.remove());
    EXPECT_FALSE(d.irq_requested());
    EXPECT_EQ(d.vintf(0), nullptr);
  }
  EXPECT_TRUE(d.violations().empty());
}

}  // namespace
}  // namespace cts::driver::test
