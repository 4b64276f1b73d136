// SPDX-License-Identifier: MIT
// Backend "qemu:smmuv3" (see qemu_device.h).
#include "cmdqv_cts/harness/qemu/qemu_device.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace cts::harness::qemu {

namespace {

constexpr std::uint64_t kRamBase = SparseMemory::kRamBase;
constexpr std::uint64_t kRamEnd = SparseMemory::kRamBase + SparseMemory::kRamSize;
constexpr unsigned kPageShift = 12;
constexpr std::uint32_t kFdtMagic = 0xd00dfeed;
constexpr std::uint64_t kMaxDtb = 2u << 20;

bool is_gic(const std::string& type) {
  return type == "arm_gic" || type == "arm-gicv3" || type == "kvm-arm-gic" || type == "kvm-arm-gicv3";
}

// Registers QEMU 7.2's SMMU reset leaves alone (smmuv3_init_regs touches only the low bits of
// the queue bases), zeroed before each system_reset so that the reset state equals a freshly
// started QEMU. Writing CMDQ_BASE/EVTQ_BASE = 0 also zeroes the hidden queue log2size that a
// fresh QEMU has (the register's LOG2SIZE reads 19 after reset, but consumption uses the value
// of the last base write, 0 if none).
struct Scrub {
  std::uint32_t off;
  unsigned size;
};
constexpr std::array<Scrub, 12> kScrub = {{
    {0x28, 4},  // CR1
    {0x2C, 4},  // CR2
    {0x68, 8},  // GERROR_IRQ_CFG0
    {0x70, 4},  // GERROR_IRQ_CFG1
    {0x74, 4},  // GERROR_IRQ_CFG2
    {0x80, 8},  // STRTAB_BASE
    {0x88, 4},  // STRTAB_BASE_CFG
    {0x90, 8},  // CMDQ_BASE
    {0xA0, 8},  // EVTQ_BASE
    {0xB0, 8},  // EVTQ_IRQ_CFG0
    {0xB8, 4},  // EVTQ_IRQ_CFG1
    {0xBC, 4},  // EVTQ_IRQ_CFG2
}};

std::string hex(std::uint64_t v) {
  char buf[18];
  return std::string(buf, format_hex(buf, v));
}

}  // namespace

QemuDevice::QemuDevice(const QemuDeviceOptions& options)
    : process_(options.process),
      qtest_(process_.take_qtest(), options.timeout),
      qmp_(process_.take_qmp(), options.timeout, [this](bool hung) { return process_.stop_and_describe(hung); }) {
  qtest_.set_failure_context([this](bool hung) { return process_.stop_and_describe(hung); });
  gic_path_ = find_gic();
  const QtestReply r = qtest_.request("irq_intercept_in " + gic_path_);
  if (!r.ok()) throw DeviceFailure("QEMU refused irq_intercept_in " + gic_path_ + ": " + r.text);

  // With no kernel, the virt machine puts its device tree at the start of RAM; a device under
  // test should see zeroed memory, as the model does.
  const std::vector<std::uint8_t> h = qtest_.read_memory(kRamBase, 8);
  const auto be32 = [&](std::size_t i) {
    return std::uint32_t{h[i]} << 24 | std::uint32_t{h[i + 1]} << 16 | std::uint32_t{h[i + 2]} << 8 | h[i + 3];
  };
  if (be32(0) == kFdtMagic) dtb_size_ = std::min<std::uint64_t>(be32(4), kMaxDtb);
  clear_dtb();
}

std::string QemuDevice::find_gic() {
  // With -smp 1 the GIC is /machine/unattached/device[1] (device[0] is the CPU). Check the type
  // before intercepting: QEMU allows one intercepted device per run, and intercepting a
  // device without unnamed GPIO inputs answers OK and blocks the GIC for good.
  const auto path = [](unsigned i) { return "/machine/unattached/device[" + std::to_string(i) + "]"; };
  if (const auto t = qmp_.qom_type(path(1)); t && is_gic(*t)) return path(1);
  for (unsigned i = 0; i < 64; ++i) {
    const auto t = qmp_.qom_type(path(i));
    if (!t) break;
    if (is_gic(*t)) return path(i);
  }
  throw DeviceFailure("no GIC (arm_gic / arm-gicv3) found under /machine/unattached");
}

