// SPDX-License-Identifier: MIT
// Backend "qemu:smmuv3[@VERSION]": availability, the build cache and opening (see qemu_backend.h).
#include "cmdqv_cts/harness/qemu_backend.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/qemu/qemu_device.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"

#ifndef CTS_QEMU_CACHE_DIR
#define CTS_QEMU_CACHE_DIR "build/qemu"
#endif

namespace cts::harness {
namespace {

namespace fs = std::filesystem;

// The versions ci/build-qemu has been checked with; `list devices` shows them even unbuilt.
const std::vector<std::string> kKnownQemuVersions = {"10.2.2"};

std::string build_hint(const std::string& version) {
  return "build it with ci/build-qemu " + version + " (cache: " + qemu_cache_dir() + ")";
}

}  // namespace

bool is_qemu_version(const std::string& version) {
  static const std::regex re("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  return std::regex_match(version, re);
}

std::string qemu_cache_dir() {
  if (const char* env = std::getenv("CMDQV_CTS_QEMU_CACHE"); env && *env) return env;
  return CTS_QEMU_CACHE_DIR;
}

std::optional<std::string> cached_qemu_binary(const std::string& version) {
  const fs::path dir = fs::path(qemu_cache_dir()) / version;
  const fs::path binary = dir / "bin" / qemu::kQemuBinary;
  std::error_code ec;
  // .cts-built is written last: a build that was interrupted is not a build.
  if (!fs::exists(dir / ".cts-built", ec) || ::access(binary.c_str(), X_OK) != 0)
    return std::nullopt;
  return binary.string();
}

std::vector<std::string> listed_qemu_versions() {
  std::vector<std::string> out = kKnownQemuVersions;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(qemu_cache_dir(), ec)) {
    const std::string v = e.path().filename().string();
    if (is_qemu_version(v) && cached_qemu_binary(v)) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string qemu_availability(const std::string& version) {
  if (!version.empty()) {
    const auto binary = cached_qemu_binary(version);
    return binary ? "available (" + *binary + ")" : "not built (run ci/build-qemu " + version + ")";
  }
  const auto binary = qemu::locate_qemu();
  return binary ? "available (" + *binary + ")" : "not installed (apt-get install qemu-system-arm)";
}

std::unique_ptr<Device> open_qemu_device(const std::string& label, const std::string& version,
                                         const std::string& options, Profile profile,
                                         std::chrono::milliseconds timeout) {
  if (profile != Profile::Smmuv3) {
    throw UnsupportedProfile("device '" + label + "' (QEMU " + (version.empty() ? "7.2" : version) +
                             ", no CMDQV) does not support profile " + to_string(profile) +
                             " (it supports: smmuv3)");
  }
  if (!options.empty()) {
    throw DeviceConfigError("device '" + label + "': takes no options (got '" + options + "')");
  }
  qemu::QemuDeviceOptions o;
  o.timeout = timeout;
  if (!version.empty()) {
    const auto binary = cached_qemu_binary(version);
    // Asked for by name: a missing build is an error, not a skip.
    if (!binary)
      throw DeviceConfigError("device '" + label + "': QEMU " + version + " is not built; " +
                              build_hint(version));
    o.process.binary = *binary;
  }
  try {
    return std::make_unique<qemu::QemuDevice>(o);
  } catch (const qemu::QemuNotInstalled& e) {
    throw DeviceUnavailable(e.what());
  }
}

}  // namespace cts::harness
