// SPDX-License-Identifier: MIT
// Owning file descriptors and listening Unix stream sockets (see unix_socket.h).
#include "cmdqv_cts/harness/qemu/unix_socket.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace cts::harness::qemu {

void Fd::reset() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Fd listen_unix(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    throw std::system_error(ENAMETOOLONG, std::generic_category(), "socket path " + path);
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw std::system_error(errno, std::generic_category(), "socket");
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::system_error(errno, std::generic_category(), "bind " + path);
  }
  if (::listen(fd.get(), 4) != 0) throw std::system_error(errno, std::generic_category(), "listen " + path);
  return fd;
}

Fd accept_until(const Fd& listener, std::chrono::steady_clock::time_point deadline,
                const std::function<bool()>& keep_waiting) {
  using namespace std::chrono;
  for (;;) {
    const auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
    if (left <= 0) return Fd();
    pollfd p{listener.get(), POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 10)));
    if (r > 0) {
      Fd conn(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (conn) return conn;
      if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED) {
        throw std::system_error(errno, std::generic_category(), "accept");
      }
    } else if (r < 0 && errno != EINTR) {
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    if (!keep_waiting()) return Fd();
  }
}

}  // namespace cts::harness::qemu
