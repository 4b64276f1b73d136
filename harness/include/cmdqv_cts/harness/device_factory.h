// SPDX-License-Identifier: MIT
// From a device string on the command line to a Device:
//   model[:OPTIONS]            the reference model, in-process
//   plugin:PATH.so[:OPTIONS]   a C-ABI plugin, in a child process
//   zoo:NAME[:OPTIONS]         a bundled candidate implementation (a plugin)
//   qemu:smmuv3                Debian's qemu-system-aarch64 over qtest (when available)
//   faulty:FAULT:DEVICE        DEVICE with an injected fault (fault_spec.h)
// Plugin and zoo devices take one option of the harness's own, memory_mib=N: the plugin process
// may map N MiB more than it starts with (default 1024, 0 = no bound).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device.h"

namespace cts::harness {

struct DeviceSpec {
  std::string text;     // as given
  std::string backend;  // model | plugin | zoo | qemu | faulty
  std::string target;   // plugin path, zoo name, qemu machine, fault
  std::string options;  // key=value,...
  std::string inner;    // faulty: the device string the fault is injected into
  std::string version;  // qemu: a QEMU built by ci/build-qemu (qemu:smmuv3@10.2.2); empty: Debian's
};

// Throws UsageError on a malformed string or an unknown backend.
DeviceSpec parse_device_spec(const std::string& text);

struct OpenOptions {
  std::chrono::milliseconds timeout{1000};  // per call into a plugin or QEMU
  std::shared_ptr<const spec::Spec> spec;   // the spec the "model" backend runs
};

// Throws DeviceConfigError (exit 2) if the device cannot be opened for `profile` as asked,
// DeviceUnavailable if a backend's tool is missing (reported as skipped), DeviceFailure if it
// fails as a program while starting.
std::unique_ptr<Device> open_device(const DeviceSpec& spec, Profile profile,
                                    const OpenOptions& options);

class DeviceUnavailable : public std::runtime_error {
 public:
  explicit DeviceUnavailable(const std::string& what) : std::runtime_error(what) {}
};

// Where the zoo's plugins are: $CMDQV_CTS_ZOO_DIR, else those installed with this program
// (PREFIX/lib/cmdqv-cts/zoo next to PREFIX/bin), else the build's zoo directory.
std::string zoo_dir();
std::vector<std::string> zoo_entries();

struct DeviceListing {
  std::string name;
  std::string status;  // "available" or why not
  std::string about;
};
std::vector<DeviceListing> list_devices();

}  // namespace cts::harness
