// SPDX-License-Identifier: MIT
// qtest protocol client (see qtest_client.h).
#include "cmdqv_cts/harness/qemu/qtest_client.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "cmdqv_cts/harness/device.h"

namespace cts::harness::qemu {

namespace {

constexpr std::size_t kMaxShownRequest = 72;
constexpr unsigned kMaxIrqLine = 1u << 16;

// The index-th newline-terminated line of `requests`, shortened for messages.
std::string request_name(std::string_view requests, std::size_t index) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < index && start < requests.size(); ++i) {
    const std::size_t nl = requests.find('\n', start);
    start = nl == std::string_view::npos ? requests.size() : nl + 1;
  }
  std::string_view line = requests.substr(std::min(start, requests.size()));
  line = line.substr(0, line.find('\n'));
  if (line.size() <= kMaxShownRequest) return std::string(line);
  return std::string(line.substr(0, kMaxShownRequest)) + "...";
}

std::string describe_timeout(std::chrono::milliseconds t) {
  if (t.count() % 1000 == 0) return std::to_string(t.count() / 1000) + " s";
  return std::to_string(t.count()) + " ms";
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "OK", "OK text", "FAIL text", "ERR text"; false for anything else.
bool parse_status(std::string_view line, QtestReply::Status& status, std::string_view& text) {
  struct Word {
    std::string_view word;
    QtestReply::Status status;
  };
  static constexpr Word kWords[] = {{"OK", QtestReply::Status::Ok},
                                    {"FAIL", QtestReply::Status::Fail},
                                    {"ERR", QtestReply::Status::Err}};
  for (const Word& w : kWords) {
    if (!starts_with(line, w.word)) continue;
    const std::string_view rest = line.substr(w.word.size());
    if (!rest.empty() && rest[0] != ' ') return false;
    status = w.status;
    text = rest.empty() ? rest : rest.substr(1);
    return true;
  }
  return false;
}

// "0x" and hex digits, as QEMU formats read replies.
bool parse_hex_value(std::string_view text, std::uint64_t& value) {
  if (text.size() <= 2 || text[0] != '0' || text[1] != 'x') return false;
  const char* last = text.data() + text.size();
  const auto r = std::from_chars(text.data() + 2, last, value, 16);
  return r.ec == std::errc() && r.ptr == last;
}

const char* status_word(QtestReply::Status s) {
  switch (s) {
    case QtestReply::Status::Ok: return "OK";
    case QtestReply::Status::Fail: return "FAIL";
    case QtestReply::Status::Err: return "ERR";
  }
  return "?";
}

}  // namespace

QtestClient::QtestClient(Fd connection, std::chrono::milliseconds timeout) : channel_(std::move(connection), timeout) {
  out_.reserve(256);
}

void QtestClient::fail(const std::string& what, bool timed_out) {
  if (broken_.empty()) {
    broken_ = what;
    if (context_) {
      const std::string more = context_(timed_out);
      if (!more.empty()) broken_ += "; " + more;
    }
  }
  throw DeviceFailure(broken_);
}

void QtestClient::fail_io(LineChannel::Io io, std::string_view requests, std::size_t index) {
  const std::string req = request_name(requests, index);
  if (io == LineChannel::Io::Timeout) {
    fail("QEMU did not answer '" + req + "' within " + describe_timeout(channel_.timeout()), true);
  }
  std::string why = "QEMU closed the qtest connection before answering '" + req + "'";
  if (channel_.last_error() != 0) why += std::string(" (") + std::strerror(channel_.last_error()) + ")";
  fail(why);
}

void QtestClient::note_irq(std::string_view line, std::string_view requests, std::size_t index) {
  // "IRQ raise N" / "IRQ lower N"
  const bool raise = starts_with(line, "IRQ raise ");
  if (!raise && !starts_with(line, "IRQ lower ")) {
    fail("QEMU sent '" + std::string(line) + "' while answering '" + request_name(requests, index) + "'");
  }
  const std::string_view num = line.substr(10);
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
  if (ec != std::errc() || end != num.data() + num.size() || num.empty() || n >= kMaxIrqLine) {
    fail("QEMU sent a malformed IRQ line '" + std::string(line) + "'");
  }
  if (!raise) return;
  raises_.push_back(n);
  if (raise_counts_.size() <= n) raise_counts_.resize(n + 1);
  ++raise_counts_[n];
}

