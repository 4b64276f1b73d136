// SPDX-License-Identifier: MIT
// The harness side of the qemu-cmdqv host (cmdqv_cts/qemu_cmdqv_host.h): what the kernel's
// iommufd and tegra241-cmdqv driver do for a VMM, emulated on a host-view device of the
// suite, and the guest's SMMU page served by the reference model.
#pragma once

#include <chrono>
#include <memory>

#include "cmdqv_cts/spec/spec.h"

namespace cts::harness::qemu_cmdqv {

// The spec and per-call timeout the host devices of this process are opened with. Set in the
// parent before the plugin's child is forked, so the child inherits them.
void set_host_context(std::shared_ptr<const spec::Spec> spec, std::chrono::milliseconds timeout);

// The address of the exported bridge entry point (keeps it linked into the program).
const void* host_bridge_entry();

}  // namespace cts::harness::qemu_cmdqv
