// SPDX-License-Identifier: MIT
// ProgressBar (see progress_bar.h).
#include "cmdqv_cts/harness/progress_bar.h"

namespace cts::harness {

void ProgressBar::update(std::uint32_t done, std::uint32_t total) {
  if (!enabled_ || total == 0) return;
  const int permille = static_cast<int>(1000ull * done / total);
  if (permille == last_permille_) return;  // redraw only when the bar moves: a terminal is slow
  last_permille_ = permille;
  constexpr int kWidth = 30;
  const int filled = permille * kWidth / 1000;
  os_ << "\r  [" << std::string(static_cast<std::size_t>(filled), '#')
      << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << done << "/" << total
      << " " << label_ << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  os_ << "\r" << std::string(label_.size() + 60, ' ') << "\r" << std::flush;
  drawn_ = false;
}

}  // namespace cts::harness
