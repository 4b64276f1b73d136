// SPDX-License-Identifier: MIT
// The register offsets and fields as the driver knows them (arm-smmu-v3.h and tegra241-cmdqv.c
// defines, cmdqv.md sections 1-2). Written apart from spec/ on purpose, as the kernel's own
// defines are: a layout the driver and the spec disagree on shows up as a device difference.
#pragma once

#include <cstdint>

namespace cts::driver::regs {

// SMMU page 0.
inline constexpr std::uint64_t kIdr0 = 0x00, kIdr1 = 0x04, kCr0 = 0x20, kCr0Ack = 0x24,
                               kGerror = 0x60, kGerrorn = 0x64, kCmdqBase = 0x90, kCmdqProd = 0x98,
                               kCmdqCons = 0x9C;
inline constexpr std::uint64_t kCr0SmmuEn = 1u << 0, kCr0CmdqEn = 1u << 3;
inline constexpr std::uint64_t kGerrorCmdqErr = 1u << 0;
inline constexpr unsigned kIdr0S2p = 0, kIdr0S1p = 1, kIdr0Hyp = 9, kIdr0Ats = 10, kIdr0Pri = 16;
inline constexpr unsigned kIdr0StallModelShift = 24;  // [25:24]; 0b01 = stall not supported
inline constexpr unsigned kIdr1CmdqsShift = 21;       // [25:21]

// CMDQV config page.
inline constexpr std::uint64_t kConfig = 0x000, kParam = 0x004, kStatus = 0x008, kViErrMap0 = 0x014,
                               kViErrMap1 = 0x018, kCmdqErrMap0 = 0x024;
inline constexpr std::uint64_t kEn = 1;  // CONFIG.EN / STATUS.ENABLED of CMDQV, VINTF and VCMDQ
inline constexpr std::uint64_t cmdq_alloc(std::uint32_t q) {
  return 0x200 + 4ull * q;
}
inline constexpr std::uint64_t kAllocAllocated = 1;
inline constexpr std::uint64_t alloc_map(std::uint32_t vintf, std::uint32_t lvcmdq) {
  return (std::uint64_t{vintf} << 15) | (std::uint64_t{lvcmdq} << 1);
}

// VINTF(v) block.
inline constexpr std::uint64_t vintf(std::uint32_t v) {
  return 0x1000 + 0x100ull * v;
}
inline constexpr std::uint64_t vintf_config(std::uint32_t v) {
  return vintf(v);
}
inline constexpr std::uint64_t vintf_status(std::uint32_t v) {
  return vintf(v) + 0x4;
}
inline constexpr std::uint64_t sid_match(std::uint32_t v, std::uint32_t s) {
  return vintf(v) + 0x40 + 4ull * s;
}
inline constexpr std::uint64_t sid_replace(std::uint32_t v, std::uint32_t s) {
  return vintf(v) + 0x80 + 4ull * s;
}
inline constexpr std::uint64_t lvcmdq_err_map(std::uint32_t v, std::uint32_t m) {
  return vintf(v) + 0xC0 + 8ull * m;
}
inline constexpr std::uint64_t kVintfHypOwn = 1ull << 17;
inline constexpr unsigned kVintfVmidShift = 1;

// LVCMDQ l of VINTF v through the VINTF logical pages (all the driver ever uses).
inline constexpr std::uint64_t lvcmdq_page0(std::uint32_t v, std::uint32_t l) {
  return 0x30000 + 0x20000ull * v + 0x80ull * l;
}
inline constexpr std::uint64_t lvcmdq_page1(std::uint32_t v, std::uint32_t l) {
  return 0x40000 + 0x20000ull * v + 0x80ull * l;
}
inline constexpr std::uint64_t kVintfPageSize = 0x10000;
inline constexpr std::uint64_t kQCons = 0x00, kQProd = 0x04, kQConfig = 0x08, kQStatus = 0x0C,
                               kQGerror = 0x10,
                               kQGerrorn = 0x14;                      // page 0
inline constexpr std::uint64_t kQBase = 0x00, kQConsIndxBase = 0x08;  // page 1

// Queue pointers and entries (shared by the SMMU CMDQ and VCMDQs).
inline constexpr unsigned kConsErrShift = 24;  // CONS.ERR [30:24]
inline constexpr std::uint64_t kConsErrMask = 0x7Full << kConsErrShift;
inline constexpr std::uint64_t kBaseAddrMask = 0x0000FFFFFFFFFFE0ull;  // [47:5]
inline constexpr std::uint8_t kOpCmdSync = 0x46;
inline constexpr unsigned kEntryBytes = 16;

}  // namespace cts::driver::regs
