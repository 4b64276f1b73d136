// SPDX-License-Identifier: MIT
// Device strings -> devices (see device_factory.h).
#include "cmdqv_cts/harness/device_factory.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/fault_spec.h"
#include "cmdqv_cts/harness/faulty_device.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu_cmdqv_backend.h"
#include "cmdqv_cts/harness/qemu_backend.h"

#ifndef CTS_ZOO_DIR
#define CTS_ZOO_DIR ""
#endif
#ifndef CTS_ZOO_INSTALL_DIR_FROM_BIN
#define CTS_ZOO_INSTALL_DIR_FROM_BIN ""
#endif

namespace cts::harness {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kZooPrefix = "libcts_zoo_";
constexpr std::string_view kZooSuffix = ".so";

std::string zoo_path(const std::string& name) { return zoo_dir() + "/" + std::string(kZooPrefix) + name + std::string(kZooSuffix); }

// faulty: wrappers may nest (one fault each); a bound keeps a hostile string from recursing deep.
constexpr int kMaxFaultNesting = 8;

// Removes the harness's own option memory_mib=N from a plugin's option string; returns N.
std::uint64_t take_memory_mib(const std::string& device, std::string& options) {
  std::uint64_t mib = PluginDevice::kDefaultMemoryMib;
  std::string rest;
  for (std::size_t start = 0; start <= options.size();) {
    const std::size_t comma = options.find(',', start);
    const std::string item = options.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.rfind("memory_mib=", 0) == 0) {
      const std::string v = item.substr(11);
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), mib);
      if (v.empty() || ec != std::errc() || end != v.data() + v.size() || mib > (1u << 20)) {
        throw DeviceConfigError("device '" + device + "': memory_mib: expected a number of MiB in 0..1048576, got '" +
                                v + "'");
      }
    } else if (!item.empty() || comma != std::string::npos) {
      rest += (rest.empty() ? "" : ",") + item;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  options = rest;
  return mib;
}

DeviceSpec parse_device_spec_at(const std::string& text, int depth);

// faulty:FAULT:INNER; FAULT has no ':'.
void parse_faulty(DeviceSpec& s, const std::string& rest, int depth) {
  const std::size_t c2 = rest.find(':');
  if (c2 == std::string::npos || c2 + 1 >= rest.size()) {
    throw UsageError("--device faulty: needs a fault and a device, as faulty:FAULT[@KEY=VALUE,...]:DEVICE (faults: " +
                     std::string(fault_kinds()) + ")");
  }
  if (depth >= kMaxFaultNesting) {
    throw UsageError("--device: faulty: nested more than " + std::to_string(kMaxFaultNesting) + " deep");
  }
  s.target = rest.substr(0, c2);
  s.inner = rest.substr(c2 + 1);
  (void)parse_fault_spec(s.target);
  (void)parse_device_spec_at(s.inner, depth + 1);
}

}  // namespace

DeviceSpec parse_device_spec(const std::string& text) { return parse_device_spec_at(text, 0); }

namespace {

DeviceSpec parse_device_spec_at(const std::string& text, int depth) {
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
    if (s.target.empty()) throw UsageError("--device plugin: needs a path, as plugin:PATH.so[:key=value,...]");
  } else if (s.backend == "zoo" || s.backend == "qemu") {
    const std::size_t c2 = rest.find(':');
    s.target = rest.substr(0, c2);
    s.options = c2 == std::string::npos ? "" : rest.substr(c2 + 1);
    if (s.target.empty()) throw UsageError("--device " + s.backend + ": needs a name, as " + s.backend + ":NAME");
    if (s.backend == "qemu") {
      const std::size_t at = s.target.find('@');
      if (at != std::string::npos) {
        s.version = s.target.substr(at + 1);
        s.target = s.target.substr(0, at);
        if (!is_qemu_version(s.version)) {
          throw UsageError("--device qemu:" + s.target + "@" + s.version +
                           ": expected a QEMU version as MAJOR.MINOR.PATCH, e.g. qemu:smmuv3@10.2.2");
        }
      }
      if (s.target != "smmuv3") {
        throw UsageError("--device qemu:" + s.target +
                         ": unknown QEMU device (known: qemu:smmuv3, qemu:smmuv3@VERSION)");
      }
    }
  } else if (s.backend == "qemu-cmdqv") {
    // qemu-cmdqv:TREE[:OPTIONS]; host=DEVICE, the last option, may hold colons.
    const std::size_t c2 = rest.find(':');
    s.target = rest.substr(0, c2);
    s.options = c2 == std::string::npos ? "" : rest.substr(c2 + 1);
    if (s.target.empty()) throw UsageError("--device qemu-cmdqv: needs a QEMU tree, as qemu-cmdqv:TREE[:OPTIONS]");
  } else if (s.backend == "faulty") {
    parse_faulty(s, rest, depth);
  } else {
    throw UsageError("--device: unknown backend '" + s.backend +
                     "' (known: model[:OPTS], plugin:PATH.so[:OPTS], zoo:NAME[:OPTS], qemu:smmuv3[@VERSION], "
                     "qemu-cmdqv:TREE[:OPTS], faulty:FAULT:DEVICE)");
  }
  return s;
}

}  // namespace

