// SPDX-License-Identifier: MIT
// Backend "faulty:FAULT:INNER": any device with one injected fault (fault_spec.h), to show that
// the suite turns each into a verdict: aborted DMA into CERROR_ABT checks, bus errors and random
// values into FAILs, a slow or dying device into DEVICE FAILED, a non-deterministic one into a
// NON-DETERMINISTIC verdict. Nothing it does can hang the run.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/harness/fault_spec.h"

namespace cts::harness {

class FaultyDevice final : public Device {
 public:
  // Throws DeviceConfigError if `inner` cannot take the fault (DMA aborts into QEMU). `timeout` is
  // the per-call budget that a slow answer is held to.
  FaultyDevice(std::string label, const FaultSpec& fault, std::unique_ptr<Device> inner,
               std::chrono::milliseconds timeout);

  std::string name() const override { return label_; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override;
  void run(model::IrqSink& irq) override;
  void reset() override;
  bool inject_dma_faults(const DmaFaults& faults) override {
    return inner_->inject_dma_faults(faults);
  }
  const DmaFaults* dma_faults() const override { return inner_->dma_faults(); }
  void result_compared(std::uint64_t mask) override;
  InjectedFaults injected_faults() const override { return tally_; }

 private:
  // Counts the call and applies slow and die-after; `doing` names the call in messages.
  void enter(const char* doing);
  // A per-call draw: true with the fault's probability (salt tells calls of a kind apart).
  bool draw(std::uint64_t salt);
  // The fault changed `changed_bits` of the answer about to be returned (0: none).
  void injected(std::uint64_t changed_bits);

  std::string label_;
  FaultSpec fault_;
  std::unique_ptr<Device> inner_;
  std::chrono::milliseconds timeout_;
  std::uint64_t calls_ = 0;           // every call since open (die-after)
  std::uint64_t sequence_calls_ = 0;  // since the last reset (a replay sees the same draws)
  std::uint64_t draws_ = 0;           // never reset (nondeterministic)
  bool dead_ = false;
  std::uint64_t last_fault_ = 0;  // bits of the last answer the fault changed (all: a bus error)
  InjectedFaults tally_;
};

}  // namespace cts::harness
