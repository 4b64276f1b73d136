// SPDX-License-Identifier: MIT
// Reading the trace tests' data files (tests/data).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace cts::trace {

inline std::string data_path(const std::string& name) {
  return std::string(CTS_TRACE_TEST_DATA) + "/" + name;
}

inline std::string read_data(const std::string& name) {
  std::ifstream in(data_path(name), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace cts::trace
