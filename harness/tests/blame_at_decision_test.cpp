// SPDX-License-Identifier: MIT
// Blame at the decision through the model's observer port: the model reports which clause
// decided each bit and from which registers (model/observer.h); the harness keeps it
// (Provenance) and charges a difference to the decision where the device parted from the model,
// not to every clause that names the register read.
#include <gtest/gtest.h>

#include <set>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/provenance.h"
#include "cmdqv_cts/harness/scenario.h"
#include "test_devices.h"

namespace cts::harness {
namespace {

using model::Region;

TEST(Provenance, ALaterDecisionTakesOverTheBitsItSets) {
  Provenance p;
  p.decided(Region::Cmdqv, 7, 0xFF, "", {});
  p.decided(Region::Cmdqv, 7, 0x0F, "EN-3", {3});
  const auto high = p.behind(Region::Cmdqv, 7, 0xF0);
  ASSERT_EQ(high.size(), 1u);
  EXPECT_EQ(high[0]->clause, "");
  const auto low = p.behind(Region::Cmdqv, 7, 0x01);
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0]->clause, "EN-3");
  EXPECT_EQ(low[0]->inputs, std::vector<std::int32_t>{3});
  p.decided(Region::Cmdqv, 7, 0xFF, "ALIAS-1", {});
  EXPECT_EQ(p.behind(Region::Cmdqv, 7, 0xFF).size(), 1u);  // both earlier entries replaced
  EXPECT_TRUE(p.behind(Region::Smmu, 7, 0xFF).empty());    // regions are separate
  p.command_decided(Region::Smmu, 2, {1});
  ASSERT_EQ(p.behind(Region::Smmu, 2, 1).size(), 1u);
  EXPECT_TRUE(p.behind(Region::Smmu, 2, 1)[0]->command);
}

// The model reports EN-3 for a VCMDQ's STATUS, decided from its CONFIG, and ALIAS-1 for a
// CONFIG written through a VINTF logical page.
TEST(ModelObserver, ReportsTheClauseAndInputsOfEachDecision) {
  model::ReferenceModel m(the_spec(), profile_config(Profile::CmdqvHost, ""));
  const model::Layout& l = m.cmdqv().registers().layout();
  const std::int32_t config = l.find("vcmdq_page0", "CONFIG", 0);
  const std::int32_t status = l.find("vcmdq_page0", "STATUS", 0);
  Provenance p;
  m.write(Region::Cmdqv, 0x10008, 4, 1, &p);  // VCMDQ 0 CONFIG.EN through the global page
  ASSERT_EQ(p.behind(Region::Cmdqv, config, 1).size(), 1u);
  EXPECT_EQ(p.behind(Region::Cmdqv, config, 1)[0]->clause, "");  // software's own write
  const auto s = p.behind(Region::Cmdqv, status, 1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]->clause, "EN-3");
  EXPECT_EQ(s[0]->inputs, std::vector<std::int32_t>{config});
  m.write(Region::Cmdqv, 0x200, 4, 1, &p);    // CMDQ_ALLOC[0]: VINTF 0, LVCMDQ 0
  m.write(Region::Cmdqv, 0x30008, 4, 0, &p);  // the same CONFIG through VINTF 0's logical page
  ASSERT_EQ(p.behind(Region::Cmdqv, config, 1).size(), 1u);
  EXPECT_EQ(p.behind(Region::Cmdqv, config, 1)[0]->clause, "ALIAS-1");
}

// A device whose VINTF logical pages are broken one way: writes through them reach no global
// register, or reads through them return 0.
class BrokenLogicalPages final : public ModelWithDefect {
 public:
  enum class Fault { DropWrites, ReadZero };
  explicit BrokenLogicalPages(Fault f)
      : ModelWithDefect(model::ReferenceModel(the_spec(), profile_config(Profile::CmdqvHost, ""))),
        fault_(f) {}
  std::string name() const override { return "broken-logical-pages"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& v) override {
    if (!inner_.read(r, off, size, v)) return false;
    if (fault_ == Fault::ReadZero && logical(r, off)) v = 0;
    return true;
  }
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t v) override {
    if (fault_ == Fault::DropWrites && logical(r, off)) return true;
    return inner_.write(r, off, size, v);
  }

 private:
  static bool logical(Region r, std::uint64_t off) { return r == Region::Cmdqv && off >= 0x30000; }
  Fault fault_;
};

std::string replayed(Device& dut, const std::string& steps) {
  const Scenario s =
      parse_scenario("blame.yaml", "scenario: blame\nprofile: cmdqv-host\nsteps:\n" + steps);
  const ScenarioResult r =
      replay_scenario(the_spec(), profile_config(Profile::CmdqvHost, ""), dut, s);
  return r.mismatch.value_or("(no difference)");
}

