// SPDX-License-Identifier: MIT
#include "sanitizer_report.h"

#include <regex>
#include <sstream>

namespace cts::kshim {
namespace {

bool parse_frame(const std::string& line, Frame& f) {
  // "    #3 0x7f.. in tegra241_vintf0_handle_error /path/tegra241-cmdqv.c:266:13"
  static const std::regex re(R"(^\s*#\d+ 0x[0-9a-f]+ in (\S+)(?: (\S+))?)");
  std::smatch m;
  if (!std::regex_search(line, m, re)) return false;
  f.function = m[1];
  std::string loc = m[2];
  if (const auto slash = loc.rfind('/'); slash != std::string::npos) loc = loc.substr(slash + 1);
  f.location = loc;
  return true;
}

}  // namespace

SanitizerReport parse_sanitizer_report(const std::string& output) {
  SanitizerReport r;
  std::istringstream in(output);
  static const std::regex head(
      R"(ERROR: (?:AddressSanitizer|LeakSanitizer): ([A-Za-z-]+)(?: on (?:unknown )?address (0x[0-9a-f]+))?)");
  static const std::regex ubsan(R"(runtime error: (.*))");
  static const std::regex access(R"(^(READ|WRITE) (of size \d+|memory access))");
  enum { kNone, kStack, kFreed, kOther } section = kNone;
  int excerpt_lines = 0;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!r.present && std::regex_search(line, m, head)) {
      r.present = true;
      r.kind = m[1];
      r.address = m[2];
      section = kStack;
    } else if (!r.present && std::regex_search(line, m, ubsan)) {
      r.present = true;
      r.kind = "undefined-behaviour: " + std::string(m[1]);
      section = kStack;
    }
    if (!r.present) continue;
    if (line.rfind("@kshim", 0) == 0) continue;
    if (excerpt_lines < 40) {
      r.excerpt += line + "\n";
      ++excerpt_lines;
    }
    if (std::regex_search(line, m, access) && r.access.empty())
      r.access = m[1].str() + " " + m[2].str();
    if (line.find("The signal is caused by a") != std::string::npos && r.access.empty()) {
      r.access =
          line.find("WRITE") != std::string::npos ? "WRITE memory access" : "READ memory access";
    }
    if (line.find("freed by thread") != std::string::npos)
      section = kFreed;
    else if (line.find("previously allocated by") != std::string::npos ||
             line.find("SUMMARY:") != std::string::npos)
      section = kOther;
    Frame f;
    if (parse_frame(line, f)) {
      if (section == kStack) r.stack.push_back(f);
      if (section == kFreed) r.freed.push_back(f);
    } else if (section == kStack && !r.stack.empty() &&
               line.find_first_not_of(" \t") == std::string::npos) {
      section = kOther;  // the faulting stack ended
    }
  }
  return r;
}

std::vector<Frame> kernel_frames(const std::vector<Frame>& stack) {
  std::vector<Frame> out;
  for (const Frame& f : stack) {
    if (f.function.find("kshim_irq_raise") != std::string::npos) break;
    if (f.location.find("tegra241-cmdqv.c") != std::string::npos || f.location.find("smmu_") == 0 ||
        f.location.find("acpi_resources.c") == 0) {
      out.push_back(f);
    }
  }
  return out;
}

std::string join_frames(const std::vector<Frame>& frames, const std::string& sep) {
  std::string s;
  for (const Frame& f : frames)
    s += (s.empty() ? "" : sep) + f.function + (f.location.empty() ? "" : " (" + f.location + ")");
  return s;
}

}  // namespace cts::kshim