void QemuDevice::clear_dtb() {
  if (dtb_size_ != 0) {
    qtest_.memset(kRamBase, dtb_size_, 0);
  } else {
    (void)qtest_.readl(kSmmuBase);  // still a round trip: collects IRQ lines already sent
  }
}

bool QemuDevice::read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) {
  if (r != Region::Smmu) return false;  // QEMU 7.2 has no CMDQV
  if ((size != 4 && size != 8) || off % size != 0 || off >= kSmmuSize || kSmmuSize - off < size) return false;
  value = size == 4 ? qtest_.readl(kSmmuBase + off) & 0xFFFFFFFFu : qtest_.readq(kSmmuBase + off);
  return true;
}

bool QemuDevice::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  if (r != Region::Smmu) return false;
  if ((size != 4 && size != 8) || off % size != 0 || off >= kSmmuSize || kSmmuSize - off < size) return false;
  if (size == 4) {
    qtest_.writel(kSmmuBase + off, static_cast<std::uint32_t>(value));
  } else {
    qtest_.writeq(kSmmuBase + off, value);
  }
  return true;
}

void QemuDevice::write_memory(std::uint64_t addr, const void* data, std::uint32_t len) {
  const std::uint64_t end = addr + len < addr ? ~std::uint64_t{0} : addr + len;
  const std::uint64_t lo = std::max(addr, kRamBase);
  const std::uint64_t hi = std::min(end, kRamEnd);
  if (lo >= hi) return;  // outside RAM: dropped
  for (std::uint64_t page = lo >> kPageShift; page <= (hi - 1) >> kPageShift; ++page) written_pages_.insert(page);
  const auto* bytes = static_cast<const std::uint8_t*>(data) + (lo - addr);
  qtest_.write_memory(lo, std::span<const std::uint8_t>(bytes, hi - lo));
}

void QemuDevice::run(model::IrqSink& irq) {
  // Every IRQ line arrives before the OK of the access that caused it, so nothing is pending.
  for (const unsigned spi : qtest_.take_irq_raises()) {
    if (spi == kSpiCmdqSync) irq.pulse(model::IrqLine::SmmuCmdqSync);
    if (spi == kSpiGerror) irq.pulse(model::IrqLine::SmmuGerror);
  }
}

// Reset = QMP system_reset, not a new QEMU: it costs a few ms where a restart costs ~100 ms
// (measured in qemu_device_test). system_reset leaves RAM and some SMMU registers alone, so
// before it: the pages written since the last reset are zeroed and the registers in kScrub
// are written 0; after it (once QEMU reports the RESET event): the reloaded device tree is
// zeroed and interrupts seen meanwhile are dropped. The result reads like a fresh QEMU
// (checked register by register in qemu_device_test).
void QemuDevice::reset() {
  std::vector<std::string> lines;
  for (auto it = written_pages_.begin(); it != written_pages_.end();) {
    const std::uint64_t first = *it;
    std::uint64_t last = first;
    for (++it; it != written_pages_.end() && *it == last + 1; ++it) last = *it;
    for (std::uint64_t p = first; p <= last; p += kMaxQtestTransfer >> kPageShift) {
      const std::uint64_t pages = std::min<std::uint64_t>(last + 1 - p, kMaxQtestTransfer >> kPageShift);
      lines.push_back("memset " + hex(p << kPageShift) + " " + hex(pages << kPageShift) + " 0");
    }
  }
  for (const Scrub& s : kScrub) lines.push_back((s.size == 4 ? "writel " : "writeq ") + hex(kSmmuBase + s.off) + " 0");
  const std::vector<QtestReply> replies = qtest_.pipeline(lines);
  for (std::size_t i = 0; i < replies.size(); ++i) {
    if (!replies[i].ok()) throw DeviceFailure("QEMU answered '" + replies[i].text + "' to '" + lines[i] + "'");
  }
  qmp_.system_reset();
  clear_dtb();
  (void)qtest_.take_irq_raises();
  written_pages_.clear();
}

}  // namespace cts::harness::qemu
