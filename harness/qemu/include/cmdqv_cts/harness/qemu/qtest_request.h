// SPDX-License-Identifier: MIT
// Checking and formatting qtest request lines, so that nothing sent can abort QEMU 7.2.
#pragma once

// QEMU 7.2 aborts on a malformed number, a missing argument or SIZE 0, so every line is
// checked here before it is sent.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cts::harness::qemu {

// A request the client refuses to send (it would abort QEMU or is not one this client speaks).
class QtestRequestRefused : public std::invalid_argument {
 public:
  explicit QtestRequestRefused(const std::string& what) : std::invalid_argument(what) {}
};

// Largest SIZE accepted for read/write/memset/b64read/b64write (QEMU allocates SIZE bytes).
inline constexpr std::uint64_t kMaxQtestTransfer = 16u << 20;

// Empty if `line` (without its newline) is a well-formed request this client may send;
// otherwise why not. Accepted: readb/w/l/q ADDR; writeb/w/l/q ADDR VALUE (VALUE fits the
// width); read ADDR SIZE; write ADDR SIZE 0xHEX (1..SIZE bytes); memset ADDR SIZE BYTE;
// b64read ADDR SIZE; b64write ADDR SIZE B64; inb/w/l PORT; outb/w/l PORT VALUE (PORT <= 0xFFFF);
// irq_intercept_in/out QOM-PATH; set_irq_in QOM-PATH NAME NUM LEVEL; endianness. Numbers are
// unsigned decimal, 0octal or 0xhex within 64 bits, as QEMU's base-0 parser takes them; words
// are separated by exactly one space.
std::string check_request(std::string_view line);

// The number as a qtest argument: "0x" and lower-case hex digits. Writes at most 18 characters.
std::size_t format_hex(char* out, std::uint64_t v);

// Appends "0x" and the bytes as hex, in memory order (the `write` command's data argument).
void append_hex_bytes(std::string& out, const std::uint8_t* data, std::size_t len);

}  // namespace cts::harness::qemu
