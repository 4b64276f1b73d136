// SPDX-License-Identifier: MIT
// What the driver model sees of the hardware: MMIO, the DMA memory its queues live in, and time.
// A direction-named port like model::Memory, so that the driver model stays free of any backend;
// harness::DeviceBus adapts every harness::Device (model, zoo plugin, QEMU) to it.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "cmdqv_cts/model/ports.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::driver {

using model::Region;

class DriverBus {
 public:
  virtual ~DriverBus() = default;
  // false = bus error. Sizes 4 and 8, offsets relative to the region.
  virtual bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) = 0;
  virtual bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) = 0;
  virtual void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) = 0;
  // Let the device make progress until it is quiescent; its interrupts go to `irq`.
  virtual void run(model::IrqSink& irq) = 0;
};

// A register the driver relies on answered with a bus error: the device is unusable for the
// driver, which is a harness-level verdict rather than a clause violation.
class DriverBusError : public std::runtime_error {
 public:
  explicit DriverBusError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace cts::driver
