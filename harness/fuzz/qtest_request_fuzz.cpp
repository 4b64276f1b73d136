// SPDX-License-Identifier: MIT
// Fuzz target: the qtest request checker, the guard that keeps a line that would abort QEMU 7.2
// from being sent. It must answer every line; a line it accepts must have no control character.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cmdqv_cts/harness/qemu/qtest_request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const std::string why = cts::harness::qemu::check_request(line);
  if (why.empty() && line.find_first_of(std::string_view("\n\r\t\0", 4)) != std::string_view::npos)
    std::abort();
  return 0;
}
