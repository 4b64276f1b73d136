// SPDX-License-Identifier: MIT
// FaultyDevice (see faulty_device.h).
#include "cmdqv_cts/harness/faulty_device.h"

#include <signal.h>

#include <algorithm>
#include <thread>

#include "cmdqv_cts/harness/plugin_device.h"

namespace cts::harness {

FaultyDevice::FaultyDevice(std::string label, const FaultSpec& fault, std::unique_ptr<Device> inner,
                           std::chrono::milliseconds timeout)
    : label_(std::move(label)), fault_(fault), inner_(std::move(inner)), timeout_(timeout) {
  if (fault_.kind == FaultKind::DmaAbort &&
      !inner_->inject_dma_faults(DmaFaults{fault_.seed, fault_.threshold, 0})) {
    throw DeviceConfigError("device '" + label_ + "': backend of '" + inner_->name() +
                            "' cannot inject DMA aborts (the model, plugins and the zoo can)");
  }
}

bool FaultyDevice::draw(std::uint64_t salt) {
  const std::uint64_t n = fault_.kind == FaultKind::Nondeterministic ? draws_++ : sequence_calls_;
  return DmaFaults::mix(fault_.seed ^ DmaFaults::mix(n * 4 + salt)) < fault_.threshold;
}

void FaultyDevice::enter(const char* doing) {
  if (dead_) throw DeviceFailure("device '" + label_ + "' is no longer running");
  ++calls_;
  ++sequence_calls_;
  if (fault_.kind == FaultKind::DieAfter && calls_ > fault_.calls) {
    dead_ = true;
    // A plugin dies for real, so the crash takes the path of any other crash.
    if (auto* plugin = dynamic_cast<PluginDevice*>(inner_.get()); plugin && plugin->pid() > 0) {
      ::kill(plugin->pid(), SIGKILL);
      return;  // the call below reports the death
    }
    throw DeviceFailure("device '" + label_ + "' died (injected after " +
                        std::to_string(fault_.calls) + " calls) in " + doing);
  }
  if (fault_.kind == FaultKind::Slow && sequence_calls_ % fault_.every == 0) {
    // The delay is ours, so the per-call budget is kept here: late past it is hung, and the wait
    // never exceeds the budget.
    const auto late = std::chrono::milliseconds(fault_.ms);
    std::this_thread::sleep_for(std::min(late, timeout_));
    if (late > timeout_) {
      dead_ = true;
      throw DeviceFailure("device '" + label_ + "' did not answer within " +
                          std::to_string(timeout_.count()) + " ms in " + doing +
                          " (slow: " + std::to_string(fault_.ms) + " ms; given up)");
    }
  }
}

void FaultyDevice::injected(std::uint64_t changed_bits) {
  last_fault_ = changed_bits;
  if (changed_bits) ++tally_.injected;
}

void FaultyDevice::result_compared(std::uint64_t mask) {
  if (last_fault_ & mask) ++tally_.compared;
  last_fault_ = 0;
}

bool FaultyDevice::read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) {
  enter("read()");
  last_fault_ = 0;
  if (fault_.kind == FaultKind::BusError && draw(0)) {
    injected(~0ull);
    return false;
  }
  const bool ok = inner_->read(r, off, size, value);
  const std::uint64_t mask = size == 8 ? ~0ull : 0xFFFFFFFFull;
  const std::uint64_t answer = value;
  if (fault_.kind == FaultKind::RandomReads && draw(1)) {
    value = DmaFaults::mix(fault_.seed + sequence_calls_) & mask;
  }
  if (fault_.kind == FaultKind::Nondeterministic && draw(1)) value ^= 1ull << (draws_ % (size * 8));
  injected(value ^ answer);
  return ok;
}

bool FaultyDevice::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  enter("write()");
  last_fault_ = 0;
  if (fault_.kind == FaultKind::BusError && draw(2)) {
    injected(~0ull);
    return false;
  }
  return inner_->write(r, off, size, value);
}

void FaultyDevice::write_memory(std::uint64_t addr, const void* data, std::uint32_t len) {
  enter("writing queue memory (dma)");
  inner_->write_memory(addr, data, len);
}

void FaultyDevice::run(model::IrqSink& irq) {
  enter("run()");
  inner_->run(irq);
}

void FaultyDevice::reset() {
  enter("reset");
  sequence_calls_ = 0;
  inner_->reset();
}

}  // namespace cts::harness