// The queue is disabled through its logical page, which the device drops: STATUS differs, and
// the blame follows EN-3's input, CONFIG, which also differs, to the write through the alias.
// Before the observer port this was charged to EN-3 and every other clause naming STATUS.
TEST(BlameAtDecision, ADerivedRegisterIsChargedToTheInputThatDiffers) {
  BrokenLogicalPages dut(BrokenLogicalPages::Fault::DropWrites);
  const std::string m = replayed(dut,
                                 "  - bring_up: {queue: 0, base: 0x40100000, log2size: 2}\n"
                                 "  - write: {region: cmdqv, offset: 0x30008, size: 4, value: 0}\n"
                                 "  - run\n"
                                 "  - read: {region: cmdqv, offset: 0x1000c, size: 4}\n");
  EXPECT_NE(m.find("vcmdq_page0[0].STATUS"), std::string::npos) << m;
  EXPECT_NE(m.find("decided it from vcmdq_page0[0].CONFIG"), std::string::npos) << m;
  EXPECT_NE(m.find("ALIAS-1's decision"), std::string::npos) << m;
}

// Reading through the logical page what the global page shows correctly is ALIAS-1's alone.
TEST(BlameAtDecision, ALogicalPageThatDiffersFromTheGlobalPageIsAlias1) {
  BrokenLogicalPages dut(BrokenLogicalPages::Fault::ReadZero);
  const std::string m = replayed(dut,
                                 "  - bring_up: {queue: 0, base: 0x40100000, log2size: 2}\n"
                                 "  - read: {region: cmdqv, offset: 0x3000c, size: 4}\n");
  EXPECT_NE(m.find("the global page reads as the model says, the logical page does not"),
            std::string::npos)
      << m;
}

// zoo:gerrorn-no-resume does not resume after GERRORN = GERROR. An acknowledgement with nothing
// queued shows nothing; the decision stays pending past the windows that agree, so that when
// software later gives the queue work the device never takes, the blame is ERR-3 (it used to be
// charged to the eleven clauses naming CONS).
TEST(BlameAtDecision, AResumeTheDeviceNeverMadeIsErr3EvenWindowsLater) {
  const auto dut = open_device(parse_device_spec("zoo:gerrorn-no-resume"), Profile::CmdqvGuest,
                               OpenOptions{std::chrono::milliseconds(2000), the_spec()});
  const model::ModelConfig config =
      probe_device_config(*dut, profile_config(Profile::CmdqvGuest, ""));
  const Scenario s = parse_scenario(
      "no-resume.yaml",
      "scenario: no-resume\nprofile: cmdqv-guest\nsteps:\n"
      "  - bring_up: {queue: 1, base: 0x40200020, log2size: 5}\n"
      // TLBI_NH_ALL, then CFGI_STE: rejected on a guest VCMDQ (an error to acknowledge)
      "  - push: {queue: 1, commands: [[0x10, 0], [0xd64d00000003, 0x1]]}\n"
      "  - bring_up: {queue: 1, base: 0x200000, log2size: 4, hyp_own: true}\n"  // acknowledges
      "  - run\n"
      "  - push: {queue: 1, commands: [[0xd8000000000011, 0]]}\n"  // outside RAM: an abort
      "  - run\n");
  const ScenarioResult r = replay_scenario(the_spec(), config, *dut, s);
  ASSERT_TRUE(r.mismatch.has_value());
  EXPECT_NE(r.mismatch->find("did not resume after the error was acknowledged"), std::string::npos)
      << *r.mismatch;
}

// A deviant whose every difference the blame traces to its own decision is charged to that
// clause alone: zoo:enabled-without-en (STATUS.ENABLED set without CONFIG.EN) fails EN-3 and
// nothing else (it used to fail ALIAS-1 too, for STATUS read through a logical page).
TEST(BlameAtDecision, EnabledWithoutEnIsChargedToEn3Alone) {
  for (Profile p : {Profile::CmdqvHost, Profile::CmdqvGuest}) {
    SCOPED_TRACE(to_string(p));
    const auto dut = open_device(parse_device_spec("zoo:enabled-without-en"), p,
                                 OpenOptions{std::chrono::milliseconds(2000), the_spec()});
    const model::ModelConfig config = probe_device_config(*dut, profile_config(p, ""));
    RunOptions o;
    o.seed = 1;
    o.sequences = 200;
    const ProfileRun r = run_profile(the_spec(), p, config, *dut, o);
    ASSERT_FALSE(r.failures.empty());
    std::set<std::string> failed;
    for (const ClauseTally& t : r.coverage.tallies()) {
      if (t.failures) failed.insert(t.clause->id);
    }
    EXPECT_EQ(failed, std::set<std::string>{"EN-3"});
  }
}

