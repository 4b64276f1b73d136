// SPDX-License-Identifier: MIT
// Owning file descriptors and listening Unix stream sockets (accept with a deadline).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>

namespace cts::harness::qemu {

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }
  void reset() noexcept;

 private:
  int fd_ = -1;
};

// A close-on-exec AF_UNIX stream socket listening at `path`. Throws std::system_error.
Fd listen_unix(const std::string& path);

// One connection on `listener`, waiting until `deadline`. Every 10 ms it asks `keep_waiting`
// (e.g. "is the process that should connect still alive?"). Returns an empty Fd on timeout or
// when keep_waiting() says no. The connection is close-on-exec and blocking.
Fd accept_until(const Fd& listener, std::chrono::steady_clock::time_point deadline,
                const std::function<bool()>& keep_waiting);

}  // namespace cts::harness::qemu
