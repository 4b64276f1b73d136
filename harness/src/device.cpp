// SPDX-License-Identifier: MIT
// ModelDevice: the reference model as a device under test.
#include "cmdqv_cts/harness/device.h"

namespace cts::harness {

namespace {
// Sizes other than 4 and 8, and misaligned accesses, are bus errors (the ABI contract); an
// offset with no register reads 0 and ignores writes.
bool accepted(model::AccessStatus s) {
  return s == model::AccessStatus::Ok || s == model::AccessStatus::Unmapped;
}
}  // namespace

bool ModelDevice::read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) {
  const model::AccessResult a = model_.read(r, off, size);
  value = a.value;
  return accepted(a.status);
}

bool ModelDevice::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  return accepted(model_.write(r, off, size, value).status);
}

void ModelDevice::write_memory(std::uint64_t addr, const void* data, std::uint32_t len) {
  (void)memory_.write(addr, data, len);
}

void ModelDevice::run(model::IrqSink& irq) {
  FaultyMemory memory(memory_, faults_);
  model_.run(memory, irq, std::uint64_t{1} << 24);
}

bool ModelDevice::inject_dma_faults(const DmaFaults& faults) {
  faults_ = faults;
  return true;
}

void ModelDevice::reset() {
  model_.reset();
  memory_ = SparseMemory();
}

}  // namespace cts::harness
