// SPDX-License-Identifier: MIT
// Backend "qemu:smmuv3[@VERSION]": qemu-system-aarch64 -machine virt,iommu=smmuv3, driven over
// qtest (harness/qemu/). Without a version: Debian's package (7.2 on Debian 12, or
// $CMDQV_CTS_QEMU). With one: the binary ci/build-qemu VERSION built into the QEMU cache. No
// QEMU version here has CMDQV: they support the smmuv3 profile only.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device.h"

namespace cts::harness {

// MAJOR.MINOR.PATCH, digits only (the cache is keyed by the upstream version).
bool is_qemu_version(const std::string& version);

// Where ci/build-qemu puts its builds: $CMDQV_CTS_QEMU_CACHE, else build/qemu in the source tree.
std::string qemu_cache_dir();
// The cached binary of VERSION (CACHE/VERSION/bin/qemu-system-aarch64), if it was built.
std::optional<std::string> cached_qemu_binary(const std::string& version);
// The versions `list devices` shows: every cached one and the ones ci/build-qemu is known to
// build (10.2.2), sorted.
std::vector<std::string> listed_qemu_versions();

// "available (PATH)" or the reason it is not (not installed, not built).
std::string qemu_availability(const std::string& version = "");

// Throws DeviceUnavailable if Debian's QEMU is not installed, DeviceConfigError if an explicitly
// requested VERSION is not built (with the command that builds it) or for an unsupported profile
// or option, DeviceFailure if QEMU fails to start.
std::unique_ptr<Device> open_qemu_device(const std::string& label, const std::string& version,
                                         const std::string& options, Profile profile,
                                         std::chrono::milliseconds timeout);

}  // namespace cts::harness
