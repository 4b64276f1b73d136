// SPDX-License-Identifier: MIT
// The register properties generated from spec/: they pass on the model and on zoo:conforming in
// every profile, catch the zoo deviant whose defect is a register's value semantics, and a
// register added to a copy of spec/ gets its properties with no C++ change.
#include "register_properties.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::spec_registers {
namespace {

using harness::Profile;
constexpr std::uint64_t kSeed = 7;

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

std::unique_ptr<harness::Device> open(const std::string& device, Profile p,
                                      std::shared_ptr<const spec::Spec> s) {
  return harness::open_device(harness::parse_device_spec(device), p,
                              harness::OpenOptions{std::chrono::milliseconds(2000), std::move(s)});
}

std::string describe(const RegisterCheckResult& r) {
  std::string s = r.device_failure;
  for (const RegisterFailure& f : r.failures) {
    s += "\n  " + f.property + " [" + f.field + "]: " + f.what + " (";
    for (const std::string& c : f.clauses) s += " " + c;
    s += " )";
  }
  return s;
}

bool failed_with(const RegisterCheckResult& r, const std::string& clause,
                 const std::string& field) {
  return std::any_of(r.failures.begin(), r.failures.end(), [&](const RegisterFailure& f) {
    return f.field == field &&
           std::find(f.clauses.begin(), f.clauses.end(), clause) != f.clauses.end();
  });
}

struct Case {
  const char* device;
  Profile profile;
  const char* clause;  // the clause that must fail, or "" for none
  const char* field;
};

class RegisterProperties : public testing::TestWithParam<Case> {};

TEST_P(RegisterProperties, VerdictMatchesTheDevice) {
  const Case c = GetParam();
  const auto dut = open(c.device, c.profile, the_spec());
  const RegisterCheckResult r = check_device_registers(the_spec(), c.profile, *dut, kSeed);
  EXPECT_GT(r.checked, 20u);
  EXPECT_TRUE(r.device_failure.empty()) << r.device_failure;
  if (std::string(c.clause).empty()) {
    EXPECT_TRUE(r.passed()) << describe(r);
  } else {
    EXPECT_TRUE(failed_with(r, c.clause, c.field)) << describe(r);
  }
}

// The other zoo deviants differ in behaviour (queues, aliases, STATUS after an allocation), not
// in a register's own semantics: the generic properties do not see them, the state machines do.
INSTANTIATE_TEST_SUITE_P(
    Devices, RegisterProperties,
    testing::Values(Case{"model", Profile::Smmuv3, "", ""},
                    Case{"model", Profile::CmdqvHost, "", ""},
                    Case{"model", Profile::CmdqvGuest, "", ""},
                    Case{"zoo:conforming", Profile::Smmuv3, "", ""},
                    Case{"zoo:conforming", Profile::CmdqvHost, "", ""},
                    Case{"zoo:conforming", Profile::CmdqvGuest, "", ""},
                    Case{"zoo:hyp-own-not-masked", Profile::CmdqvGuest, "HYP-1", "HYP_OWN"},
                    Case{"zoo:hyp-own-not-masked", Profile::CmdqvGuest, "REG-4", "HYP_OWN"},
                    Case{"zoo:hyp-own-not-masked", Profile::CmdqvHost, "", ""},
                    Case{"zoo:enabled-without-en", Profile::CmdqvHost, "", ""}),
    [](const testing::TestParamInfo<Case>& i) {
      std::string n = std::string(i.param.device) + "_" + harness::to_string(i.param.profile) +
                      "_" + (*i.param.clause ? i.param.clause : "passes");
      for (char& ch : n) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return n;
    });

TEST(RegisterProperties, EveryRegisterInstanceOfTheViewHasItsProperties) {
  const model::ReferenceModel m(the_spec(), harness::profile_config(Profile::CmdqvGuest, ""));
  const auto props = register_properties(m);
  auto has = [&](const std::string& name) {
    return std::any_of(props.begin(), props.end(),
                       [&](const RegisterProperty& p) { return p.name() == name; });
  };
  EXPECT_TRUE(has("reset-value cmdqv:vintf[0].CONFIG"));
  EXPECT_TRUE(has("guest-view-wiring cmdqv:vintf[0].CONFIG"));
  EXPECT_TRUE(has("read-only cmdqv:vcmdq_page0[1].STATUS"));
  EXPECT_TRUE(has("reserved-raz-wi smmu:regs.CR0"));
  EXPECT_FALSE(has("reset-value smmu:regs.IDR0"));  // reset_known: false
}

// A reviewer adds a register to a copy of spec/: its properties appear, pass on the model built
// from that spec, and fail (naming it) on a device that does not implement it.
TEST(RegisterProperties, AnAddedRegisterGetsItsPropertiesWithNoCodeChange) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("cts-extra-register-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(CTS_SOURCE_SPEC_DIR, dir, fs::copy_options::recursive);
  {
    std::ofstream smmu(dir / "registers" / "smmu.yaml", std::ios::app);
    smmu << "      - name: TEST_SCRATCH\n"
            "        offset: 0x40\n"
            "        reset: 0x5\n"
            "        fields:\n"
            "          - {name: VALUE, bits: \"7:0\", access: RW}\n"
            "          - {name: LEVEL, bits: \"11:8\", access: RO, reset: 3}\n";
  }
  const auto extended = std::make_shared<const spec::Spec>(spec::load_spec_dir(dir));
  fs::remove_all(dir);
  const model::ReferenceModel m(extended, harness::profile_config(Profile::Smmuv3, ""));
  const auto props = register_properties(m);
  std::vector<std::string> names;
  for (const RegisterProperty& p : props) {
    if (p.instance == "smmu:regs.TEST_SCRATCH") names.push_back(p.name());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"reset-value smmu:regs.TEST_SCRATCH",
                                             "read-only smmu:regs.TEST_SCRATCH",
                                             "reserved-raz-wi smmu:regs.TEST_SCRATCH"}));
  const auto reset = std::find_if(props.begin(), props.end(), [](const RegisterProperty& p) {
    return p.name() == "reset-value smmu:regs.TEST_SCRATCH";
  });
  ASSERT_NE(reset, props.end());
  EXPECT_EQ(reset->expected, 0x305u);

  const auto model_dut = open("model", Profile::Smmuv3, extended);
  const RegisterCheckResult on_model =
      check_device_registers(extended, Profile::Smmuv3, *model_dut, kSeed);
  EXPECT_TRUE(on_model.passed()) << describe(on_model);

  const auto zoo = open("zoo:conforming", Profile::Smmuv3, extended);
  const RegisterCheckResult on_zoo = check_device_registers(extended, Profile::Smmuv3, *zoo, kSeed);
  ASSERT_FALSE(on_zoo.failures.empty());
  EXPECT_EQ(on_zoo.failures.front().property, "reset-value smmu:regs.TEST_SCRATCH")
      << describe(on_zoo);
  EXPECT_TRUE(failed_with(on_zoo, "REG-1", "VALUE, LEVEL")) << describe(on_zoo);
}

}  // namespace
}  // namespace cts::spec_registers
