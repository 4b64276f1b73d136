// SPDX-License-Identifier: MIT
// Buffered line I/O over a connected stream socket (see line_channel.h).
#include "cmdqv_cts/harness/qemu/line_channel.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cts::harness::qemu {

namespace {
constexpr std::size_t kInitialBuffer = 64 * 1024;
constexpr std::size_t kMinFree = 16 * 1024;

int to_poll_ms(std::chrono::steady_clock::duration d) {
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(d).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 1 << 30));
}
}  // namespace

LineChannel::LineChannel(Fd fd, std::chrono::milliseconds timeout) : fd_(std::move(fd)), buf_(kInitialBuffer) {
  set_timeout(timeout);
}

void LineChannel::set_timeout(std::chrono::milliseconds timeout) {
  timeout_ = std::max(timeout, std::chrono::milliseconds(1));
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout_.count() % 1000) * 1000);
  (void)::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

void LineChannel::make_room() {
  if (begin_ == end_) {
    begin_ = scan_ = end_ = 0;
  } else if (buf_.size() - end_ < kMinFree && begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    scan_ -= begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kMinFree) buf_.resize(buf_.size() * 2);
}

LineChannel::Io LineChannel::receive(int flags) {
  make_room();
  for (;;) {
    const ssize_t n = ::recv(fd_.get(), buf_.data() + end_, buf_.size() - end_, flags);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return Io::Ok;
    }
    if (n == 0) {
      error_ = 0;
      return Io::Closed;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Io::Timeout;
    error_ = errno;
    return Io::Closed;
  }
}

LineChannel::Io LineChannel::send_all(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd_.get(), data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      error_ = errno;
      return Io::Closed;
    }
    // The socket is full: wait until it drains, reading replies meanwhile.
    pollfd p{fd_.get(), POLLIN | POLLOUT, 0};
    const int r = ::poll(&p, 1, to_poll_ms(timeout_));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) return Io::Timeout;
    if (r < 0) {
      error_ = errno;
      return Io::Closed;
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const Io io = receive(MSG_DONTWAIT);
      if (io == Io::Closed) return io;
    }
  }
  return Io::Ok;
}

LineChannel::Io LineChannel::read_line(std::string_view& line, Clock::time_point deadline) {
  for (bool first = true;; first = false) {
    if (scan_ < end_) {
      const void* nl = std::memchr(buf_.data() + scan_, '\n', end_ - scan_);
      if (nl != nullptr) {
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data());
        std::size_t stop = at;
        if (stop > begin_ && buf_[stop - 1] == '\r') --stop;
        line = std::string_view(buf_.data() + begin_, stop - begin_);
        begin_ = scan_ = at + 1;
        return Io::Ok;
      }
      scan_ = end_;
    }
    Io io;
    if (first) {
      // Fast path: one blocking recv, bounded by SO_RCVTIMEO.
      io = receive(0);
      if (io == Io::Timeout && Clock::now() < deadline) continue;
    } else {
      const auto now = Clock::now();
      if (now >= deadline) return Io::Timeout;
      pollfd p{fd_.get(), POLLIN, 0};
      const int r = ::poll(&p, 1, to_poll_ms(deadline - now));
      if (r < 0 && errno == EINTR) continue;
      if (r == 0) return Io::Timeout;
      io = receive(MSG_DONTWAIT);
      if (io == Io::Timeout) continue;
    }
    if (io != Io::Ok) return io;
  }
}

}  // namespace cts::harness::qemu
