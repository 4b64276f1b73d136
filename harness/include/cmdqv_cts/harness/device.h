// SPDX-License-Identifier: MIT
// What the properties see of a device under test, whatever backs it (the reference model
// in-process now; plugins, QEMU and traces later). Accesses report bus errors rather than
// throwing, so that a misbehaving device is a verdict, not a crash of the suite.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "cmdqv_cts/model/ports.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::harness {

using model::Region;

class Device {
 public:
  virtual ~Device() = default;
  virtual std::string name() const = 0;
  // false = bus error. Sizes 4 and 8, little-endian, offsets relative to the region.
  virtual bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) = 0;
  virtual bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) = 0;
  // Lets the device make progress (consume commands). Returns true if anything moved.
  virtual bool run(model::Memory& mem, model::IrqSink& irq) = 0;
  virtual void reset() = 0;
};

// The reference model behind the Device interface (backend "model").
class ModelDevice final : public Device {
 public:
  explicit ModelDevice(model::ReferenceModel m) : model_(std::move(m)) {}
  std::string name() const override { return "model"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;
  bool run(model::Memory& mem, model::IrqSink& irq) override;
  void reset() override { model_.reset(); }

 private:
  model::ReferenceModel model_;
};

}  // namespace cts::harness
