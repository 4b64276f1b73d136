// SPDX-License-Identifier: MIT
// Test doubles shared by the harness tests: the embedded spec, and in-process devices with one
// deliberate defect each (faster than the zoo's plugins, and with no process to start).
#pragma once

#include <memory>

#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {

inline std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

// The reference model as a device, for test devices that change one or two of its answers:
// they override those calls, and the rest go to the model.
class ModelWithDefect : public Device {
 public:
  explicit ModelWithDefect(model::ReferenceModel m) : inner_(std::move(m)) {}
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& v) override {
    return inner_.read(r, off, size, v);
  }
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t v) override {
    return inner_.write(r, off, size, v);
  }
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override {
    inner_.write_memory(addr, data, len);
  }
  void run(model::IrqSink& irq) override { inner_.run(irq); }
  void reset() override { inner_.reset(); }

 protected:
  ModelDevice inner_;
};

// A guest-view device whose VMM forgot to wire HYP_OWN to 0 (the QEMU experiment of the
// supports_cmd discussion): CONFIG.HYP_OWN reads back as written.
class HypOwnNotMasked final : public ModelWithDefect {
 public:
  explicit HypOwnNotMasked(model::ModelConfig guest)
      : ModelWithDefect(model::ReferenceModel(the_spec(), guest)) {}
  std::string name() const override { return "hyp-own-not-masked"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& v) override {
    if (!inner_.read(r, off, size, v)) return false;
    if (r == Region::Cmdqv && off == 0x1000 && hyp_own_) v |= 1u << 17;
    return true;
  }
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t v) override {
    if (r == Region::Cmdqv && off == 0x1000) hyp_own_ = (v >> 17) & 1;
    return inner_.write(r, off, size, v);
  }
  void reset() override {
    hyp_own_ = false;
    inner_.reset();
  }

 private:
  bool hyp_own_ = false;
};

}  // namespace cts::harness
