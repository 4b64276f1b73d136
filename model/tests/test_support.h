// SPDX-License-Identifier: MIT
// Shared test bench for the model tests: the embedded spec, a fault-injecting DMA memory,
// an IRQ recorder, register offsets as the reference documents give them, and a few
// driver-like helpers that program the device the way Linux does.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cmdqv_cts/model/reference_model.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::model::test {

// Tag a test with the spec clause it checks (shows in the XML report).
#define CTS_CLAUSE(id) ::testing::Test::RecordProperty("clause", id)

std::shared_ptr<const spec::Spec> embedded_spec();
ReferenceModel make_model(spec::View view, const std::string& options = "");

// Byte-addressed sparse memory. Reads/writes that touch a faulting address abort.
class TestMemory final : public Memory {
 public:
  bool read(std::uint64_t addr, void* buf, std::uint32_t len) override;
  bool write(std::uint64_t addr, const void* buf, std::uint32_t len) override;
  void put_command(std::uint64_t addr, std::uint64_t dword0, std::uint64_t dword1 = 0);
  void fault_at(std::uint64_t addr) { faults_.insert(addr); }
  std::uint64_t reads = 0;

 private:
  std::map<std::uint64_t, std::uint8_t> bytes_;
  std::set<std::uint64_t> faults_;
};

class RecordingIrq final : public IrqSink {
 public:
  void pulse(IrqLine line) override { pulses.push_back(line); }
  std::size_t count(IrqLine line) const;
  std::vector<IrqLine> pulses;
};

// Offsets from the reference notes' tables (cmdqv.md sections 1-2, smmuv3-cmdq.md section 1),
// written independently of spec/ so that the tests also check the YAML.
namespace off {
inline constexpr std::uint64_t kSmmuIdr0 = 0x00, kSmmuIdr1 = 0x04, kSmmuCr0 = 0x20, kSmmuCr0Ack = 0x24,
                               kSmmuGerror = 0x60, kSmmuGerrorn = 0x64, kSmmuIrqCtrl = 0x50, kSmmuIrqCtrlAck = 0x54, kSmmuCmdqBase = 0x90,
                               kSmmuCmdqProd = 0x98, kSmmuCmdqCons = 0x9C;
inline constexpr std::uint64_t kConfig = 0x000, kParam = 0x004, kStatus = 0x008, kViErrMap0 = 0x014,
                               kViIntMask0 = 0x01C, kCmdqErrMap0 = 0x024;
constexpr std::uint64_t cmdq_alloc(std::uint32_t q) { return 0x200 + 4ull * q; }
constexpr std::uint64_t vintf(std::uint32_t v) { return 0x1000 + 0x100ull * v; }
constexpr std::uint64_t vintf_config(std::uint32_t v) { return vintf(v) + 0x0; }
constexpr std::uint64_t vintf_status(std::uint32_t v) { return vintf(v) + 0x4; }
constexpr std::uint64_t vintf_sid_match(std::uint32_t v, std::uint32_t s) { return vintf(v) + 0x40 + 4ull * s; }
constexpr std::uint64_t vintf_lvcmdq_err_map(std::uint32_t v, std::uint32_t m) { return vintf(v) + 0xC0 + 8ull * m; }
// Page-0 registers of a VCMDQ slot, relative to the slot.
inline constexpr std::uint64_t kCons = 0x00, kProd = 0x04, kQConfig = 0x08, kQStatus = 0x0C, kGerror = 0x10,
                               kGerrorn = 0x14;
inline constexpr std::uint64_t kBase = 0x00, kConsIndxBase = 0x08;  // page 1
constexpr std::uint64_t vcmdq_page0(std::uint32_t q) { return 0x10000 + 0x80ull * q; }
constexpr std::uint64_t vcmdq_page1(std::uint32_t q) { return 0x20000 + 0x80ull * q; }
constexpr std::uint64_t lvcmdq_page0(std::uint32_t v, std::uint32_t l) { return 0x30000 + 0x20000ull * v + 0x80ull * l; }
constexpr std::uint64_t lvcmdq_page1(std::uint32_t v, std::uint32_t l) { return 0x40000 + 0x20000ull * v + 0x80ull * l; }
}  // namespace off

// Field values used by the helpers.
inline constexpr std::uint64_t kHypOwn = 1ull << 17;
inline constexpr std::uint64_t alloc_value(std::uint32_t vintf, std::uint32_t lvcmdq, bool allocated = true) {
  return (std::uint64_t{vintf} << 15) | (std::uint64_t{lvcmdq} << 1) | (allocated ? 1 : 0);
}
inline constexpr std::uint64_t command(std::uint8_t opcode, std::uint64_t rest = 0) { return rest | opcode; }
inline constexpr std::uint64_t kOpTlbiNhAsid = 0x11, kOpTlbiNhVa = 0x12, kOpCfgiSte = 0x03, kOpCfgiAll = 0x04,
                               kOpAtcInv = 0x40, kOpCmdSync = 0x46, kOpTlbiNhAll = 0x10, kOpPrefetchCfg = 0x01,
                               kOpTlbiNsnhAll = 0x30, kOpPriResp = 0x41, kOpResume = 0x44;

std::uint64_t read32(const ReferenceModel& m, Region r, std::uint64_t off);
std::uint64_t read64(const ReferenceModel& m, Region r, std::uint64_t off);
void write32(ReferenceModel& m, Region r, std::uint64_t off, std::uint64_t v);
void write64(ReferenceModel& m, Region r, std::uint64_t off, std::uint64_t v);

// Linux-style bring-up: CMDQV on, VINTF v on with `hyp_own` requested, LVCMDQ l <-> VCMDQ q
// mapped, queue at `base` with 2^log2 entries, enabled. Returns the global VCMDQ.
struct QueueSetup {
  std::uint32_t vintf = 0, lvcmdq = 0, vcmdq = 0;
  std::uint64_t base = 0x40100000;
  unsigned log2size = 4;
  bool hyp_own = true;
};
void bring_up_vcmdq(ReferenceModel& m, const QueueSetup& s);
// Write `cmds` at PROD of VCMDQ q (through the global page) and advance PROD.
void push_vcmdq(ReferenceModel& m, TestMemory& mem, const QueueSetup& s,
                const std::vector<std::pair<std::uint64_t, std::uint64_t>>& cmds);
// SMMU CMDQ: base, log2size, CR0.CMDQEN.
void bring_up_smmu_cmdq(ReferenceModel& m, std::uint64_t base, unsigned log2size);
void push_smmu(ReferenceModel& m, TestMemory& mem, std::uint64_t base, unsigned log2size,
               const std::vector<std::pair<std::uint64_t, std::uint64_t>>& cmds);

}  // namespace cts::model::test