std::string zoo_dir() {
  if (const char* env = std::getenv("CMDQV_CTS_ZOO_DIR"); env && *env) return env;
  // An installed cmdqv-cts (bin/) finds the zoo installed with it, wherever the prefix was moved.
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && *CTS_ZOO_INSTALL_DIR_FROM_BIN) {
    const fs::path installed = self.parent_path() / CTS_ZOO_INSTALL_DIR_FROM_BIN;
    if (fs::is_directory(installed, ec)) return installed.lexically_normal().string();
  }
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

std::unique_ptr<Device> open_device(const DeviceSpec& spec, Profile profile, const OpenOptions& options) {
  if (spec.backend == "model") {
    return std::make_unique<ModelDevice>(
        model::ReferenceModel(options.spec, profile_config(profile, spec.options)));
  }
  if (spec.backend == "faulty") {
    std::unique_ptr<Device> inner = open_device(parse_device_spec(spec.inner), profile, options);
    return std::make_unique<FaultyDevice>(spec.text, parse_fault_spec(spec.target), std::move(inner), options.timeout);
  }
  std::string plugin_options = spec.options;
  if (spec.backend == "plugin") {
    const std::uint64_t mib = take_memory_mib(spec.text, plugin_options);
    return std::make_unique<PluginDevice>(spec.text, spec.target, to_string(profile), plugin_options, options.timeout,
                                          mib);
  }
  if (spec.backend == "zoo") {
    const std::string path = zoo_path(spec.target);
    if (!fs::exists(path)) {
      std::string known;
      for (const std::string& n : zoo_entries()) known += (known.empty() ? "" : ", ") + n;
      throw DeviceConfigError("device '" + spec.text + "': no zoo entry '" + spec.target + "' (known: " + known + ")");
    }
    const std::uint64_t mib = take_memory_mib(spec.text, plugin_options);
    return std::make_unique<PluginDevice>(spec.text, path, to_string(profile), plugin_options, options.timeout, mib);
  }
  if (spec.backend == "qemu-cmdqv") return open_qemu_cmdqv_device(spec.text, spec.target, spec.options, profile, options);
  return open_qemu_device(spec.text, spec.version, spec.options, profile, options.timeout);
}

std::vector<DeviceListing> list_devices() {
  std::vector<DeviceListing> out;
  out.push_back({"model", "available", "the reference model in-process; options: the geometry and SMMU features"});
  for (const std::string& n : zoo_entries()) {
    out.push_back(
        {"zoo:" + n, "available",
         n == "conforming-alt"
             ? "clean-room conforming device that takes the other permitted outcomes; any failure "
               "is a false alarm of the suite (harness/zoo/conforming_alt/README.md)"
             : "bundled candidate implementation (harness/zoo/README.md)"});
  }
  out.push_back({"qemu:smmuv3", qemu_availability(), "Debian's qemu-system-aarch64 (virt, iommu=smmuv3) over qtest"});
  for (const std::string& v : listed_qemu_versions()) {
    out.push_back({"qemu:smmuv3@" + v, qemu_availability(v),
                   "QEMU " + v + " from Debian's source, built by ci/build-qemu " + v + " (virt, iommu=smmuv3)"});
  }
  out.push_back({"qemu-cmdqv:TREE[:OPTS]", "-", qemu_cmdqv_about()});
  out.push_back({"plugin:PATH.so", "-", "your device: a shared object exporting cts_device() (cmdqv_cts/device.h)"});
  out.push_back({"faulty:FAULT:DEVICE", "-", std::string("DEVICE with an injected fault: ") + fault_kinds()});
  return out;
}

}  // namespace cts::harness
