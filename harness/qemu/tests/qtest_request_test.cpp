// SPDX-License-Identifier: MIT
// check_request and the request formatters: what would abort QEMU 7.2 is never sent.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "cmdqv_cts/harness/qemu/qtest_request.h"

namespace cts::harness::qemu {
namespace {

TEST(QtestRequest, AcceptsWellFormedRequests) {
  for (const char* ok : {"readl 0x9050000", "readq 0x9050090", "readb 0", "readw 017", "readl 151322624",
                         "writel 0x9050020 0x8", "writeq 0x9050090 0xffffffffffffffff", "writeb 0x40000000 255",
                         "read 0x40000000 16", "write 0x40000000 2 0x0102", "write 0x40000000 4 0x01",
                         "memset 0x40000000 0x1000 0", "b64read 0x40000000 4", "b64write 0x40000000 3 AQID",
                         "inb 0x3f8", "outw 0xffff 0xffff", "irq_intercept_in /machine/unattached/device[1]",
                         "set_irq_in /machine/x name 3 1", "endianness", "readl 0X9050000"}) {
    EXPECT_EQ(check_request(ok), "") << ok;
  }
}

TEST(QtestRequest, RefusesWhatWouldAbortQemu) {
  for (const char* bad : {"",
                          "readl",                                  // missing argument (g_assert)
                          "readl 0xZZ",                             // malformed number
                          "readl 0x",                               // "0x" alone
                          "readl 08",                               // bad octal
                          "readl -1",                               // sign
                          "readl +1",                               //
                          "readl 0x10000000000000000",              // beyond 64 bits
                          "readl  0x9050000",                       // empty word
                          "readl 0x9050000 ",                       // trailing space
                          "readl 0x9050000\n",                      // embedded newline
                          "readl 0x9050000 1",                      // extra argument
                          "writel 0x9050020 0x100000000",           // value wider than 32 bits
                          "writeb 0x40000000 256",                  //
                          "read 0x40000000 0",                      // SIZE 0 aborts
                          "read 0x40000000 0x2000000",              // absurd size
                          "write 0x40000000 0 0x",                  // SIZE 0, short data
                          "write 0x40000000 1 0x",                  // data under 3 characters
                          "write 0x40000000 1 0x1",                 // half a byte
                          "write 0x40000000 1 0x0102",              // more data than SIZE
                          "write 0x40000000 2 0x01zz",              // not hex
                          "write 0x40000000 2 0102",                // no 0x
                          "memset 0x40000000 16 256",               // not a byte
                          "memset 0x40000000 0 0",                  //
                          "b64write 0x40000000 3 AQ?D",             //
                          "inb 0x10000",                            // port > 0xFFFF asserts
                          "outl 0x10000 1",                         //
                          "irq_intercept_in",                       //
                          "clock_step",                             // not available without accel qtest
                          "bogus 1"}) {
    EXPECT_NE(check_request(bad), "") << "'" << bad << "' was accepted";
  }
}

TEST(QtestRequest, FormatsNumbersAndData) {
  char buf[18];
  EXPECT_EQ(std::string(buf, format_hex(buf, 0)), "0x0");
  EXPECT_EQ(std::string(buf, format_hex(buf, 0x9050000)), "0x9050000");
  EXPECT_EQ(std::string(buf, format_hex(buf, ~std::uint64_t{0})), "0xffffffffffffffff");
  std::string out = "write 0x40000000 3 ";
  const std::uint8_t data[] = {0x46, 0x0a, 0xff};
  append_hex_bytes(out, data, sizeof data);
  EXPECT_EQ(out, "write 0x40000000 3 0x460aff");
  EXPECT_EQ(check_request(out), "");
}

}  // namespace
}  // namespace cts::harness::qemu