// The result of a scenario on zoo device `name` in profile smmuv3.
ScenarioResult on_zoo(const std::string& name, const std::string& steps) {
  const auto dut = open_device(parse_device_spec("zoo:" + name), Profile::Smmuv3,
                               OpenOptions{std::chrono::milliseconds(2000), the_spec()});
  const model::ModelConfig config = probe_device_config(*dut, profile_config(Profile::Smmuv3, ""));
  return replay_scenario(the_spec(), config, *dut,
                         parse_scenario("s.yaml", "scenario: s\nprofile: smmuv3\nsteps:\n" + steps));
}

// Two illegal entries in a row (reserved opcodes 0x3f, then 0x3e). A device standing on the second
// with CERROR_ILL either raised ILL on the first and moved CONS on (ERR-1), or executed the first
// and faulted on the second (the first's legality clause): the state is the same. A replay with
// the second made a CMD_SYNC tells them apart, and only the device's own deviation is charged.
constexpr const char* kTwoIllegalEntries =
    "  - bring_up: {queue: smmu, base: 0x40100000, log2size: 3}\n"
    "  - push: {queue: smmu, commands: [[0x3f, 0], [0x3e, 0]]}\n"
    "  - run\n"
    "  - read: {region: smmu, offset: 0x9c, size: 4}\n";

TEST(BlameAtDecision, RaisingAndMovingOnIsToldApartFromExecutingByAReplay) {
  const ScenarioResult r = on_zoo("ill-advances-cons", kTwoIllegalEntries);
  ASSERT_TRUE(r.mismatch.has_value());
  EXPECT_NE(r.mismatch->find("the device raised ILL at CONS 0x0 and moved CONS to 0x1"),
            std::string::npos)
      << *r.mismatch;
  EXPECT_NE(r.mismatch->find("told apart by a replay with the entry at CONS 0x1 made a CMD_SYNC"),
            std::string::npos)
      << *r.mismatch;
  EXPECT_EQ(r.mismatch->find("either"), std::string::npos) << *r.mismatch;
}

// The same replay charges a device that executes the command to the command's clause: a
// range-reserved TLBI (CMD-11: TG != 0 with NUM, SCALE and TTL 0) that zoo:range-reserved-executed executes,
// followed by reserved opcode 0x3f, on which it faults.
TEST(BlameAtDecision, ExecutingAndFaultingLaterIsToldApartFromMovingOn) {
  const ScenarioResult r = on_zoo(
      "range-reserved-executed",
      "  - bring_up: {queue: smmu, base: 0x40100000, log2size: 3}\n"
      "  - push: {queue: smmu, commands: [[0x12, 0x400], [0x3f, 0]]}\n"
      "  - run\n"
      "  - read: {region: smmu, offset: 0x9c, size: 4}\n");
  ASSERT_TRUE(r.mismatch.has_value());
  EXPECT_NE(r.mismatch->find("the device executed it, the model raised ILL"), std::string::npos)
      << *r.mismatch;
  EXPECT_NE(r.mismatch->find("told apart by a replay"), std::string::npos) << *r.mismatch;
  EXPECT_EQ(r.mismatch->find("either"), std::string::npos) << *r.mismatch;
}

// A permitted outcome is adopted only if it also explains the replay that told the failure's
// explanations apart: zoo:ill-advances-cons raising ILL on an IMPLEMENTATION DEFINED opcode and
// moving on looks, on one sequence, like a device that executes those opcodes (CMD-9's other
// outcome). Over a campaign it must not be adopted, and the failures are ERR-1's.
TEST(BlameAtDecision, MovingOnAfterAnErrorIsNotAdoptedAsExecutingIt) {
  const auto dut = open_device(parse_device_spec("zoo:ill-advances-cons"), Profile::Smmuv3,
                               OpenOptions{std::chrono::milliseconds(2000), the_spec()});
  const model::ModelConfig config = probe_device_config(*dut, profile_config(Profile::Smmuv3, ""));
  RunOptions o;
  o.seed = 1;
  o.sequences = 40;
  const ProfileRun r = run_profile(the_spec(), Profile::Smmuv3, config, *dut, o);
  EXPECT_TRUE(r.disputed_choices.empty()) << r.disputed_choices.front();
  ASSERT_FALSE(r.failures.empty());
  std::uint64_t err1 = 0;
  for (const ClauseTally& t : r.coverage.tallies()) {
    if (t.clause->id == "ERR-1") err1 = t.failures;
  }
  EXPECT_GT(err1, 0u);
}

}  // namespace
}  // namespace cts::harness
