// SPDX-License-Identifier: MIT
// What the conformance run sees of a device under test, whatever backs it: the reference
// model in-process, a plugin in a child process, QEMU over qtest. Each device owns the DMA
// memory it reads queues from; the run writes queue entries through write_memory().
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "cmdqv_cts/harness/dma_faults.h"
#include "cmdqv_cts/harness/sparse_memory.h"
#include "cmdqv_cts/model/ports.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::harness {

using model::Region;

// The device under test failed as a program (crashed, hung, broke the protocol). The run
// reports it as a verdict and keeps every result found so far.
class DeviceFailure : public std::runtime_error {
 public:
  explicit DeviceFailure(const std::string& what) : std::runtime_error(what) {}
};

class Device {
 public:
  virtual ~Device() = default;
  virtual std::string name() const = 0;
  // false = bus error. Sizes 4 and 8, little-endian, offsets relative to the region.
  virtual bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) = 0;
  virtual bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) = 0;
  // Store bytes in the memory the device fetches commands from (writes outside RAM are dropped).
  virtual void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) = 0;
  // Let the device make progress until it is quiescent; interrupts it raised go to `irq`.
  virtual void run(model::IrqSink& irq) = 0;
  // Back to the reset state, memory cleared (a new test sequence starts).
  virtual void reset() = 0;

  // Fault injection (faulty:dma-abort): from now on, and across reset(), the device's reads of
  // its memory abort where `faults` says. false: this backend cannot inject them.
  virtual bool inject_dma_faults(const DmaFaults& faults) {
    (void)faults;
    return false;
  }
  // The DMA faults injected into this device's memory; the run gives the model the same ones.
  virtual const DmaFaults* dma_faults() const { return nullptr; }

  // The run compared bits `mask` of what the last read() or write() answered (the value read;
  // bit 0 for a write's acceptance). Fault injection uses it to count the faults that reached a
  // compared value, so that a verdict can say how many a run had the chance to catch.
  virtual void result_compared(std::uint64_t mask) { (void)mask; }
  // Faults injected so far (faulty:), and how many of them reached a compared value.
  struct InjectedFaults {
    std::uint64_t injected = 0;
    std::uint64_t compared = 0;
  };
  virtual InjectedFaults injected_faults() const { return {}; }
};

// The reference model behind the Device interface (backend "model").
class ModelDevice final : public Device {
 public:
  explicit ModelDevice(model::ReferenceModel m) : model_(std::move(m)) {}
  std::string name() const override { return "model"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override;
  void run(model::IrqSink& irq) override;
  void reset() override;
  bool inject_dma_faults(const DmaFaults& faults) override;
  const DmaFaults* dma_faults() const override { return faults_.threshold ? &faults_ : nullptr; }

 private:
  model::ReferenceModel model_;
  SparseMemory memory_;
  DmaFaults faults_;
};

}  // namespace cts::harness
