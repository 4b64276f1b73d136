// SPDX-License-Identifier: MIT
// Minimal QMP client: capabilities negotiation, commands, system_reset with its RESET event.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cmdqv_cts/harness/qemu/line_channel.h"
#include "cmdqv_cts/harness/qemu/unix_socket.h"

namespace cts::harness::qemu {

// QEMU writes one JSON object per line; this client only needs to tell a command's "return"
// from its "error" and to spot the RESET event, so it matches on the top-level key rather than
// parsing JSON. Failures (timeout, closed connection, an error reply to a command that must
// succeed) throw DeviceFailure.
class QmpClient {
 public:
  using Clock = std::chrono::steady_clock;

  // Reads the greeting and negotiates capabilities. `context` is appended to failures (e.g.
  // how the QEMU process ended).
  QmpClient(Fd connection, std::chrono::milliseconds timeout, FailureContext context = {});

  struct Result {
    bool ok = false;
    std::string line;  // the whole reply object
  };
  // `arguments` is a JSON object or empty.
  Result execute(std::string_view command, std::string_view arguments = {});
  // The string returned by qom-get PATH type, or nothing if QEMU reports an error (no such path).
  std::optional<std::string> qom_type(std::string_view path);
  // system_reset, returning once QEMU reports the RESET event (the reset has completed).
  void system_reset();

 private:
  std::string read_object(std::string_view doing, Clock::time_point deadline);
  [[noreturn]] void fail(const std::string& what, bool timed_out = false);

  LineChannel channel_;
  FailureContext context_;
  bool reset_seen_ = false;
};

}  // namespace cts::harness::qemu
