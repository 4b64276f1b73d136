// SPDX-License-Identifier: MIT
// Test bench for the driver model: a DriverBus over the reference model that records every MMIO
// access, and a VMM that forgets to mask HYP_OWN (the zoo's hyp-own-not-masked, in-process).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cmdqv_cts/driver/driver_bus.h"
#include "test_support.h"

namespace cts::driver::test {

struct Access {
  bool write = false;
  Region region = Region::Cmdqv;
  std::uint64_t offset = 0;
  unsigned size = 4;
  std::uint64_t value = 0;
};

class ModelBus : public DriverBus {
 public:
  explicit ModelBus(spec::View view, const std::string& options = "");
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override;
  void run(model::IrqSink& irq) override;
  void reset();

  model::ReferenceModel model;
  model::test::TestMemory memory;
  std::vector<Access> log;
};

// The guest view, but VINTF CONFIG.HYP_OWN reads back as written (the device still filters as
// HYP_OWN = 0): ROUTE-4 broken, as by a VMM that does not mask it.
class UnmaskedHypOwnBus final : public ModelBus {
 public:
  UnmaskedHypOwnBus() : ModelBus(spec::View::Guest) {}
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;

 private:
  std::vector<std::uint64_t> hyp_own_;  // per VINTF: the bit as last written
};

// Indices into `log` of writes to CMDQ_ALLOC, as (global VCMDQ, value).
std::vector<std::pair<std::uint32_t, std::uint64_t>> alloc_writes(const std::vector<Access>& log);

}  // namespace cts::driver::test
