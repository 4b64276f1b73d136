// SPDX-License-Identifier: MIT
// A qemu-system-aarch64 child for qtest: found, spawned, connected, and always killed and reaped.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/qemu/temp_dir.h"
#include "cmdqv_cts/harness/qemu/unix_socket.h"

namespace cts::harness::qemu {

// qemu-system-aarch64 is not there: callers report "skipped", not a failure.
class QemuNotInstalled : public std::runtime_error {
 public:
  explicit QemuNotInstalled(const std::string& what) : std::runtime_error(what) {}
};

inline constexpr const char* kQemuBinary = "qemu-system-aarch64";
inline constexpr const char* kQemuNotInstalledHint = "qemu-system-aarch64 not installed (apt-get install qemu-system-arm)";

// $CMDQV_CTS_QEMU if set (it must be executable), else qemu-system-aarch64 on $PATH.
std::optional<std::string> locate_qemu();
inline bool qemu_installed() { return locate_qemu().has_value(); }

struct QemuOptions {
  std::string binary;                                    // empty: locate_qemu()
  std::chrono::milliseconds start_timeout{10000};        // until QEMU connects both sockets
  std::chrono::milliseconds stop_grace{1000};            // SIGTERM, then SIGKILL after this
  std::vector<std::string> extra_args;                   // appended to the command line
};

// Starts `qemu-system-aarch64 -machine virt,iommu=smmuv3 -smp 1 -m 1G -display none -nodefaults
// -S -qtest unix:DIR/qtest.sock -qtest-log none -qmp unix:DIR/qmp.sock` with stdin and stdout on
// /dev/null and stderr in DIR/stderr. QEMU connects to both sockets (as with libqtest), which
// we listen on in DIR, a fresh temporary directory. QEMU gets SIGKILL if the thread that
// started it exits (PR_SET_PDEATHSIG), so a crashed harness leaves no QEMU behind.
//
// Throws QemuNotInstalled if there is no binary, DeviceFailure if QEMU exits or does not
// connect within start_timeout (with its exit status and stderr). The destructor and every
// error path stop QEMU (SIGTERM, SIGKILL after stop_grace), reap it and remove DIR.
class QemuProcess {
 public:
  explicit QemuProcess(const QemuOptions& options = {});
  ~QemuProcess();
  QemuProcess(const QemuProcess&) = delete;
  QemuProcess& operator=(const QemuProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::vector<std::string>& command_line() const { return argv_; }
  // The connections QEMU made (each can be taken once).
  Fd take_qtest() { return std::move(qtest_); }
  Fd take_qmp() { return std::move(qmp_); }

  // false once QEMU has exited (it is then reaped).
  bool running();
  // Stops QEMU if it still runs (SIGTERM, then SIGKILL after `grace`) and reaps it.
  void stop(std::chrono::milliseconds grace);
  // For failure messages after a connection broke: unless `hung` (QEMU did not answer), waits
  // up to 200 ms for QEMU to end by itself (a closed socket usually means it is exiting); then
  // stops it and says how it ended, with the tail of its stderr.
  std::string stop_and_describe(bool hung);
  // The last `max` characters of QEMU's stderr, lines joined with " | ".
  std::string stderr_tail(std::size_t max = 600) const;

 private:
  void spawn(const std::string& stderr_path);
  [[noreturn]] void fail_start(const std::string& what);
  bool reap(bool block);
  // How QEMU ended, then `when`, then the tail of its stderr.
  std::string describe_exit(const std::string& when = {}) const;

  QemuOptions options_;
  std::unique_ptr<TempDir> dir_;
  std::vector<std::string> argv_;
  pid_t pid_ = -1;
  std::optional<int> status_;  // wait status once reaped
  bool killed_by_us_ = false;
  Fd qtest_;
  Fd qmp_;
};

}  // namespace cts::harness::qemu
