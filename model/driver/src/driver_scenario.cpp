// SPDX-License-Identifier: MIT
// Running and shrinking driver scenarios (driver_scenario.h).
#include "cmdqv_cts/driver/driver_scenario.h"

#include "cmdqv_cts/driver/driver_regs.h"

namespace cts::driver {
namespace {

// Secure-only: CERROR_ILL on every Non-secure queue, whatever HYP_OWN says (CMD-4).
constexpr std::uint64_t kIllegalCommand = 0x18;  // TLBI_EL3_ALL
constexpr std::uint64_t kStaleQueueAddr = 0x40300000;

class LatchingSink final : public model::IrqSink {
 public:
  void pulse(model::IrqLine line) override { fired |= line == model::IrqLine::CmdqvError; }
  bool fired = false;
};

// What a previous kernel can leave behind: VCMDQ l mapped to VINTF0 LVCMDQ l, stopped on an
// illegal command, with its error maps set. Programmed through the global pages, as that
// kernel's own driver state is gone.
bool inject_stale_error(DriverBus& bus, std::uint32_t l) {
  auto w = [&](std::uint64_t off, unsigned size, std::uint64_t v) {
    (void)bus.write(Region::Cmdqv, off, size, v);
  };
  std::uint64_t param = 0;
  if (!bus.read(Region::Cmdqv, regs::kParam, 4, param)) return false;
  const std::uint32_t lvcmdqs = (1u << ((param >> 4) & 0xF)) >> ((param >> 8) & 0xF);
  if (l >= lvcmdqs) return false;
  const std::uint64_t addr = kStaleQueueAddr + 0x1000ull * l;
  w(regs::kConfig, 4, regs::kEn);
  w(regs::vintf_config(0), 4, regs::kEn);
  w(regs::cmdq_alloc(l), 4, regs::alloc_map(0, l) | regs::kAllocAllocated);
  w(0x20000 + 0x80ull * l + regs::kQBase, 8, addr | 4);
  w(0x10000 + 0x80ull * l + regs::kQProd, 4, 0);
  w(0x10000 + 0x80ull * l + regs::kQCons, 4, 0);
  w(0x10000 + 0x80ull * l + regs::kQConfig, 4, regs::kEn);
  const std::uint64_t words[2] = {kIllegalCommand, 0};
  bus.write_memory(addr, words, regs::kEntryBytes);
  w(0x10000 + 0x80ull * l + regs::kQProd, 4, 1);
  LatchingSink sink;
  bus.run(sink);
  return sink.fired;
}

}  // namespace

std::string describe(const DriverStep& s) {
  switch (s.kind) {
    case StepKind::StaleError:
      return "stale error on LVCMDQ " + std::to_string(s.index) + " (left by a previous kernel)";
    case StepKind::Probe:
      return "probe";
    case StepKind::InitStructures:
      return "init_structures";
    case StepKind::DeviceReset:
      return "device_reset";
    case StepKind::Issue:
      return "issue " + command_name(s.opcode) + " on cpu " + std::to_string(s.index);
    case StepKind::Fault:
      return "an illegal command lands on LVCMDQ " + std::to_string(s.index);
    case StepKind::Remove:
      return "remove";
  }
  return "?";
}

std::vector<DriverStep> bring_up_steps() {
  return {{StepKind::Probe}, {StepKind::InitStructures}, {StepKind::DeviceReset}};
}

ScenarioResult run_driver_scenario(const DriverVariant& variant, DriverBus& bus,
                                   const std::vector<DriverStep>& steps,
                                   const IrqSchedule& schedule) {
  ScenarioResult out;
  DriverModel d(variant, bus, schedule);
  try {
    for (const DriverStep& s : steps) {
      bool done = false;
      switch (s.kind) {
        case StepKind::StaleError:
          done = d.phase() == DriverModel::Phase::Idle && inject_stale_error(bus, s.index);
          if (done) d.latch_irq();
          break;
        case StepKind::Probe:
          done = d.probe();
          break;
        case StepKind::InitStructures:
          done = d.init_structures();
          break;
        case StepKind::DeviceReset:
          done = d.device_reset();
          break;
        case StepKind::Issue:
          done = d.issue(s.opcode, s.index);
          break;
        case StepKind::Fault:
          done = d.issue_unrouted(s.index, kIllegalCommand);
          break;
        case StepKind::Remove:
          done = d.remove();
          break;
      }
      if (!done) ++out.rejected_steps;
    }
    // A handler still running finishes eventually; what it touches then counts too.
    d.isr_run_to_completion();
  } catch (const DriverBusError& e) {
    out.bus_error = e.what();
  }
  out.violations = d.violations();
  out.micro_steps = d.micro_steps();
  return out;
}

std::vector<DriverStep> shrink_steps(
    std::vector<DriverStep> steps, const std::function<bool(const std::vector<DriverStep>&)>& fails,
    unsigned max_replays) {
  unsigned replays = 0;
  bool progress = true;
  while (progress && replays < max_replays) {
    progress = false;
    for (std::size_t i = steps.size(); i-- > 0 && replays < max_replays;) {
      std::vector<DriverStep> candidate = steps;
      candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(i));
      ++replays;
      if (fails(candidate)) {
        steps = std::move(candidate);
        progress = true;
      }
    }
  }
  return steps;
}

}  // namespace cts::driver
