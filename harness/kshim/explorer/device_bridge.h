// SPDX-License-Identifier: MIT
// Connects a loaded kshim module to a device under test: the driver's MMIO goes to the device
// (which runs after every write), its coherent DMA memory is mirrored into the device's
// memory, the device's interrupts reach the captured handlers at once, and every shim event
// is offered to the preemption schedule. During a preempting ISR the bridge can make the
// device report an error (VINTF0 and a set of its LVCMDQs in the error maps, CONS.ERR), so
// that the handler walks the queues whatever state the device is in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/device.h"
#include "kshim_module.h"
#include "register_names.h"

namespace cts::kshim {

struct Finding {
  std::string kind;  // "WARN", "bad-mmio", "bad-free", "irq", "bus-error"
  std::string text;
};

// What the device reports while a preempting ISR runs (the error overlay).
struct ErrorReport {
  bool enabled = true;
  std::uint64_t lvcmdq_mask[2] = {~0ull, ~0ull};  // LVCMDQs of VINTF0 reported in error
  unsigned cons_err = 1;                          // CONS.ERR shown on them (1 = CERROR_ILL)
};

struct PreemptionRecord {
  kshim_event event;
  std::string site;  // symbolised caller of the event
};

class DeviceBridge {
 public:
  DeviceBridge(const KshimModule& module, harness::Device& device, const RegisterNames& names);
  DeviceBridge(const DeviceBridge&) = delete;
  DeviceBridge& operator=(const DeviceBridge&) = delete;

  // Installs the bridge as the module's platform with these options.
  void attach(const kshim_options& options);
  void set_schedule(std::vector<std::uint64_t> preempt_before) {
    schedule_ = std::move(preempt_before);
  }
  void set_error_report(const ErrorReport& r) { report_ = r; }
  // Adversarial hardware: CMDQV PARAM reads return this value (-1: the device's own).
  void set_param_override(std::int64_t param) { param_override_ = param; }
  // Print findings and log lines to stderr as they happen (a child whose death we must explain).
  void set_echo(bool echo) { echo_ = echo; }

  const std::vector<Finding>& findings() const { return findings_; }
  const std::vector<PreemptionRecord>& preemptions() const { return preemptions_; }
  const std::vector<std::string>& log() const { return log_; }
  // The last value the driver read from VINTF0 CONFIG (HYP_OWN read-back); -1 if none.
  std::int64_t last_vintf0_config() const { return last_vintf0_config_; }
  std::string describe(const kshim_event& ev) const;
  // Errors the device itself signalled (interrupt edges), outside any error overlay.
  unsigned long device_errors() const { return device_errors_; }

  // User space's own accesses (through the mmap()ed VINTF page0) and queue memory: the device
  // runs after a write and its interrupts reach the driver, as for the driver's accesses.
  bool user_read(unsigned region, std::uint64_t off, unsigned size, std::uint64_t& value);
  bool user_write(unsigned region, std::uint64_t off, unsigned size, std::uint64_t value);
  void user_memory(std::uint64_t addr, const void* data, std::uint32_t len) {
    device_.write_memory(addr, data, len);
  }
  // Every write to CMDQV CMDQ_ALLOC(q), in order: (q, value).
  const std::vector<std::pair<unsigned, std::uint32_t>>& alloc_writes() const {
    return alloc_writes_;
  }

 private:
  static int mmio_read(void* ctx, unsigned region, unsigned long long off, unsigned size,
                       unsigned long long* val);
  static int mmio_write(void* ctx, unsigned region, unsigned long long off, unsigned size,
                        unsigned long long val);
  static void dma_write(void* ctx, unsigned long long iova, const void* buf, unsigned long len);
  static void before_event(void* ctx, const kshim_event* ev);
  static void on_log(void* ctx, int level, const char* line);
  static void on_finding(void* ctx, const char* kind, const char* text);

  std::uint64_t overlay(unsigned region, std::uint64_t off, unsigned size,
                        std::uint64_t value) const;
  void deliver_interrupts();

  const KshimModule& module_;
  harness::Device& device_;
  const RegisterNames& names_;
  std::vector<std::uint64_t> schedule_;
  ErrorReport report_;
  bool overlay_active_ = false;
  std::int64_t param_override_ = -1;
  bool echo_ = false;
  bool in_gerror_ = false;
  bool cmdqv_irq_ = false, gerror_irq_ = false;
  std::int64_t last_vintf0_config_ = -1;
  unsigned long device_errors_ = 0;
  std::vector<Finding> findings_;
  std::vector<PreemptionRecord> preemptions_;
  std::vector<std::string> log_;
  std::vector<std::pair<unsigned, std::uint32_t>> alloc_writes_;
};

// The source location of a code address in this process ("function file:line").
std::string symbolize(const void* pc);

}  // namespace cts::kshim
