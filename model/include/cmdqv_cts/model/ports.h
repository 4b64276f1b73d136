// SPDX-License-Identifier: MIT
// The model's only contact with the world: small, direction-named ports that return
// fault bits, so a test bench can inject a fault at any address.
#pragma once

#include <cstdint>

namespace cts::model {

// DMA memory the queues live in. The model never owns guest RAM.
class Memory {
 public:
  virtual ~Memory() = default;
  // true = the access completed; false = abort (the model raises CERROR_ABT).
  virtual bool read(std::uint64_t addr, void* buf, std::uint32_t len) = 0;
  virtual bool write(std::uint64_t addr, const void* buf, std::uint32_t len) = 0;
};

// Interrupt lines the model pulses (edge semantics, as Linux and QEMU use them).
enum class IrqLine : std::uint32_t {
  SmmuCmdqSync = 0,  // CMD_SYNC with CS = IRQ
  SmmuGerror = 1,    // a new SMMU global error
  CmdqvError = 2,    // a new VCMDQ error (VI_ERR_MAP), unless masked by VI_INT_MASK
};

class IrqSink {
 public:
  virtual ~IrqSink() = default;
  virtual void pulse(IrqLine line) = 0;
};

// A sink that drops everything, for callers that do not observe interrupts.
class NullIrqSink final : public IrqSink {
 public:
  void pulse(IrqLine) override {}
};

}  // namespace cts::model
