// SPDX-License-Identifier: MIT
// Backend "qemu:smmuv3": availability and opening (see qemu_backend.h).
#include "cmdqv_cts/harness/qemu_backend.h"

#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "cmdqv_cts/harness/device_factory.h"

namespace cts::harness {

std::string qemu_availability() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string d; std::getline(dirs, d, ':');) {
    if (::access((d + "/qemu-system-aarch64").c_str(), X_OK) == 0) return "installed, backend not built in";
  }
  return "not installed (apt-get install qemu-system-arm)";
}

std::unique_ptr<Device> open_qemu_device(const std::string& label, const std::string&, Profile,
                                         std::chrono::milliseconds) {
  throw DeviceUnavailable(label + ": " + qemu_availability());
}

}  // namespace cts::harness