template <class OnReply>
void QtestClient::exchange(std::string_view requests, std::size_t count, OnReply&& on_reply) {
  if (!broken_.empty()) throw DeviceFailure(broken_);
  const LineChannel::Io sent = channel_.send_all(requests);
  if (sent != LineChannel::Io::Ok) {
    // Replies already received do not matter: name the first request.
    fail_io(sent, requests, 0);
  }
  for (std::size_t i = 0; i < count; ++i) {
    const auto deadline = Clock::now() + channel_.timeout();
    for (;;) {
      std::string_view line;
      const LineChannel::Io io = channel_.read_line(line, deadline);
      if (io != LineChannel::Io::Ok) fail_io(io, requests, i);
      if (starts_with(line, "IRQ ")) {
        note_irq(line, requests, i);
        continue;
      }
      QtestReply::Status status{};
      std::string_view text;
      if (!parse_status(line, status, text)) {
        fail("QEMU answered '" + request_name(requests, i) + "' with '" + std::string(line.substr(0, 80)) +
             "', which is not a qtest reply");
      }
      on_reply(i, status, text);
      break;
    }
  }
}

void QtestClient::expect_ok(std::string_view requests, std::size_t index, QtestReply::Status status,
                            std::string_view text) {
  if (status == QtestReply::Status::Ok) return;
  fail("QEMU answered '" + std::string(status_word(status)) + " " + std::string(text) + "' to '" +
       request_name(requests, index) + "'");
}

QtestReply QtestClient::request(std::string_view line) {
  const std::string why = check_request(line);
  if (!why.empty()) throw QtestRequestRefused("refused qtest request '" + std::string(line) + "': " + why);
  out_.assign(line);
  out_ += '\n';
  QtestReply reply;
  exchange(out_, 1, [&](std::size_t, QtestReply::Status s, std::string_view text) {
    reply.status = s;
    reply.text.assign(text);
  });
  return reply;
}

std::vector<QtestReply> QtestClient::pipeline(std::span<const std::string> lines) {
  std::size_t total = 0;
  for (const std::string& line : lines) {
    const std::string why = check_request(line);
    if (!why.empty()) throw QtestRequestRefused("refused qtest request '" + line + "': " + why);
    total += line.size() + 1;
  }
  std::string batch;
  batch.reserve(total);
  for (const std::string& line : lines) {
    batch += line;
    batch += '\n';
  }
  std::vector<QtestReply> replies(lines.size());
  exchange(batch, lines.size(), [&](std::size_t i, QtestReply::Status s, std::string_view text) {
    replies[i].status = s;
    replies[i].text.assign(text);
  });
  return replies;
}

std::uint64_t QtestClient::read_value(std::string_view cmd, std::uint64_t addr) {
  char num[18];
  out_.assign(cmd);
  out_ += ' ';
  out_.append(num, format_hex(num, addr));
  out_ += '\n';
  std::uint64_t value = 0;
  exchange(out_, 1, [&](std::size_t i, QtestReply::Status s, std::string_view text) {
    expect_ok(out_, i, s, text);
    if (!parse_hex_value(text, value)) {
      fail("QEMU answered '" + request_name(out_, 0) + "' with 'OK " + std::string(text) + "', not a number");
    }
  });
  return value;
}

void QtestClient::write_value(std::string_view cmd, std::uint64_t addr, std::uint64_t value) {
  char num[18];
  out_.assign(cmd);
  out_ += ' ';
  out_.append(num, format_hex(num, addr));
  out_ += ' ';
  out_.append(num, format_hex(num, value));
  out_ += '\n';
  exchange(out_, 1, [&](std::size_t i, QtestReply::Status s, std::string_view text) { expect_ok(out_, i, s, text); });
}

