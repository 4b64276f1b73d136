// SPDX-License-Identifier: MIT
// PluginDevice: the parent side of the plugin process (see plugin_device.h).
#include "cmdqv_cts/harness/plugin_device.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "plugin_protocol.h"

namespace cts::harness {

struct PluginDevice::Reply {
  plugin::ReplyHeader header{};
  std::string text;
};

namespace {

using Clock = std::chrono::steady_clock;

// Waits until `fd` is ready for `events` or `deadline` passes. false = timed out.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(left));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return true;  // let the read/write report the error
  }
}

// 0 = done, 1 = timed out, 2 = the peer is gone. Each tries the socket first and polls only
// when it would block: a round trip is then one send and one or two recvs.
int send_all(int fd, const void* buf, std::size_t len, Clock::time_point deadline) {
  const auto* p = static_cast<const char*>(buf);
  while (len > 0) {
    const ssize_t n = ::send(fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!wait_for(fd, POLLOUT, deadline)) return 1;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 2;
    p += n;
    len -= static_cast<std::size_t>(n);
  }
  return 0;
}

// A reply usually comes within microseconds: spin that long before sleeping in poll(),
// which saves two scheduler wake-ups per call.
constexpr auto kSpin = std::chrono::microseconds(50);

int recv_all(int fd, void* buf, std::size_t len, Clock::time_point deadline) {
  auto* p = static_cast<char*>(buf);
  const auto spin_until = Clock::now() + kSpin;
  while (len > 0) {
    const ssize_t n = ::recv(fd, p, len, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (Clock::now() < spin_until) continue;
      if (!wait_for(fd, POLLIN, deadline)) return 1;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 2;
    p += n;
    len -= static_cast<std::size_t>(n);
  }
  return 0;
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    return std::string("crashed (signal ") + (name ? std::string("SIG") + name : std::to_string(sig)) + ")";
  }
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "stopped";
}

bool lists_profile(const std::string& profiles, const std::string& profile) {
  std::size_t start = 0;
  while (start <= profiles.size()) {
    const std::size_t comma = profiles.find(',', start);
    std::string item = profiles.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item == profile) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

PluginDevice::PluginDevice(std::string label, std::string path, std::string profile, std::string options,
                           std::chrono::milliseconds timeout, std::uint64_t memory_mib)
    : label_(std::move(label)), path_(std::move(path)), profile_(std::move(profile)), options_(std::move(options)),
      timeout_(timeout), memory_mib_(memory_mib) {
  if (::access(path_.c_str(), R_OK) != 0) {
    throw DeviceConfigError("device '" + label_ + "': cannot read " + path_ + ": " + std::strerror(errno));
  }
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    throw DeviceConfigError(std::string("socketpair: ") + std::strerror(errno));
  }
  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw DeviceConfigError(std::string("fork: ") + std::strerror(errno));
  }
  if (pid_ == 0) {
    // The child keeps only its own socket: the sockets of other plugin children the suite has
    // open must not stay open here, or closing them would not end those children.
    int fd = fds[1];
    if (fd != 3) {
      ::dup2(fd, 3);
      fd = 3;
    }
    ::close_range(4, ~0u, 0);
    plugin::serve(fd, memory_mib_ << 20);
  }
  ::close(fds[1]);
  fd_ = fds[0];

  const Reply loaded = call(plugin::kLoad, 0, 0, 0, path_.data(), static_cast<std::uint32_t>(path_.size()), "loading (dlopen, cts_device())");
  if (loaded.header.status != 0) throw DeviceConfigError("device '" + label_ + "': " + loaded.text);
  const std::size_t nl = loaded.text.find('\n');
  plugin_name_ = loaded.text.substr(0, nl);
  profiles_ = nl == std::string::npos ? "" : loaded.text.substr(nl + 1);
  if (!lists_profile(profiles_, profile_)) {
    throw UnsupportedProfile("device '" + label_ + "' (" + plugin_name_ + ") does not support profile " + profile_ +
                            " (it supports: " + profiles_ + ")");
  }
  const std::string create_options = "profile=" + profile_ + (options_.empty() ? "" : "," + options_);
  const Reply created = call(plugin::kCreate, 0, 0, 0, create_options.data(),
                             static_cast<std::uint32_t>(create_options.size()), "create()");
  if (created.header.status != 0) {
    throw DeviceConfigError("device '" + label_ + "': create(\"" + create_options + "\") failed: " + created.text);
  }
}

