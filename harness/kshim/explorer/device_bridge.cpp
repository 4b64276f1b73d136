// SPDX-License-Identifier: MIT
#include "device_bridge.h"

#include <sanitizer/common_interface_defs.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace cts::kshim {
namespace {

// CMDQV offsets the error overlay touches (cmdqv.md section 2).
constexpr std::uint64_t kViErrMap0 = 0x14;
constexpr std::uint64_t kVintf0LvcmdqErrMap = 0x1000 + 0xc0;  // + 8 * m, 64-bit
constexpr std::uint64_t kVintf0Config = 0x1000;
constexpr std::uint64_t kGlobalPage0 = 0x10000, kVintf0Page0 = 0x30000, kSlot = 0x80;
constexpr unsigned kConsErrShift = 24;
constexpr std::uint64_t kCmdqAlloc = 0x200;
constexpr std::uint64_t kParam = 0x4;

class FlagSink final : public model::IrqSink {
 public:
  FlagSink(bool& cmdqv, bool& gerror) : cmdqv_(cmdqv), gerror_(gerror) {}
  void pulse(model::IrqLine line) override {
    if (line == model::IrqLine::CmdqvError) cmdqv_ = true;
    if (line == model::IrqLine::SmmuGerror) gerror_ = true;
  }

 private:
  bool& cmdqv_;
  bool& gerror_;
};

}  // namespace

std::string symbolize(const void* pc) {
  char buf[512] = {0};
  // A return address points after the call: step back into it.
  __sanitizer_symbolize_pc(const_cast<char*>(static_cast<const char*>(pc) - 1), "%f %S", buf,
                           sizeof buf);
  return buf[0] ? buf : "?";
}

DeviceBridge::DeviceBridge(const KshimModule& module, harness::Device& device,
                           const RegisterNames& names)
    : module_(module), device_(device), names_(names) {}

void DeviceBridge::attach(const kshim_options& options) {
  kshim_platform_ops ops{};
  ops.ctx = this;
  ops.mmio_read = &DeviceBridge::mmio_read;
  ops.mmio_write = &DeviceBridge::mmio_write;
  ops.dma_write = &DeviceBridge::dma_write;
  ops.before_event = &DeviceBridge::before_event;
  ops.log = &DeviceBridge::on_log;
  ops.finding = &DeviceBridge::on_finding;
  module_.api().configure(&ops, &options);
}

std::uint64_t DeviceBridge::overlay(unsigned region, std::uint64_t off, unsigned size,
                                    std::uint64_t value) const {
  if (!overlay_active_ || !report_.enabled || region != KSHIM_REGION_CMDQV) return value;
  const bool any = (report_.lvcmdq_mask[0] | report_.lvcmdq_mask[1]) != 0;
  if (off == kViErrMap0 && any) return value | 1u;
  for (unsigned m = 0; m < 2; ++m) {
    const std::uint64_t at = kVintf0LvcmdqErrMap + 8 * m;
    if (off == at)
      return value | (size == 8 ? report_.lvcmdq_mask[m] : (report_.lvcmdq_mask[m] & 0xffffffffu));
    if (off == at + 4 && size == 4) return value | (report_.lvcmdq_mask[m] >> 32);
  }
  for (std::uint64_t base : {kVintf0Page0, kGlobalPage0}) {
    if (off < base || off >= base + 128 * kSlot || (off - base) % kSlot != 0) continue;
    const std::uint64_t l = (off - base) / kSlot;
    if ((report_.lvcmdq_mask[l / 64] >> (l % 64)) & 1) {
      return (value & ~(0x7full << kConsErrShift)) |
             (std::uint64_t{report_.cons_err} << kConsErrShift);
    }
  }
  return value;
}

int DeviceBridge::mmio_read(void* ctx, unsigned region, unsigned long long off, unsigned size,
                            unsigned long long* val) {
  auto* self = static_cast<DeviceBridge*>(ctx);
  std::uint64_t v = 0;
  if (!self->device_.read(static_cast<harness::Region>(region), off, size, v)) return -1;
  v = self->overlay(region, off, size, v);
  if (region == KSHIM_REGION_CMDQV && off == kParam && size == 4 && self->param_override_ >= 0)
    v = static_cast<std::uint64_t>(self->param_override_);
  if (region == KSHIM_REGION_CMDQV && off == kVintf0Config)
    self->last_vintf0_config_ = static_cast<std::int64_t>(v);
  *val = v;
  return 0;
}

