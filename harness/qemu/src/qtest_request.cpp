// SPDX-License-Identifier: MIT
// Checking and formatting qtest request lines (see qtest_request.h).
#include "cmdqv_cts/harness/qemu/qtest_request.h"

#include <array>
#include <charconv>
#include <limits>
#include <optional>
#include <vector>

namespace cts::harness::qemu {

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// QEMU's qemu_strtou64(s, NULL, 0, &v): the whole word, base from the prefix. Signs and
// spaces are refused here although strtoull would take them.
std::optional<std::uint64_t> parse_number(std::string_view s) {
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (;;) {
    const std::size_t sp = line.find(' ', start);
    words.push_back(line.substr(start, sp == std::string_view::npos ? std::string_view::npos : sp - start));
    if (sp == std::string_view::npos) return words;
    start = sp + 1;
  }
}

struct Checker {
  const std::vector<std::string_view>& w;
  std::string why;

  bool count(std::size_t args) {
    if (w.size() == args + 1) return true;
    why = "'" + std::string(w[0]) + "' takes " + std::to_string(args) + " argument(s), got " +
          std::to_string(w.size() - 1);
    return false;
  }
  bool number(std::size_t i, const char* what, std::uint64_t max = std::numeric_limits<std::uint64_t>::max(),
              std::uint64_t min = 0) {
    const auto v = parse_number(w[i]);
    if (!v) {
      why = std::string(what) + " '" + std::string(w[i]) + "' is not a number (decimal, 0octal or 0xhex, 64 bits)";
      return false;
    }
    if (*v > max || *v < min) {
      why = std::string(what) + " " + std::string(w[i]) + " is out of range [" + std::to_string(min) + ", " +
            std::to_string(max) + "]";
      return false;
    }
    return true;
  }
  bool word(std::size_t i, const char* what) {
    if (!w[i].empty()) return true;
    why = std::string("empty ") + what;
    return false;
  }
  bool hex_data(std::size_t size_word, std::size_t data_word) {
    const std::uint64_t size = *parse_number(w[size_word]);
    std::string_view d = w[data_word];
    if (d.size() < 4 || d[0] != '0' || (d[1] != 'x' && d[1] != 'X')) {
      why = "data must be 0x followed by at least one byte in hex";
      return false;
    }
    d.remove_prefix(2);
    for (char c : d) {
      if (!is_hex(c)) {
        why = "data has a non-hex character";
        return false;
      }
    }
    if (d.size() % 2 != 0 || d.size() / 2 > size) {
      why = "data must be whole bytes, at most SIZE of them";
      return false;
    }
    return true;
  }
  bool base64(std::size_t i) {
    if (w[i].empty()) {
      why = "empty base64 data";
      return false;
    }
    for (char c : w[i]) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                      c == '/' || c == '=';
      if (!ok) {
        why = "data is not base64";
        return false;
      }
    }
    return true;
  }
};

std::uint64_t width_max(char suffix) {
  switch (suffix) {
    case 'b': return 0xFF;
    case 'w': return 0xFFFF;
    case 'l': return 0xFFFFFFFF;
    default: return std::numeric_limits<std::uint64_t>::max();
  }
}

}  // namespace

std::string check_request(std::string_view line) {
  for (char c : line) {
    if (c == '\n' || c == '\r' || c == '\0' || c == '\t') return "control character in the request";
  }
  const std::vector<std::string_view> w = split_words(line);
  for (std::string_view word : w) {
    if (word.empty()) return "words must be separated by exactly one space";
  }
  Checker c{w, {}};
  const std::string_view cmd = w[0];
  constexpr std::uint64_t kPortMax = 0xFFFF;
  constexpr std::uint64_t kIntMax = 0x7FFFFFFF;
  bool ok = false;
  if (cmd == "readb" || cmd == "readw" || cmd == "readl" || cmd == "readq") {
    ok = c.count(1) && c.number(1, "address");
  } else if (cmd == "writeb" || cmd == "writew" || cmd == "writel" || cmd == "writeq") {
    ok = c.count(2) && c.number(1, "address") && c.number(2, "value", width_max(cmd.back()));
  } else if (cmd == "read" || cmd == "b64read") {
    ok = c.count(2) && c.number(1, "address") && c.number(2, "size", kMaxQtestTransfer, 1);
  } else if (cmd == "write") {
    ok = c.count(3) && c.number(1, "address") && c.number(2, "size", kMaxQtestTransfer, 1) && c.hex_data(2, 3);
  } else if (cmd == "b64write") {
    ok = c.count(3) && c.number(1, "address") && c.number(2, "size", kMaxQtestTransfer, 1) && c.base64(3);
  } else if (cmd == "memset") {
    ok = c.count(3) && c.number(1, "address") && c.number(2, "size", kMaxQtestTransfer, 1) &&
         c.number(3, "byte", 0xFF);
  } else if (cmd == "inb" || cmd == "inw" || cmd == "inl") {
    ok = c.count(1) && c.number(1, "port", kPortMax);
  } else if (cmd == "outb" || cmd == "outw" || cmd == "outl") {
    ok = c.count(2) && c.number(1, "port", kPortMax) && c.number(2, "value", width_max(cmd.back()));
  } else if (cmd == "irq_intercept_in" || cmd == "irq_intercept_out") {
    ok = c.count(1) && c.word(1, "QOM path");
  } else if (cmd == "set_irq_in") {
    ok = c.count(4) && c.word(1, "QOM path") && c.word(2, "name") && c.number(3, "line", kIntMax) &&
         c.number(4, "level", kIntMax);
  } else if (cmd == "endianness") {
    ok = c.count(0);
  } else {
    return "'" + std::string(cmd) + "' is not a qtest command this client sends";
  }
  return ok ? std::string() : c.why;
}

std::size_t format_hex(char* out, std::uint64_t v) {
  out[0] = '0';
  out[1] = 'x';
  const auto r = std::to_chars(out + 2, out + 18, v, 16);
  return static_cast<std::size_t>(r.ptr - out);
}

void append_hex_bytes(std::string& out, const std::uint8_t* data, std::size_t len) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const std::size_t at = out.size();
  out.resize(at + 2 + 2 * len);
  char* p = out.data() + at;
  *p++ = '0';
  *p++ = 'x';
  for (std::size_t i = 0; i < len; ++i) {
    *p++ = kDigits[data[i] >> 4];
    *p++ = kDigits[data[i] & 0xF];
  }
}

}  // namespace cts::harness::qemu
