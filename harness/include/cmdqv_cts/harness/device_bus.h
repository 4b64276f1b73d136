// SPDX-License-Identifier: MIT
// Any harness::Device as the driver model's DriverBus: the driver model runs on every backend
// (the reference model, zoo and plugin devices in their child process, QEMU).
#pragma once

#include "cmdqv_cts/driver/driver_bus.h"
#include "cmdqv_cts/harness/device.h"

namespace cts::harness {

class DeviceBus final : public driver::DriverBus {
 public:
  explicit DeviceBus(Device& d) : d_(d) {}
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override {
    return d_.read(r, off, size, value);
  }
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override {
    return d_.write(r, off, size, value);
  }
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override {
    d_.write_memory(addr, data, len);
  }
  void run(model::IrqSink& irq) override { d_.run(irq); }

 private:
  Device& d_;
};

}  // namespace cts::harness
