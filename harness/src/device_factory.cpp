// SPDX-License-Identifier: MIT
// Device strings -> devices (see device_factory.h).
#include "cmdqv_cts/harness/device_factory.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu_backend.h"

#ifndef CTS_ZOO_DIR
#define CTS_ZOO_DIR ""
#endif

namespace cts::harness {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kZooPrefix = "libcts_zoo_";
constexpr std::string_view kZooSuffix = ".so";

std::string zoo_path(const std::string& name) {
  return zoo_dir() + "/" + std::string(kZooPrefix) + name + std::string(kZooSuffix);
}

}  // namespace

DeviceSpec parse_device_spec(const std::string& text) {
  DeviceSpec s;
  s.text = text;
  const std::size_t colon = text.find(':');
  s.backend = text.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (s.backend == "model") {
    s.options = rest;
  } else if (s.backend == "plugin") {
    // The path ends at ".so"; options follow after a colon.
    const std::size_t so = rest.find(".so:");
    s.target = so == std::string::npos ? rest : rest.substr(0, so + 3);
    s.options = so == std::string::npos ? "" : rest.substr(so + 4);
    if (s.target.empty())
      throw UsageError("--device plugin: needs a path, as plugin:PATH.so[:key=value,...]");
  } else if (s.backend == "zoo" || s.backend == "qemu") {
    const std::size_t c2 = rest.find(':');
    s.target = rest.substr(0, c2);
    s.options = c2 == std::string::npos ? "" : rest.substr(c2 + 1);
    if (s.target.empty())
      throw UsageError("--device " + s.backend + ": needs a name, as " + s.backend + ":NAME");
    if (s.backend == "qemu" && s.target != "smmuv3") {
      throw UsageError("--device qemu:" + s.target + ": unknown QEMU device (known: qemu:smmuv3)");
    }
  } else {
    throw UsageError(
        "--device: unknown backend '" + s.backend +
        "' (known: model[:OPTS], plugin:PATH.so[:OPTS], zoo:NAME[:OPTS], qemu:smmuv3)");
  }
  return s;
}

std::string zoo_dir() {
  if (const char* env = std::getenv("CMDQV_CTS_ZOO_DIR"); env && *env) return env;
  return CTS_ZOO_DIR;
}

std::vector<std::string> zoo_entries() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(zoo_dir(), ec)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(kZooPrefix, 0) == 0 && f.size() > kZooPrefix.size() + kZooSuffix.size() &&
        f.compare(f.size() - kZooSuffix.size(), kZooSuffix.size(), kZooSuffix) == 0) {
      out.push_back(f.substr(kZooPrefix.size(), f.size() - kZooPrefix.size() - kZooSuffix.size()));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<Device> open_device(const DeviceSpec& spec, Profile profile,
                                    const OpenOptions& options) {
  if (spec.backend == "model") {
    return std::make_unique<ModelDevice>(
        model::ReferenceModel(options.spec, profile_config(profile, spec.options)));
  }
  if (spec.backend == "plugin") {
    return std::make_unique<PluginDevice>(spec.text, spec.target, to_string(profile), spec.options,
                                          options.timeout);
  }
  if (spec.backend == "zoo") {
    const std::string path = zoo_path(spec.target);
    if (!fs::exists(path)) {
      std::string known;
      for (const std::string& n : zoo_entries()) known += (known.empty() ? "" : ", ") + n;
      throw DeviceConfigError("device '" + spec.text + "': no zoo entry '" + spec.target +
                              "' (known: " + known + ")");
    }
    return std::make_unique<PluginDevice>(spec.text, path, to_string(profile), spec.options,
                                          options.timeout);
  }
  return open_qemu_device(spec.text, spec.options, profile, options.timeout);
}

std::vector<DeviceListing> list_devices() {
  std::vector<DeviceListing> out;
  out.push_back({"model", "available",
                 "the reference model in-process; options: the geometry and SMMU features"});
  for (const std::string& n : zoo_entries()) {
    out.push_back(
        {"zoo:" + n, "available", "bundled candidate implementation (harness/zoo/README.md)"});
  }
  out.push_back({"qemu:smmuv3", qemu_availability(),
                 "Debian's qemu-system-aarch64 (virt, iommu=smmuv3) over qtest"});
  out.push_back({"plugin:PATH.so", "-",
                 "your device: a shared object exporting cts_device() (cmdqv_cts/device.h)"});
  return out;
}

}  // namespace cts::harness
