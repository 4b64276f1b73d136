// SPDX-License-Identifier: MIT
// A Device decorator that writes every call to the device it wraps as cts-trace lines:
// reads with the value the device returned, writes, queue memory, runs with the interrupt
// edges the device raised, resets. Any backend recorded this way can be judged later by
// `cmdqv-cts trace`, without the device.
#pragma once

#include <ostream>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/trace/trace_event.h"

namespace cts::trace {

class RecordingDevice final : public harness::Device {
 public:
  // Writes the header (profile, the model configuration the run uses, the device's name) at
  // once. `inner` and `out` must outlive this object.
  RecordingDevice(harness::Device& inner, std::ostream& out, harness::Profile profile,
                  const model::ModelConfig& config);

  std::string name() const override { return inner_.name(); }
  bool read(harness::Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(harness::Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override;
  void run(model::IrqSink& irq) override;
  void reset() override;

 private:
  // One read or write line; `ok` false records the bus error.
  void record_access(EventKind kind, harness::Region r, std::uint64_t off, unsigned size,
                     std::uint64_t value, bool ok);
  harness::Device& inner_;
  std::ostream& out_;
};

}  // namespace cts::trace
