// SPDX-License-Identifier: MIT
// Backend "qemu-cmdqv:TREE[:OPTIONS]": QEMU's own Tegra241 CMDQV emulation
// (TREE/hw/arm/tegra241-cmdqv.c, unmodified) compiled against our stand-in of the QEMU API, with
// iommufd emulated and the host VINTF page0 backed by a host-view device of the suite
// (harness/qemu_cmdqv/README.md). It runs in a child process, as plugins do, and answers in
// the cmdqv-guest profile. Options: fail_hw_queue=all|N (HW queue allocations that fail),
// host=DEVICE (the host device, default "model"; it takes the rest of the string).
#pragma once

#include <memory>
#include <string>

#include "cmdqv_cts/harness/device_factory.h"

namespace cts::harness {

// Throws UnsupportedProfile for a profile other than cmdqv-guest, DeviceConfigError for a tree
// without the file or one the stand-in cannot compile (naming the missing QEMU symbols).
std::unique_ptr<Device> open_qemu_cmdqv_device(const std::string& label, const std::string& tree,
                                               const std::string& options, Profile profile,
                                               const OpenOptions& open);

// How to point the backend at a tree (for `cmdqv-cts list devices`).
std::string qemu_cmdqv_about();

}  // namespace cts::harness
