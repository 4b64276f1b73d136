// SPDX-License-Identifier: MIT
// qtest protocol client: checked requests, replies, IRQ lines, timeouts and pipelined batches.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cmdqv_cts/harness/qemu/line_channel.h"
#include "cmdqv_cts/harness/qemu/qtest_request.h"
#include "cmdqv_cts/harness/qemu/unix_socket.h"

namespace cts::harness::qemu {

struct QtestReply {
  enum class Status { Ok, Fail, Err };
  Status status = Status::Ok;
  std::string text;  // after "OK ", "FAIL " or "ERR " (empty for a bare "OK")
  bool ok() const { return status == Status::Ok; }
};

// Failures of QEMU as a program (no answer within the timeout, connection closed, a reply
// that is not qtest) throw DeviceFailure; the client is then broken and every later call
// throws the same failure. Requests that would abort QEMU throw QtestRequestRefused and are
// never sent. A FAIL/ERR reply to a typed call (readl, write, ...) is a DeviceFailure too.
class QtestClient {
 public:
  using Clock = std::chrono::steady_clock;

  explicit QtestClient(Fd connection, std::chrono::milliseconds timeout = std::chrono::seconds(1));

  void set_timeout(std::chrono::milliseconds timeout) { channel_.set_timeout(timeout); }
  std::chrono::milliseconds timeout() const { return channel_.timeout(); }
  // Called once when the client breaks (see FailureContext).
  void set_failure_context(FailureContext context) { context_ = std::move(context); }
  bool broken() const { return !broken_.empty(); }
  // The socket, for measurements that bypass the client (only while nothing is buffered).
  int native_handle() const { return channel_.fd(); }

  // Any request line accepted by check_request(), one at a time.
  QtestReply request(std::string_view line);
  // Sends every line, then reads every reply, in order (pipelined). Lines are all checked
  // before anything is sent.
  std::vector<QtestReply> pipeline(std::span<const std::string> lines);

  std::uint64_t readl(std::uint64_t addr) { return read_value("readl", addr); }
  std::uint64_t readq(std::uint64_t addr) { return read_value("readq", addr); }
  void writel(std::uint64_t addr, std::uint32_t value) { write_value("writel", addr, value); }
  void writeq(std::uint64_t addr, std::uint64_t value) { write_value("writeq", addr, value); }
  // Pipelined readl of every address.
  std::vector<std::uint64_t> readl_batch(std::span<const std::uint64_t> addrs);
  // Guest memory: `write` commands of at most kWriteChunk bytes each, pipelined.
  void write_memory(std::uint64_t addr, std::span<const std::uint8_t> data);
  std::vector<std::uint8_t> read_memory(std::uint64_t addr, std::uint32_t len);
  void memset(std::uint64_t addr, std::uint64_t len, std::uint8_t byte);

  // Raises ("IRQ raise N") seen since the last call, in arrival order.
  std::vector<unsigned> take_irq_raises();
  // All raises of line n seen so far.
  std::uint64_t irq_raise_count(unsigned n) const { return n < raise_counts_.size() ? raise_counts_[n] : 0; }

  static constexpr std::size_t kWriteChunk = 4096;

 private:
  // Sends `requests` (newline-terminated lines), then reads `count` replies; each reply is
  // handed to on_reply(index, status, text) while its text is still in the buffer.
  template <class OnReply>
  void exchange(std::string_view requests, std::size_t count, OnReply&& on_reply);
  std::uint64_t read_value(std::string_view cmd, std::uint64_t addr);
  void write_value(std::string_view cmd, std::uint64_t addr, std::uint64_t value);
  void expect_ok(std::string_view requests, std::size_t index, QtestReply::Status status, std::string_view text);
  void note_irq(std::string_view line, std::string_view requests, std::size_t index);
  [[noreturn]] void fail(const std::string& what, bool timed_out = false);
  [[noreturn]] void fail_io(LineChannel::Io io, std::string_view requests, std::size_t index);

  LineChannel channel_;
  FailureContext context_;
  std::string broken_;
  std::string out_;  // reused request buffer
  std::vector<unsigned> raises_;
  std::vector<std::uint64_t> raise_counts_;
};

}  // namespace cts::harness::qemu
