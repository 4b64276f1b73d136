// SPDX-License-Identifier: MIT
// The QEMU version matrix's comparison, and qemu:smmuv3@VERSION's parsing and build cache.
#include "cmdqv_cts/harness/qemu_matrix.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu_backend.h"

namespace cts::harness {
namespace {

namespace fs = std::filesystem;

QemuVersionResult version(const std::string& device, std::vector<QemuDeviation> d) {
  QemuVersionResult r;
  r.device = device;
  r.deviations = std::move(d);
  return r;
}

const QemuMatrixRow& row(const std::vector<QemuMatrixRow>& rows, const std::string& clause) {
  for (const auto& r : rows) {
    if (r.clause == clause) return r;
  }
  throw std::runtime_error("no row " + clause);
}

TEST(QemuMatrix, MarksFixedStillPresentAndNewAgainstTheOlderVersion) {
  const auto rows = compare_qemu_versions({
      version("qemu:smmuv3",
              {{"CMD-2", "sequences", "ATC_INV executed"}, {"Q-6", "sequences", "CONS bit 19"}}),
      version("qemu:smmuv3@10.2.2",
              {{"Q-6", "sequences", "CONS bit 19"}, {"CMD-9", "sequences", "TLBI_S2_IPA"}}),
  });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(row(rows, "CMD-2").cells, (std::vector<QemuCell>{QemuCell::Present, QemuCell::Fixed}));
  EXPECT_EQ(row(rows, "Q-6").cells,
            (std::vector<QemuCell>{QemuCell::Present, QemuCell::StillPresent}));
  EXPECT_EQ(row(rows, "CMD-9").cells, (std::vector<QemuCell>{QemuCell::Absent, QemuCell::New}));
  EXPECT_EQ(row(rows, "CMD-9").first_failures[1], "TLBI_S2_IPA");
  EXPECT_EQ(row(rows, "CMD-2").first_failures[1], "");
}

TEST(QemuMatrix, AFeatureCommandLegalInTheNewerVersionIsNotApplicableThereNotFixed) {
  QemuVersionResult newer = version("qemu:smmuv3@10.2.2", {});
  newer.legal_commands = {"TLBI_S2_IPA"};
  const auto rows = compare_qemu_versions({
      version("qemu:smmuv3", {{"CMD-2", "TLBI_S2_IPA", "x"}, {"CMD-2", "ATC_INV", "y"}}),
      newer,
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].case_name, "ATC_INV");
  EXPECT_EQ(rows[0].cells, (std::vector<QemuCell>{QemuCell::Present, QemuCell::Fixed}));
  EXPECT_EQ(rows[1].cells, (std::vector<QemuCell>{QemuCell::Present, QemuCell::NotApplicable}));
}

TEST(QemuMatrix, KeysOnClauseAndCase) {
  const auto rows = compare_qemu_versions({
      version("a", {{"CMD-2", "atc_inv", "x"}}),
      version("b", {{"CMD-2", "pri_resp", "y"}}),
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].case_name, "atc_inv");
  EXPECT_EQ(rows[0].cells, (std::vector<QemuCell>{QemuCell::Present, QemuCell::Fixed}));
  EXPECT_EQ(rows[1].cells, (std::vector<QemuCell>{QemuCell::Absent, QemuCell::New}));
}

TEST(QemuMatrix, AVersionNotCheckedIsNeitherFixedNorNewAndIsSkippedInTheComparison) {
  QemuVersionResult missing = version("qemu:smmuv3@9.0.0", {});
  missing.not_checked = "not built";
  const auto rows = compare_qemu_versions({
      version("qemu:smmuv3", {{"Q-6", "sequences", "x"}}),
      missing,
      version("qemu:smmuv3@10.2.2", {{"Q-6", "sequences", "x"}}),
  });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (std::vector<QemuCell>{QemuCell::Present, QemuCell::NotChecked,
                                                  QemuCell::StillPresent}));
}

TEST(QemuMatrix, AVersionThatFailedIsNotCreditedWithFixesItDidNotReach) {
  QemuVersionResult crashed = version("qemu:smmuv3@10.2.2", {{"CMD-2", "sequences", "x"}});
  crashed.device_failure = "killed";
  const auto rows = compare_qemu_versions({
      version("qemu:smmuv3", {{"CMD-2", "sequences", "x"}, {"Q-6", "sequences", "y"}}),
      crashed,
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(row(rows, "CMD-2").cells,
            (std::vector<QemuCell>{QemuCell::Present, QemuCell::StillPresent}));
  EXPECT_EQ(row(rows, "Q-6").cells,
            (std::vector<QemuCell>{QemuCell::Present, QemuCell::NotChecked}));
}

TEST(QemuDeviceSpec, ParsesAVersion) {
  const DeviceSpec s = parse_device_spec("qemu:smmuv3@10.2.2");
  EXPECT_EQ(s.backend, "qemu");
  EXPECT_EQ(s.target, "smmuv3");
  EXPECT_EQ(s.version, "10.2.2");
  EXPECT_EQ(parse_device_spec("qemu:smmuv3").version, "");
  EXPECT_THROW(parse_device_spec("qemu:smmuv3@10.2"), UsageError);
  EXPECT_THROW(parse_device_spec("qemu:smmuv3@latest"), UsageError);
  EXPECT_THROW(parse_device_spec("qemu:smmuv4@10.2.2"), UsageError);
}

class QemuCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cts-qemu-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "10.2.2" / "bin");
    ::setenv("CMDQV_CTS_QEMU_CACHE", dir_.c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("CMDQV_CTS_QEMU_CACHE");
    fs::remove_all(dir_);
  }
  void put_binary(const std::string& v) {
    const fs::path b = dir_ / v / "bin" / "qemu-system-aarch64";
    fs::create_directories(b.parent_path());
    std::ofstream(b) << "#!/bin/sh\n";
    ::chmod(b.c_str(), 0755);
  }
  fs::path dir_;
};

TEST_F(QemuCache, ABuildCountsOnlyOnceItsStampIsWritten) {
  put_binary("10.2.2");
  EXPECT_FALSE(cached_qemu_binary("10.2.2"));
  EXPECT_NE(qemu_availability("10.2.2").find("not built (run ci/build-qemu 10.2.2)"),
            std::string::npos);
  std::ofstream(dir_ / "10.2.2" / ".cts-built") << "qemu 1:10.2.2+ds-1 from unstable\n";
  ASSERT_TRUE(cached_qemu_binary("10.2.2"));
  EXPECT_EQ(*cached_qemu_binary("10.2.2"),
            (dir_ / "10.2.2" / "bin" / "qemu-system-aarch64").string());
  EXPECT_EQ(qemu_availability("10.2.2").rfind("available (", 0), 0u);
}

TEST_F(QemuCache, ListsKnownAndCachedVersions) {
  put_binary("9.1.0");
  std::ofstream(dir_ / "9.1.0" / ".cts-built") << "x\n";
  EXPECT_EQ(listed_qemu_versions(), (std::vector<std::string>{"10.2.2", "9.1.0"}));
}

TEST_F(QemuCache, AnExplicitVersionThatIsNotBuiltIsAConfigurationError) {
  try {
    (void)open_device(parse_device_spec("qemu:smmuv3@10.2.2"), Profile::Smmuv3, OpenOptions{});
    FAIL() << "opened an unbuilt QEMU";
  } catch (const DeviceConfigError& e) {
    EXPECT_NE(
        std::string(e.what()).find("QEMU 10.2.2 is not built; build it with ci/build-qemu 10.2.2"),
        std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cts::harness
