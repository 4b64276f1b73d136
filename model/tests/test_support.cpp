// SPDX-License-Identifier: MIT
// Test bench implementation (see test_support.h).
#include "test_support.h"

#include <algorithm>
#include <cstring>

#include "cmdqv_cts/model/queue_index.h"

namespace cts::model::test {

std::shared_ptr<const spec::Spec> embedded_spec() {
  static const auto spec = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return spec;
}

ReferenceModel make_model(spec::View view, const std::string& options) {
  return ReferenceModel(embedded_spec(), ModelConfig::parse(options, view));
}

bool TestMemory::read(std::uint64_t addr, void* buf, std::uint32_t len) {
  ++reads;
  auto* out = static_cast<std::uint8_t*>(buf);
  for (std::uint32_t i = 0; i < len; ++i) {
    if (faults_.count(addr + i)) return false;
    auto it = bytes_.find(addr + i);
    out[i] = it == bytes_.end() ? 0 : it->second;
  }
  return true;
}

bool TestMemory::write(std::uint64_t addr, const void* buf, std::uint32_t len) {
  const auto* in = static_cast<const std::uint8_t*>(buf);
  for (std::uint32_t i = 0; i < len; ++i) {
    if (faults_.count(addr + i)) return false;
    bytes_[addr + i] = in[i];
  }
  return true;
}

void TestMemory::put_command(std::uint64_t addr, std::uint64_t dword0, std::uint64_t dword1) {
  const std::uint64_t d[2] = {dword0, dword1};
  write(addr, d, sizeof d);
}

std::size_t RecordingIrq::count(IrqLine line) const {
  return static_cast<std::size_t>(std::count(pulses.begin(), pulses.end(), line));
}

std::uint64_t read32(const ReferenceModel& m, Region r, std::uint64_t off) {
  const AccessResult a = m.read(r, off, 4);
  EXPECT_EQ(a.status, AccessStatus::Ok) << "read32 at 0x" << std::hex << off;
  return a.value;
}
std::uint64_t read64(const ReferenceModel& m, Region r, std::uint64_t off) {
  const AccessResult a = m.read(r, off, 8);
  EXPECT_EQ(a.status, AccessStatus::Ok) << "read64 at 0x" << std::hex << off;
  return a.value;
}
void write32(ReferenceModel& m, Region r, std::uint64_t off, std::uint64_t v) {
  EXPECT_EQ(m.write(r, off, 4, v).status, AccessStatus::Ok) << "write32 at 0x" << std::hex << off;
}
void write64(ReferenceModel& m, Region r, std::uint64_t off, std::uint64_t v) {
  EXPECT_EQ(m.write(r, off, 8, v).status, AccessStatus::Ok) << "write64 at 0x" << std::hex << off;
}

void bring_up_vcmdq(ReferenceModel& m, const QueueSetup& s) {
  constexpr Region C = Region::Cmdqv;
  write32(m, C, off::kConfig, read32(m, C, off::kConfig) | 1);
  write32(m, C, off::vintf_config(s.vintf), s.hyp_own ? kHypOwn : 0);
  write32(m, C, off::vintf_config(s.vintf), read32(m, C, off::vintf_config(s.vintf)) | 1);
  write32(m, C, off::cmdq_alloc(s.vcmdq), alloc_value(s.vintf, s.lvcmdq));
  write64(m, C, off::vcmdq_page1(s.vcmdq) + off::kBase, s.base | s.log2size);
  write32(m, C, off::vcmdq_page0(s.vcmdq) + off::kProd, 0);
  write32(m, C, off::vcmdq_page0(s.vcmdq) + off::kCons, 0);
  write32(m, C, off::vcmdq_page0(s.vcmdq) + off::kQConfig, 1);
}

namespace {
template <class WriteProd>
void push_at(TestMemory& mem, std::uint64_t base, unsigned log2size, std::uint64_t prod,
             const std::vector<std::pair<std::uint64_t, std::uint64_t>>& cmds, WriteProd&& write_prod) {
  for (const auto& [d0, d1] : cmds) {
    mem.put_command(queue::entry_address<Concrete>(base, prod, log2size), d0, d1);
    prod = queue::advance<Concrete>(prod, 1, log2size);
  }
  write_prod(prod);
}
}  // namespace

void push_vcmdq(ReferenceModel& m, TestMemory& mem, const QueueSetup& s,
                const std::vector<std::pair<std::uint64_t, std::uint64_t>>& cmds) {
  const std::uint64_t prod_off = off::vcmdq_page0(s.vcmdq) + off::kProd;
  push_at(mem, s.base, s.log2size, read32(m, Region::Cmdqv, prod_off), cmds,
          [&](std::uint64_t p) { write32(m, Region::Cmdqv, prod_off, p); });
}

void bring_up_smmu_cmdq(ReferenceModel& m, std::uint64_t base, unsigned log2size) {
  write64(m, Region::Smmu, off::kSmmuCmdqBase, base | log2size);
  write32(m, Region::Smmu, off::kSmmuCmdqProd, 0);
  write32(m, Region::Smmu, off::kSmmuCmdqCons, 0);
  write32(m, Region::Smmu, off::kSmmuIrqCtrl, 1);  // GERROR_IRQEN, as Linux sets it
  write32(m, Region::Smmu, off::kSmmuCr0, 1u << 3);
}

void push_smmu(ReferenceModel& m, TestMemory& mem, std::uint64_t base, unsigned log2size,
               const std::vector<std::pair<std::uint64_t, std::uint64_t>>& cmds) {
  push_at(mem, base, log2size, read32(m, Region::Smmu, off::kSmmuCmdqProd), cmds,
          [&](std::uint64_t p) { write32(m, Region::Smmu, off::kSmmuCmdqProd, p); });
}

}  // namespace cts::model::test