void DeviceBridge::deliver_interrupts() {
  // An edge reaches the CPU right after the access that caused it.
  if (cmdqv_irq_) {
    cmdqv_irq_ = false;
    module_.api().raise_irq();
  }
  if (gerror_irq_ && !in_gerror_) {
    gerror_irq_ = false;
    in_gerror_ = true;
    module_.api().smmu_gerror();
    in_gerror_ = false;
  }
}

int DeviceBridge::mmio_write(void* ctx, unsigned region, unsigned long long off, unsigned size,
                             unsigned long long val) {
  auto* self = static_cast<DeviceBridge*>(ctx);
  if (region == KSHIM_REGION_CMDQV && off >= kCmdqAlloc && off < kCmdqAlloc + 4 * 128 && size == 4)
    self->alloc_writes_.push_back(
        {static_cast<unsigned>((off - kCmdqAlloc) / 4), static_cast<std::uint32_t>(val)});
  if (!self->device_.write(static_cast<harness::Region>(region), off, size, val)) return -1;
  FlagSink sink(self->cmdqv_irq_, self->gerror_irq_);
  self->device_.run(sink);
  if (self->cmdqv_irq_ || self->gerror_irq_) ++self->device_errors_;
  self->deliver_interrupts();
  return 0;
}

bool DeviceBridge::user_read(unsigned region, std::uint64_t off, unsigned size,
                             std::uint64_t& value) {
  return device_.read(static_cast<harness::Region>(region), off, size, value);
}

bool DeviceBridge::user_write(unsigned region, std::uint64_t off, unsigned size,
                              std::uint64_t value) {
  if (!device_.write(static_cast<harness::Region>(region), off, size, value)) return false;
  FlagSink sink(cmdqv_irq_, gerror_irq_);
  device_.run(sink);
  if (cmdqv_irq_ || gerror_irq_) ++device_errors_;
  deliver_interrupts();
  return true;
}

void DeviceBridge::dma_write(void* ctx, unsigned long long iova, const void* buf,
                             unsigned long len) {
  static_cast<DeviceBridge*>(ctx)->device_.write_memory(iova, buf, static_cast<std::uint32_t>(len));
}

void DeviceBridge::before_event(void* ctx, const kshim_event* ev) {
  auto* self = static_cast<DeviceBridge*>(ctx);
  if (std::find(self->schedule_.begin(), self->schedule_.end(), ev->seq) == self->schedule_.end())
    return;
  // The parent symbolizes (it shares the module's addresses): a child stays cheap.
  self->preemptions_.push_back({*ev, self->echo_ ? std::string() : symbolize(ev->site)});
  if (self->echo_) {
    std::cerr << "@kshim preempted " << ev->site << " " << self->describe(*ev) << "\n"
              << std::flush;
  }
  self->overlay_active_ = true;
  self->module_.api().raise_irq();
  self->overlay_active_ = false;
}

void DeviceBridge::on_log(void* ctx, int level, const char* line) {
  auto* self = static_cast<DeviceBridge*>(ctx);
  self->log_.push_back("<" + std::to_string(level) + ">" + line);
}

void DeviceBridge::on_finding(void* ctx, const char* kind, const char* text) {
  auto* self = static_cast<DeviceBridge*>(ctx);
  self->findings_.push_back({kind, text});
  // A fatal finding aborts right after this call: say it first.
  if (self->echo_) {
    std::cerr << "@kshim finding " << kind << ": " << text << "\n" << std::flush;
    __sanitizer_print_stack_trace();
  }
}

std::string DeviceBridge::describe(const kshim_event& ev) const {
  const std::string n = "#" + std::to_string(ev.seq) + " " + ev.what;
  switch (ev.kind) {
    case KSHIM_EV_MMIO_READ:
      return n + " " + names_.name(ev.region, ev.off);
    case KSHIM_EV_MMIO_WRITE: {
      char v[24];
      std::snprintf(v, sizeof v, "0x%llx", static_cast<unsigned long long>(ev.value));
      return n + " " + names_.name(ev.region, ev.off) + " = " + v;
    }
    case KSHIM_EV_ALLOC:
    case KSHIM_EV_DEVRES:
      return n + "(" + std::to_string(ev.off) + ")";
    default:
      return n;
  }
}

}  // namespace cts::kshim
