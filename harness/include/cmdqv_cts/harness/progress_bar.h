// SPDX-License-Identifier: MIT
// A one-line progress bar for a terminal, redrawn in place; nothing at all when disabled (the
// output is a file or a CI log, where the verdict lines say everything).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace cts::harness {

class ProgressBar {
 public:
  ProgressBar(std::ostream& os, std::string label, bool enabled)
      : os_(os), label_(std::move(label)), enabled_(enabled) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::uint32_t done, std::uint32_t total);
  // Clears the line, so that the report that follows starts on a clean line.
  void finish();

 private:
  std::ostream& os_;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  int last_permille_ = -1;
};

}  // namespace cts::harness
