// SPDX-License-Identifier: MIT
// Reads what a schedule's child process printed: the sanitizer's report (kind, access, the
// stack of the faulting access and where the memory was freed), kshim's findings and the
// lifecycle's structured lines ("@kshim ...").
#pragma once

#include <string>
#include <vector>

namespace cts::kshim {

struct Frame {
  std::string function;
  std::string location;  // file:line
};

struct SanitizerReport {
  bool present = false;
  std::string kind;          // heap-use-after-free, SEGV, heap-buffer-overflow, ...
  std::string access;        // "READ of size 8", "READ memory access", ...
  std::string address;       // the bad address as printed
  std::vector<Frame> stack;  // the faulting stack, innermost first
  std::vector<Frame> freed;  // for use-after-free: where it was freed
  std::string excerpt;       // the report's first lines
};

SanitizerReport parse_sanitizer_report(const std::string& output);

// The frames that belong to the kernel side (the driver and kshim's stand-ins), innermost
// first, up to the frame that raised the IRQ: the ISR path of a preempting run.
std::vector<Frame> kernel_frames(const std::vector<Frame>& stack);
std::string join_frames(const std::vector<Frame>& frames, const std::string& sep);

}  // namespace cts::kshim
