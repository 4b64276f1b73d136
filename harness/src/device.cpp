// SPDX-License-Identifier: MIT
// ModelDevice: the reference model as a device under test.
#include "cmdqv_cts/harness/device.h"

namespace cts::harness {

// An unmapped offset is not a bus error for the model: it reads 0 and ignores writes, and
// the conformance run reports the access itself as a finding when a device differs.
bool ModelDevice::read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) {
  const model::AccessResult a = model_.read(r, off, size);
  value = a.value;
  return a.status == model::AccessStatus::Ok || a.status == model::AccessStatus::Unmapped;
}

bool ModelDevice::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  const model::AccessResult a = model_.write(r, off, size, value);
  return a.status == model::AccessStatus::Ok || a.status == model::AccessStatus::Unmapped;
}

bool ModelDevice::run(model::Memory& mem, model::IrqSink& irq) {
  return model_.run(mem, irq, 1u << 20) != 0;
}

}  // namespace cts::harness
