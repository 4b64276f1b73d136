// SPDX-License-Identifier: MIT
// The driver model's test bus (model_bus.h).
#include "model_bus.h"

#include "cmdqv_cts/driver/driver_regs.h"

namespace cts::driver::test {

ModelBus::ModelBus(spec::View view, const std::string& options)
    : model(model::test::make_model(view, options)) {}

bool ModelBus::read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) {
  const model::AccessResult a = model.read(r, off, size);
  value = a.value;
  log.push_back({false, r, off, size, value});
  return a.status == model::AccessStatus::Ok;
}

bool ModelBus::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  log.push_back({true, r, off, size, value});
  return model.write(r, off, size, value).status == model::AccessStatus::Ok;
}

void ModelBus::write_memory(std::uint64_t addr, const void* data, std::uint32_t len) {
  (void)memory.write(addr, data, len);
}

void ModelBus::run(model::IrqSink& irq) {
  (void)model.run(memory, irq, 10'000);
}

void ModelBus::reset() {
  model.reset();
  memory = model::test::TestMemory{};
  log.clear();
}

namespace {
bool is_vintf_config(Region r, std::uint64_t off, std::uint32_t& v) {
  if (r != Region::Cmdqv || off < regs::vintf(0) || off >= regs::vintf(64) ||
      (off - regs::vintf(0)) % 0x100 != 0) {
    return false;
  }
  v = static_cast<std::uint32_t>((off - regs::vintf(0)) / 0x100);
  return true;
}
}  // namespace

bool UnmaskedHypOwnBus::read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) {
  const bool ok = ModelBus::read(r, off, size, value);
  std::uint32_t v = 0;
  if (ok && size == 4 && is_vintf_config(r, off, v) && v < hyp_own_.size()) value |= hyp_own_[v];
  return ok;
}

bool UnmaskedHypOwnBus::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  std::uint32_t v = 0;
  if (size == 4 && is_vintf_config(r, off, v)) {
    if (hyp_own_.size() <= v) hyp_own_.resize(v + 1, 0);
    hyp_own_[v] = value & regs::kVintfHypOwn;
  }
  return ModelBus::write(r, off, size, value);
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> alloc_writes(const std::vector<Access>& log) {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  for (const Access& a : log) {
    if (a.write && a.region == Region::Cmdqv && a.offset >= regs::cmdq_alloc(0) &&
        a.offset < regs::cmdq_alloc(128)) {
      out.emplace_back(static_cast<std::uint32_t>((a.offset - regs::cmdq_alloc(0)) / 4), a.value);
    }
  }
  return out;
}

}  // namespace cts::driver::test