PluginDevice::~PluginDevice() { stop(); }

void PluginDevice::stop() {
  if (fd_ >= 0) ::close(fd_);  // the child sees EOF and exits
  fd_ = -1;
  if (pid_ <= 0) return;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void PluginDevice::died(const std::string& doing, bool timed_out) {
  int status = 0;
  if (timed_out && pid_ > 0) ::kill(pid_, SIGKILL);
  if (pid_ > 0) ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (memory_mib_ != 0 && WIFEXITED(status) && WEXITSTATUS(status) == plugin::kMemoryBoundStatus) {
    throw DeviceFailure("device '" + label_ + "' exceeded its memory bound of " + std::to_string(memory_mib_) +
                        " MiB in " + doing + " (device option memory_mib)");
  }
  if (timed_out) {
    throw DeviceFailure("device '" + label_ + "' did not answer within " + std::to_string(timeout_.count()) +
                        " ms in " + doing + " (hung; killed)");
  }
  throw DeviceFailure("device '" + label_ + "' " + describe_exit(status) + " in " + doing);
}

PluginDevice::Reply PluginDevice::call(std::uint8_t op, std::uint64_t a, std::uint64_t b, std::uint32_t c,
                                       const void* payload, std::uint32_t payload_len, const std::string& doing) {
  if (fd_ < 0) throw DeviceFailure("device '" + label_ + "' is no longer running");
  const auto deadline = Clock::now() + timeout_;
  plugin::Request rq{};
  rq.op = op;
  rq.a = a;
  rq.b = b;
  rq.c = c;
  rq.payload_len = payload_len;
  // One message: header and payload together.
  message_.resize(sizeof rq + payload_len);
  std::memcpy(message_.data(), &rq, sizeof rq);
  if (payload_len) std::memcpy(message_.data() + sizeof rq, payload, payload_len);
  int e = send_all(fd_, message_.data(), message_.size(), deadline);
  Reply r;
  if (e == 0) e = recv_all(fd_, &r.header, sizeof r.header, deadline);
  if (e == 0 && r.header.text_len > plugin::kMaxPayload) e = 2;
  if (e == 0) {
    r.text.resize(r.header.text_len);
    e = recv_all(fd_, r.text.data(), r.text.size(), deadline);
  }
  if (e != 0) died(doing, e == 1);
  if (r.header.protocol_error) {
    throw DeviceFailure("device '" + label_ + "' broke the device ABI in " + doing + ": " + r.text);
  }
  return r;
}

bool PluginDevice::read(Region r, std::uint64_t off, unsigned size, std::uint64_t& value) {
  const Reply rp = call(plugin::kRead, static_cast<std::uint64_t>(r), off, size, nullptr, 0, "read()");
  value = rp.header.value;
  return rp.header.status == 0;
}

bool PluginDevice::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  return call(plugin::kWrite, static_cast<std::uint64_t>(r), off, size, &value, sizeof value, "write()").header.status ==
         0;
}

void PluginDevice::write_memory(std::uint64_t addr, const void* data, std::uint32_t len) {
  (void)call(plugin::kWriteMemory, 0, addr, 0, data, len, "writing queue memory (dma)");
}

void PluginDevice::run(model::IrqSink& irq) {
  const Reply rp = call(plugin::kRun, 0, 0, 0, nullptr, 0, "run()");
  for (std::uint32_t line = 0; line < 3; ++line) {
    for (std::uint32_t k = 0; k < rp.header.irqs[line]; ++k) irq.pulse(static_cast<model::IrqLine>(line));
  }
}

bool PluginDevice::inject_dma_faults(const DmaFaults& faults) {
  (void)call(plugin::kDmaFaults, faults.seed, faults.threshold, 0, nullptr, 0, "injecting DMA faults");
  faults_ = faults;
  return true;
}

void PluginDevice::reset() {
  const Reply rp = call(plugin::kReset, 0, 0, 0, nullptr, 0, "reset (destroy() + create())");
  if (rp.header.status != 0) throw DeviceFailure("device '" + label_ + "': create() failed on reset: " + rp.text);
}

}  // namespace cts::harness
