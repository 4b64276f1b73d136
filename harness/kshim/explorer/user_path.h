// SPDX-License-Identifier: MIT
// The iommufd user path of a 7.x driver, driven as a VMM would (QEMU's CMDQV emulation): a user
// VINTF (vIOMMU), HW queues at logical indexes 0..n-1 and their destruction, the VINTF page0
// mmap offset, and a VCMDQ error reported as a vEVENT. Each answer of the real driver is judged
// against the clause it is bound by (UAPI-1, UAPI-2, ALLOC-2); what the driver did to the
// device is read back from the device.
#pragma once

#include <string>
#include <vector>

#include "alloc_order.h"
#include "device_bridge.h"
#include "kshim_module.h"
#include "lifecycle.h"

namespace cts::kshim {

// Runs the user path after device_reset; appends to out.violations (kinds UAPI-1, UAPI-2,
// ALLOC-2, vevent) and out.user_steps (one line per step, for the report).
void run_user_path(const KshimModule& module, DeviceBridge& bridge, const UserPathPlan& plan,
                   LifecycleOutcome& out);

}  // namespace cts::kshim
