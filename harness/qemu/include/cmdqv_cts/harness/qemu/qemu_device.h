// SPDX-License-Identifier: MIT
// Backend "qemu:smmuv3": QEMU 7.2's virt SMMUv3 behind the Device interface, over qtest.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>

#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"
#include "cmdqv_cts/harness/qemu/qmp_client.h"
#include "cmdqv_cts/harness/qemu/qtest_client.h"

namespace cts::harness::qemu {

struct QemuDeviceOptions {
  QemuOptions process;
  std::chrono::milliseconds timeout{1000};  // per qtest/QMP request
};

// QEMU 7.2 has no CMDQV: every Region::Cmdqv access is a bus error, so this device supports
// the smmuv3 profile only. Region::Smmu is QEMU's SMMU at 0x09050000 (0x20000 bytes); 4- and
// 8-byte accesses become readl/writel and readq/writeq. QEMU consumes commands synchronously
// inside MMIO writes, so run() only forwards the interrupts seen since the last call:
// GIC SPI 76 -> IrqLine::SmmuCmdqSync, SPI 77 -> IrqLine::SmmuGerror (one pulse per raise).
//
// Construction throws QemuNotInstalled if there is no QEMU and DeviceFailure if it does not
// start; every call throws DeviceFailure once QEMU dies or stops answering.
class QemuDevice final : public Device {
 public:
  static constexpr std::uint64_t kSmmuBase = 0x09050000;
  static constexpr std::uint64_t kSmmuSize = 0x20000;
  static constexpr unsigned kSpiCmdqSync = 76;
  static constexpr unsigned kSpiGerror = 77;

  explicit QemuDevice(const QemuDeviceOptions& options = {});

  std::string name() const override { return "qemu:smmuv3"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override;
  void run(model::IrqSink& irq) override;
  void reset() override;

  pid_t pid() const { return process_.pid(); }
  // The QOM path of the GIC whose inputs are intercepted.
  const std::string& gic_path() const { return gic_path_; }
  QtestClient& qtest() { return qtest_; }
  QemuProcess& process() { return process_; }

 private:
  std::string find_gic();
  void clear_dtb();

  QemuProcess process_;  // first: destroyed last, after the connections
  QtestClient qtest_;
  QmpClient qmp_;
  std::string gic_path_;
  std::uint64_t dtb_size_ = 0;
  std::set<std::uint64_t> written_pages_;  // 4 KiB RAM pages written since the last reset
};

}  // namespace cts::harness::qemu
