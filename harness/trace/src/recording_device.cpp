// SPDX-License-Identifier: MIT
// RecordingDevice (see recording_device.h).
#include "cmdqv_cts/trace/recording_device.h"

#include <algorithm>

#include "cmdqv_cts/trace/cts_trace_format.h"

namespace cts::trace {
namespace {

// Forwards each pulse and records it as an `irq` line.
class RecordingIrq final : public model::IrqSink {
 public:
  RecordingIrq(model::IrqSink& inner, std::ostream& out) : inner_(inner), out_(out) {}
  void pulse(model::IrqLine line) override {
    out_ << "irq " << irq_name(line) << "\n";
    inner_.pulse(line);
  }

 private:
  model::IrqSink& inner_;
  std::ostream& out_;
};

}  // namespace

RecordingDevice::RecordingDevice(harness::Device& inner, std::ostream& out,
                                 harness::Profile profile, const model::ModelConfig& config)
    : inner_(inner), out_(out) {
  write_header(out_, profile, config, inner_.name());
}

void RecordingDevice::record_access(EventKind kind, harness::Region r, std::uint64_t off,
                                    unsigned size, std::uint64_t value, bool ok) {
  TraceEvent e;
  e.kind = kind;
  e.region = r;
  e.offset = off;
  e.size = size;
  e.value = value;
  e.fault = !ok;
  out_ << format_event(e) << "\n";
}

bool RecordingDevice::read(harness::Region r, std::uint64_t off, unsigned size,
                           std::uint64_t& value) {
  const bool ok = inner_.read(r, off, size, value);
  record_access(EventKind::Read, r, off, size, value, ok);
  return ok;
}

bool RecordingDevice::write(harness::Region r, std::uint64_t off, unsigned size,
                            std::uint64_t value) {
  const bool ok = inner_.write(r, off, size, value);
  record_access(EventKind::Write, r, off, size, value, ok);
  return ok;
}

void RecordingDevice::write_memory(std::uint64_t addr, const void* data, std::uint32_t len) {
  inner_.write_memory(addr, data, len);
  const auto* p = static_cast<const std::uint8_t*>(data);
  for (std::uint32_t done = 0; done < len;) {  // a mem line holds at most kMaxMemoryBytes
    const std::uint32_t chunk = std::min<std::uint32_t>(len - done, kMaxMemoryBytes);
    TraceEvent e;
    e.kind = EventKind::Memory;
    e.address = addr + done;
    e.bytes.assign(p + done, p + done + chunk);
    out_ << format_event(e) << "\n";
    done += chunk;
  }
}

void RecordingDevice::run(model::IrqSink& irq) {
  out_ << "run\n";
  RecordingIrq recording(irq, out_);
  inner_.run(recording);
}

void RecordingDevice::reset() {
  inner_.reset();
  out_ << "reset\n";
}

}  // namespace cts::trace
