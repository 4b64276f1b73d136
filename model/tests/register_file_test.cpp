// SPDX-License-Identifier: MIT
// Generic register semantics driven by spec/: layout against the reference offsets,
// reset values, access kinds, access size/alignment errors and 8-byte folding.
#include <gtest/gtest.h>

#include "test_support.h"

namespace cts::model::test {
namespace {
constexpr Region C = Region::Cmdqv;
constexpr Region S = Region::Smmu;

TEST(RegisterFile, LayoutMatchesTheReferenceOffsets) {
  ReferenceModel m = make_model(spec::View::Host);
  const Layout& l = m.cmdqv().registers().layout();
  const auto at = [&](std::string_view b, std::string_view r, std::uint32_t i = 0, std::uint32_t j = 0) {
    const std::int32_t id = l.find(b, r, i, j);
    EXPECT_GE(id, 0) << b << "." << r;
    return id < 0 ? ~0ull : l.instances()[static_cast<std::size_t>(id)].offset;
  };
  EXPECT_EQ(at("config", "PARAM"), off::kParam);
  EXPECT_EQ(at("config", "CMDQ_ERR_MAP", 0, 3), off::kCmdqErrMap0 + 12);
  EXPECT_EQ(at("cmdq_alloc", "CMDQ_ALLOC", 7), off::cmdq_alloc(7));
  EXPECT_EQ(at("vintf", "CONFIG", 3), off::vintf_config(3));
  EXPECT_EQ(at("vintf", "SID_MATCH", 2, 15), off::vintf_sid_match(2, 15));
  EXPECT_EQ(at("vintf", "LVCMDQ_ERR_MAP", 1, 1), off::vintf_lvcmdq_err_map(1, 1));
  EXPECT_EQ(at("vcmdq_page0", "GERRORN", 5), off::vcmdq_page0(5) + off::kGerrorn);
  EXPECT_EQ(at("vcmdq_page1", "CONS_INDX_BASE", 6), off::vcmdq_page1(6) + off::kConsIndxBase);
  // Host default geometry: 4 VINTFs -> logical pages up to 0x30000 + 4 * 0x20000.
  EXPECT_EQ(l.extent(), 0x30000u + 4 * 0x20000u);
  const Layout& sl = m.smmu().registers().layout();
  EXPECT_EQ(sl.instances()[static_cast<std::size_t>(sl.find("regs", "CMDQ_CONS"))].offset, off::kSmmuCmdqCons);
}

TEST(RegisterFile, ParamReflectsTheGeometry) {
  ReferenceModel host = make_model(spec::View::Host);
  EXPECT_EQ(read32(host, C, off::kParam), 0x4231u);  // VER 1, 8 VCMDQs, 4 VINTFs, 16 SIDs
  ReferenceModel guest = make_model(spec::View::Guest);
  EXPECT_EQ(read32(guest, C, off::kParam), 0x4011u);  // what QEMU exposes
  ReferenceModel odd = make_model(spec::View::Host, "vintfs_log2=6,vcmdqs_log2=7,sids_log2=2");
  EXPECT_EQ(read32(odd, C, off::kParam), 0x2671u);
}

TEST(RegisterFile, IdrReflectsTheFeatures) {
  ReferenceModel m = make_model(spec::View::Host, "cmdqs=12,hyp=1,ats=1");
  const std::uint64_t idr0 = read32(m, S, off::kSmmuIdr0);
  EXPECT_EQ((idr0 >> 9) & 1, 1u);   // HYP
  EXPECT_EQ((idr0 >> 10) & 1, 1u);  // ATS
  EXPECT_EQ((idr0 >> 1) & 1, 1u);   // S1P
  EXPECT_EQ((read32(m, S, off::kSmmuIdr1) >> 21) & 0x1F, 12u);  // CMDQS
}

TEST(RegisterFile, ReadOnlyRegistersIgnoreWrites) {
  ReferenceModel m = make_model(spec::View::Host);
  const std::uint64_t param = read32(m, C, off::kParam);
  write32(m, C, off::kParam, 0xFFFFFFFF);
  EXPECT_EQ(read32(m, C, off::kParam), param);
  write32(m, C, off::kStatus, 1);
  EXPECT_EQ(read32(m, C, off::kStatus), 0u);
  write32(m, S, off::kSmmuIdr1, 0);
  EXPECT_EQ((read32(m, S, off::kSmmuIdr1) >> 21) & 0x1F, 19u);
}

TEST(RegisterFile, UncoveredBitsAreRes0) {
  ReferenceModel m = make_model(spec::View::Host);
  write32(m, C, off::cmdq_alloc(0), 0xFFFFFFFF);
  // ALLOCATED [0], LVCMDQ [7:1], VINTF [20:15]; everything else RES0.
  EXPECT_EQ(read32(m, C, off::cmdq_alloc(0)), 0x001F80FFu);
  write32(m, C, off::vintf_sid_match(0, 0), 0xFFFFFFFF);
  EXPECT_EQ(read32(m, C, off::vintf_sid_match(0, 0)), 0x001FFFFFu);
}

TEST(RegisterFile, AccessSizeAlignmentAndUnmappedOffsetsAreReported) {
  ReferenceModel m = make_model(spec::View::Host);
  EXPECT_EQ(m.read(C, off::kParam, 2).status, AccessStatus::BadSize);
  EXPECT_EQ(m.write(C, off::kParam, 1, 0).status, AccessStatus::BadSize);
  EXPECT_EQ(m.read(C, off::kParam, 8).status, AccessStatus::Misaligned);  // 0x4 is not 8-aligned
  EXPECT_EQ(m.read(C, 0x002, 4).status, AccessStatus::Misaligned);
  EXPECT_EQ(m.read(C, 0x00C, 4).status, AccessStatus::Unmapped);   // a hole in the config page
  EXPECT_EQ(m.write(C, 0x00C, 4, 1).status, AccessStatus::Unmapped);
  EXPECT_EQ(m.read(C, 0x30000 + 4 * 0x20000, 4).status, AccessStatus::Unmapped);  // past VINTF 3
  EXPECT_EQ(m.read(S, 0x10, 4).status, AccessStatus::Unmapped);
  ReferenceModel smmu_only = make_model(spec::View::Host, "cmdqv=0");
  EXPECT_EQ(smmu_only.read(C, off::kParam, 4).status, AccessStatus::Unmapped);
}

TEST(RegisterFile, EightByteAccessCoversTwoThirtyTwoBitRegisters) {
  ReferenceModel m = make_model(spec::View::Host);
  write64(m, C, off::vintf_config(1), 0xFFFFFFFF'00000000ull | (5u << 1));  // CONFIG = VMID 5; STATUS is RO
  EXPECT_EQ(read32(m, C, off::vintf_config(1)), 5u << 1);
  EXPECT_EQ(read64(m, C, off::vintf_config(1)), 5u << 1);  // STATUS.ENABLED = 0: EN was 0
  // A 64-bit register read in halves.
  write64(m, C, off::vcmdq_page1(2) + off::kBase, 0x0000'8765'4321'0004ull);
  EXPECT_EQ(read32(m, C, off::vcmdq_page1(2) + off::kBase), 0x43210004u);
  EXPECT_EQ(read32(m, C, off::vcmdq_page1(2) + off::kBase + 4), 0x8765u);
  // A 32-bit write to one half leaves the other.
  write32(m, C, off::vcmdq_page1(2) + off::kBase + 4, 0x12);
  EXPECT_EQ(read64(m, C, off::vcmdq_page1(2) + off::kBase), 0x0000'0012'4321'0004ull);
}

TEST(RegisterFile, ResetRestoresResetValues) {
  ReferenceModel m = make_model(spec::View::Host);
  write32(m, C, off::vintf_config(0), kHypOwn | 1);
  write32(m, C, off::cmdq_alloc(3), alloc_value(1, 1));
  m.reset();
  EXPECT_EQ(read32(m, C, off::vintf_config(0)), 0u);
  EXPECT_EQ(read32(m, C, off::vintf_status(0)), 0u);
  EXPECT_EQ(read32(m, C, off::cmdq_alloc(3)), 0u);
  EXPECT_EQ(read32(m, C, off::kParam), 0x4231u);
}

}  // namespace
}  // namespace cts::model::test
