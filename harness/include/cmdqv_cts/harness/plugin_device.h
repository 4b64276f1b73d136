// SPDX-License-Identifier: MIT
// Backend "plugin:PATH.so": a device built against the C ABI (cmdqv_cts/device.h), loaded
// in a child process of its own and driven over a socket, so that a crash, an abort, an
// endless loop or a wrong ABI version becomes a verdict instead of the end of the run.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/device.h"

namespace cts::harness {

// The device cannot be used as configured (bad path, not a plugin, wrong ABI version,
// create() refused the options or the profile): a configuration error, exit status 2.
class DeviceConfigError : public std::runtime_error {
 public:
  explicit DeviceConfigError(const std::string& what) : std::runtime_error(what) {}
};

// The device does not implement the profile asked for: skipped when the user asked for every
// profile, a configuration error when they named it.
class UnsupportedProfile : public DeviceConfigError {
 public:
  using DeviceConfigError::DeviceConfigError;
};

class PluginDevice final : public Device {
 public:
  // The child's default memory bound (device option memory_mib).
  static constexpr std::uint64_t kDefaultMemoryMib = 1024;

  // Starts the child, loads `path`, checks the ABI and the profile, creates the device with
  // "profile=PROFILE,OPTIONS". The child may map `memory_mib` MiB more than it starts with
  // (0 = no bound). Throws DeviceConfigError or DeviceFailure.
  PluginDevice(std::string label, std::string path, std::string profile, std::string options,
               std::chrono::milliseconds timeout, std::uint64_t memory_mib = kDefaultMemoryMib);
  ~PluginDevice() override;
  PluginDevice(const PluginDevice&) = delete;
  PluginDevice& operator=(const PluginDevice&) = delete;

  std::string name() const override { return label_; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) override;
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) override;
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override;
  void run(model::IrqSink& irq) override;
  void reset() override;
  bool inject_dma_faults(const DmaFaults& faults) override;
  const DmaFaults* dma_faults() const override { return faults_.threshold ? &faults_ : nullptr; }

  const std::string& plugin_name() const { return plugin_name_; }
  const std::string& profiles() const { return profiles_; }
  pid_t pid() const { return pid_; }

 private:
  struct Reply;
  Reply call(std::uint8_t op, std::uint64_t a, std::uint64_t b, std::uint32_t c,
             const void* payload, std::uint32_t payload_len, const std::string& doing);
  [[noreturn]] void died(const std::string& doing, bool timed_out);
  void stop();

  std::string label_, path_, profile_, options_;
  std::chrono::milliseconds timeout_;
  std::uint64_t memory_mib_;
  DmaFaults faults_;
  std::string plugin_name_, profiles_;
  int fd_ = -1;
  pid_t pid_ = -1;
  std::vector<char> message_;  // reused request buffer
};

}  // namespace cts::harness
