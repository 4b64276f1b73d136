// SPDX-License-Identifier: MIT
// Buffered line I/O over a connected stream socket, with timeouts and no send/receive deadlock.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cmdqv_cts/harness/qemu/unix_socket.h"

namespace cts::harness::qemu {

// Called once when a client gives up on QEMU; returns text appended to the failure (e.g. how
// the process ended). timed_out: QEMU is still there but did not answer.
using FailureContext = std::function<std::string(bool timed_out)>;

class LineChannel {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Io { Ok, Timeout, Closed };

  explicit LineChannel(Fd fd, std::chrono::milliseconds timeout);

  int fd() const { return fd_.get(); }
  // How long one wait may take: a blocking receive, or a send that makes no progress.
  void set_timeout(std::chrono::milliseconds timeout);
  std::chrono::milliseconds timeout() const { return timeout_; }

  // Sends all of `data`. While the peer does not accept more, whatever it sends is read into
  // the input buffer, so a peer that blocks writing replies never deadlocks a long batch.
  // Timeout: no progress for timeout().
  Io send_all(std::string_view data);
  // The next line, without its "\n" (and "\r"); valid until the next call. Waits at most until
  // `deadline` (the first wait is one blocking recv bounded by SO_RCVTIMEO = timeout()).
  Io read_line(std::string_view& line, Clock::time_point deadline);
  // Bytes received and not yet returned as lines.
  std::size_t buffered() const { return end_ - begin_; }
  // errno of the failure behind the last Closed (0: orderly end of stream).
  int last_error() const { return error_; }

 private:
  // One recv into the buffer. Ok: got bytes; Timeout: nothing available (EAGAIN).
  Io receive(int flags);
  void make_room();

  Fd fd_;
  std::chrono::milliseconds timeout_;
  std::vector<char> buf_;
  std::size_t begin_ = 0;  // first byte not yet returned
  std::size_t scan_ = 0;   // where to look for the next '\n'
  std::size_t end_ = 0;    // end of received bytes
  int error_ = 0;
};

}  // namespace cts::harness::qemu