std::vector<std::uint64_t> QtestClient::readl_batch(std::span<const std::uint64_t> addrs) {
  std::string batch;
  batch.reserve(addrs.size() * 18);
  char num[18];
  for (std::uint64_t a : addrs) {
    batch += "readl ";
    batch.append(num, format_hex(num, a));
    batch += '\n';
  }
  std::vector<std::uint64_t> values(addrs.size());
  exchange(batch, addrs.size(), [&](std::size_t i, QtestReply::Status s, std::string_view text) {
    expect_ok(batch, i, s, text);
    if (!parse_hex_value(text, values[i])) {
      fail("QEMU answered '" + request_name(batch, i) + "' with 'OK " + std::string(text) + "', not a number");
    }
  });
  return values;
}

void QtestClient::write_memory(std::uint64_t addr, std::span<const std::uint8_t> data) {
  if (data.empty()) return;
  const std::size_t chunks = (data.size() + kWriteChunk - 1) / kWriteChunk;
  std::string batch;
  batch.reserve(chunks * (40 + 2 * kWriteChunk));
  char num[18];
  for (std::size_t off = 0; off < data.size(); off += kWriteChunk) {
    const std::size_t len = std::min(kWriteChunk, data.size() - off);
    batch += "write ";
    batch.append(num, format_hex(num, addr + off));
    batch += ' ';
    batch.append(num, format_hex(num, len));
    batch += ' ';
    append_hex_bytes(batch, data.data() + off, len);
    batch += '\n';
  }
  exchange(batch, chunks, [&](std::size_t i, QtestReply::Status s, std::string_view text) {
    expect_ok(batch, i, s, text);
  });
}

std::vector<std::uint8_t> QtestClient::read_memory(std::uint64_t addr, std::uint32_t len) {
  std::vector<std::uint8_t> bytes(len);
  if (len == 0) return bytes;
  if (len > kMaxQtestTransfer) {
    throw QtestRequestRefused("refused qtest read of " + std::to_string(len) + " bytes (at most " +
                              std::to_string(kMaxQtestTransfer) + ")");
  }
  char num[18];
  out_.assign("read ");
  out_.append(num, format_hex(num, addr));
  out_ += ' ';
  out_.append(num, format_hex(num, len));
  out_ += '\n';
  exchange(out_, 1, [&](std::size_t i, QtestReply::Status s, std::string_view text) {
    expect_ok(out_, i, s, text);
    bool good = text.size() == 2 + 2 * std::size_t{len} && text.substr(0, 2) == "0x";
    for (std::size_t b = 0; good && b < len; ++b) {
      const char* p = text.data() + 2 + 2 * b;
      good = std::from_chars(p, p + 2, bytes[b], 16).ptr == p + 2;
    }
    if (!good) fail("QEMU answered '" + request_name(out_, 0) + "' with malformed data");
  });
  return bytes;
}

void QtestClient::memset(std::uint64_t addr, std::uint64_t len, std::uint8_t byte) {
  if (len == 0) return;
  std::string batch;
  char num[18];
  std::size_t count = 0;
  for (std::uint64_t off = 0; off < len; off += kMaxQtestTransfer, ++count) {
    batch += "memset ";
    batch.append(num, format_hex(num, addr + off));
    batch += ' ';
    batch.append(num, format_hex(num, std::min<std::uint64_t>(kMaxQtestTransfer, len - off)));
    batch += ' ';
    batch.append(num, format_hex(num, byte));
    batch += '\n';
  }
  exchange(batch, count, [&](std::size_t i, QtestReply::Status s, std::string_view text) {
    expect_ok(batch, i, s, text);
  });
}

std::vector<unsigned> QtestClient::take_irq_raises() {
  std::vector<unsigned> out;
  out.swap(raises_);
  return out;
}

}  // namespace cts::harness::qemu
