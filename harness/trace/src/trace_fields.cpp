// SPDX-License-Identifier: MIT
// Trace field syntax (see trace_fields.h) and the shared names of trace_event.h.
#include "trace_fields.h"

#include <charconv>

namespace cts::trace {

bool parse_bare_hex(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.size() > 16) return false;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
  return ec == std::errc() && p == text.data() + text.size();
}

bool parse_hex(std::string_view text, std::uint64_t& out) {
  if (text.size() < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return false;
  return parse_bare_hex(text.substr(2), out);
}

bool parse_decimal(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 10);
  return ec == std::errc() && p == text.data() + text.size();
}

bool parse_hex_bytes(std::string_view text, std::vector<std::uint8_t>& out) {
  out.clear();
  if (text.empty() || text.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    std::uint8_t b = 0;
    const auto [p, ec] = std::from_chars(text.data() + i, text.data() + i + 2, b, 16);
    if (ec != std::errc() || p != text.data() + i + 2) return false;
    out.push_back(b);
  }
  return true;
}

std::string hex_bytes(const std::vector<std::uint8_t>& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    s += kDigits[b >> 4];
    s += kDigits[b & 0xF];
  }
  return s;
}

const char* region_name(model::Region r) {
  return r == model::Region::Smmu ? "smmu" : "cmdqv";
}

bool region_from_name(std::string_view name, model::Region& out) {
  if (name == "smmu")
    out = model::Region::Smmu;
  else if (name == "cmdqv")
    out = model::Region::Cmdqv;
  else
    return false;
  return true;
}

std::string queue_name(const QueueId& q) {
  return q.smmu ? "smmu" : "vcmdq" + std::to_string(q.vcmdq);
}

bool queue_from_name(std::string_view name, QueueId& out) {
  if (name == "smmu") {
    out = QueueId{};
    return true;
  }
  std::uint64_t n = 0;
  if (name.substr(0, 5) != "vcmdq" || !parse_decimal(name.substr(5), n) || n > 127) return false;
  out = QueueId{false, static_cast<std::uint32_t>(n)};
  return true;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

const char* irq_name(model::IrqLine line) {
  switch (line) {
    case model::IrqLine::SmmuCmdqSync:
      return "cmdq-sync";
    case model::IrqLine::SmmuGerror:
      return "gerror";
    case model::IrqLine::CmdqvError:
      return "cmdqv-error";
  }
  return "?";
}

bool irq_from_name(const std::string& name, model::IrqLine& out) {
  for (model::IrqLine l :
       {model::IrqLine::SmmuCmdqSync, model::IrqLine::SmmuGerror, model::IrqLine::CmdqvError}) {
    if (name == irq_name(l)) {
      out = l;
      return true;
    }
  }
  return false;
}

}  // namespace cts::trace
