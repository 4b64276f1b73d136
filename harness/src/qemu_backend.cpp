// SPDX-License-Identifier: MIT
// Backend "qemu:smmuv3": availability and opening (see qemu_backend.h).
#include "cmdqv_cts/harness/qemu_backend.h"

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu/qemu_device.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"

namespace cts::harness {

std::string qemu_availability() {
  const auto binary = qemu::locate_qemu();
  return binary ? "available (" + *binary + ")" : "not installed (apt-get install qemu-system-arm)";
}

std::unique_ptr<Device> open_qemu_device(const std::string& label, const std::string& options,
                                         Profile profile, std::chrono::milliseconds timeout) {
  if (profile != Profile::Smmuv3) {
    throw UnsupportedProfile("device '" + label +
                             "' (QEMU 7.2, no CMDQV) does not support profile " +
                             to_string(profile) + " (it supports: smmuv3)");
  }
  if (!options.empty()) {
    throw DeviceConfigError("device '" + label + "': takes no options (got '" + options + "')");
  }
  try {
    qemu::QemuDeviceOptions o;
    o.timeout = timeout;
    return std::make_unique<qemu::QemuDevice>(o);
  } catch (const qemu::QemuNotInstalled&) {
    throw DeviceUnavailable("qemu-system-aarch64 not installed (apt-get install qemu-system-arm)");
  }
}

}  // namespace cts::harness
