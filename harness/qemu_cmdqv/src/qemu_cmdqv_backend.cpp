// SPDX-License-Identifier: MIT
// Backend "qemu-cmdqv:TREE" (see qemu_cmdqv_backend.h).
#include "cmdqv_cts/harness/qemu_cmdqv_backend.h"

#include <dlfcn.h>

#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/qemu_cmdqv_host.h"
#include "host_bridge.h"
#include "qemu_tree_build.h"

namespace cts::harness {

std::unique_ptr<Device> open_qemu_cmdqv_device(const std::string& label, const std::string& tree,
                                               const std::string& options, Profile profile,
                                               const OpenOptions& open) {
  if (profile != Profile::CmdqvGuest) {
    throw UnsupportedProfile("device '" + label +
                             "' (QEMU's Tegra241 CMDQV emulation) does not support profile " +
                             to_string(profile) + " (it supports: cmdqv-guest)");
  }
  std::string plugin;
  try {
    plugin = qemu_cmdqv::build_qemu_cmdqv_plugin(tree, qemu_cmdqv::default_qemu_build_config());
  } catch (const qemu_cmdqv::QemuTreeError& e) {
    throw DeviceConfigError(e.what());
  } catch (const qemu_cmdqv::QemuTreeBuildError& e) {
    throw DeviceConfigError(e.what());
  }
  // The plugin finds the host through the program's dynamic symbols (qemu_cmdqv_host.h).
  if (dlsym(RTLD_DEFAULT, CTS_QCMDQV_HOST_SYMBOL) != qemu_cmdqv::host_bridge_entry()) {
    throw DeviceConfigError("device '" + label + "': this program does not export " +
                            std::string(CTS_QCMDQV_HOST_SYMBOL) +
                            " (link it with -Wl,--export-dynamic-symbol)");
  }
  qemu_cmdqv::set_host_context(open.spec, open.timeout);
  return std::make_unique<PluginDevice>(label, plugin, to_string(profile), options, open.timeout);
}

std::string qemu_cmdqv_about() {
  return "QEMU's hw/arm/tegra241-cmdqv.c from a QEMU tree, compiled against a stand-in of the QEMU "
         "API, "
         "host page backed by DEVICE (guest profile); options fail_hw_queue=all|N, host=DEVICE "
         "(last)";
}

}  // namespace cts::harness
