// SPDX-License-Identifier: MIT
// Backend "qemu:smmuv3": Debian's qemu-system-aarch64 -machine virt,iommu=smmuv3, driven over
// qtest (harness/qemu/). QEMU 7.2 has no CMDQV: it supports the smmuv3 profile only.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device.h"

namespace cts::harness {

// "available" or the reason it is not (e.g. the binary is not installed).
std::string qemu_availability();

// Throws DeviceUnavailable if QEMU is not installed, DeviceConfigError for an unsupported
// profile or option, DeviceFailure if QEMU fails to start.
std::unique_ptr<Device> open_qemu_device(const std::string& label, const std::string& options,
                                         Profile profile, std::chrono::milliseconds timeout);

}  // namespace cts::harness
