// SPDX-License-Identifier: MIT
// Minimal QMP client (see qmp_client.h).
#include "cmdqv_cts/harness/qemu/qmp_client.h"

#include "cmdqv_cts/harness/device.h"

namespace cts::harness::qemu {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_reset_event(std::string_view line) {
  return line.find("\"event\": \"RESET\"") != std::string_view::npos ||
         line.find("\"event\":\"RESET\"") != std::string_view::npos;
}

}  // namespace

QmpClient::QmpClient(Fd connection, std::chrono::milliseconds timeout, FailureContext context)
    : channel_(std::move(connection), timeout), context_(std::move(context)) {
  const std::string greeting = read_object("greeting", Clock::now() + channel_.timeout());
  if (!starts_with(greeting, "{\"QMP\"")) fail("QEMU's QMP greeting is '" + greeting.substr(0, 80) + "'");
  const Result caps = execute("qmp_capabilities");
  if (!caps.ok) fail("QEMU refused qmp_capabilities: " + caps.line);
}

void QmpClient::fail(const std::string& what, bool timed_out) {
  std::string msg = what;
  if (context_) {
    const std::string more = context_(timed_out);
    if (!more.empty()) msg += "; " + more;
  }
  throw DeviceFailure(msg);
}

std::string QmpClient::read_object(std::string_view doing, Clock::time_point deadline) {
  std::string_view line;
  const LineChannel::Io io = channel_.read_line(line, deadline);
  if (io == LineChannel::Io::Timeout) {
    fail("QEMU did not answer QMP " + std::string(doing) + " within " + std::to_string(channel_.timeout().count()) +
         " ms",
         true);
  }
  if (io != LineChannel::Io::Ok) fail("QEMU closed the QMP connection during " + std::string(doing));
  return std::string(line);
}

QmpClient::Result QmpClient::execute(std::string_view command, std::string_view arguments) {
  std::string request = "{\"execute\": \"" + std::string(command) + "\"";
  if (!arguments.empty()) request += ", \"arguments\": " + std::string(arguments);
  request += "}\n";
  const LineChannel::Io io = channel_.send_all(request);
  if (io != LineChannel::Io::Ok) fail("QEMU did not take QMP command " + std::string(command));
  const auto deadline = Clock::now() + channel_.timeout();
  for (;;) {
    std::string line = read_object(command, deadline);
    if (starts_with(line, "{\"return\"")) return {true, std::move(line)};
    if (starts_with(line, "{\"error\"")) return {false, std::move(line)};
    if (is_reset_event(line)) reset_seen_ = true;
    // Other events are of no interest.
  }
}

std::optional<std::string> QmpClient::qom_type(std::string_view path) {
  const Result r = execute("qom-get", "{\"path\": \"" + std::string(path) + "\", \"property\": \"type\"}");
  if (!r.ok) return std::nullopt;
  // {"return": "arm_gic"}
  constexpr std::string_view kPrefix = "{\"return\": \"";
  if (!starts_with(r.line, kPrefix)) fail("unexpected qom-get reply " + r.line);
  const std::size_t end = r.line.find('"', kPrefix.size());
  if (end == std::string::npos) fail("unexpected qom-get reply " + r.line);
  return r.line.substr(kPrefix.size(), end - kPrefix.size());
}

void QmpClient::system_reset() {
  reset_seen_ = false;
  const Result r = execute("system_reset");
  if (!r.ok) fail("QEMU refused system_reset: " + r.line);
  // The RESET event is sent once the reset has run in QEMU's main loop, before or after the
  // command's return.
  const auto deadline = Clock::now() + channel_.timeout();
  while (!reset_seen_) {
    if (is_reset_event(read_object("system_reset (waiting for the RESET event)", deadline))) reset_seen_ = true;
  }
}

}  // namespace cts::harness::qemu
