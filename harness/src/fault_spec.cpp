// SPDX-License-Identifier: MIT
// Parsing the fault of a faulty: device string (see fault_spec.h).
#include "cmdqv_cts/harness/fault_spec.h"

#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

#include "cmdqv_cts/harness/cli_options.h"

namespace cts::harness {
namespace {

struct KindInfo {
  std::string_view name;
  FaultKind kind;
  std::vector<std::string_view> keys;
  double p;  // default probability
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> k = {
      {"dma-abort", FaultKind::DmaAbort, {"p", "seed"}, 0.05},
      {"bus-error", FaultKind::BusError, {"p", "seed"}, 0.01},
      {"slow", FaultKind::Slow, {"ms", "every"}, 0},
      {"random-reads", FaultKind::RandomReads, {"p", "seed"}, 0.01},
      {"die-after", FaultKind::DieAfter, {"calls"}, 0},
      {"nondeterministic", FaultKind::Nondeterministic, {"p", "seed"}, 0.05},
  };
  return k;
}

std::uint64_t to_threshold(double p) {
  constexpr double kTwo64 = 18446744073709551616.0;
  return p >= 1.0 ? UINT64_MAX : static_cast<std::uint64_t>(p * kTwo64);
}

[[noreturn]] void bad(const std::string& fault, const std::string& why) {
  throw UsageError("--device faulty:" + fault + ": " + why);
}

std::uint64_t integer(const std::string& fault, std::string_view key, std::string_view v,
                      std::uint64_t min, std::uint64_t max) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < min || n > max) {
    bad(fault, std::string(key) + ": expected a number in " + std::to_string(min) + ".." +
                   std::to_string(max) + ", got '" + std::string(v) + "'");
  }
  return n;
}

double probability(const std::string& fault, std::string_view v) {
  double p = -1;
  const auto [end, ec] =
      std::from_chars(v.data(), v.data() + v.size(), p, std::chars_format::fixed);
  if (v.empty() || v[0] == '-' || ec != std::errc() || end != v.data() + v.size() ||
      !std::isfinite(p) || p > 1) {
    bad(fault, "p: expected a probability in [0, 1] (e.g. 0.05), got '" + std::string(v) + "'");
  }
  return p;
}

}  // namespace

const char* fault_kinds() {
  return "dma-abort, bus-error, slow, random-reads, die-after, nondeterministic";
}

FaultSpec parse_fault_spec(const std::string& text) {
  const std::size_t at = text.find('@');
  const std::string_view name = std::string_view(text).substr(0, at);
  const KindInfo* info = nullptr;
  for (const KindInfo& k : kinds()) {
    if (k.name == name) info = &k;
  }
  if (!info) bad(text, "unknown fault '" + std::string(name) + "' (known: " + fault_kinds() + ")");
  FaultSpec f;
  f.kind = info->kind;
  f.threshold = to_threshold(info->p);
  bool have_ms = false, have_calls = false;
  const std::string_view params =
      at == std::string::npos ? std::string_view() : std::string_view(text).substr(at + 1);
  if (at != std::string::npos && params.empty()) bad(text, "nothing after '@' (KEY=VALUE,...)");
  std::vector<std::string_view> seen;
  for (std::size_t start = 0; at != std::string::npos && start <= params.size();) {
    const std::size_t comma = params.find(',', start);
    const std::string_view item =
        params.substr(start, comma == std::string_view::npos ? comma : comma - start);
    const std::size_t eq = item.find('=');
    const std::string_view key = item.substr(0, eq);
    if (eq == std::string_view::npos) bad(text, "'" + std::string(item) + "' is not KEY=VALUE");
    const std::string_view v = item.substr(eq + 1);
    bool known = false;
    for (std::string_view k : info->keys) known = known || k == key;
    if (!known) {
      std::string keys;
      for (std::string_view k : info->keys) keys += (keys.empty() ? "" : ", ") + std::string(k);
      bad(text, "unknown key '" + std::string(key) + "' for " + std::string(name) +
                    " (known: " + keys + ")");
    }
    for (std::string_view s : seen) {
      if (s == key) bad(text, "key '" + std::string(key) + "' given twice");
    }
    seen.push_back(key);
    if (key == "p") f.threshold = to_threshold(probability(text, v));
    if (key == "seed") f.seed = integer(text, key, v, 0, UINT64_MAX);
    if (key == "ms") f.ms = integer(text, key, v, 0, 3'600'000);
    if (key == "every") f.every = integer(text, key, v, 1, UINT64_MAX);
    if (key == "calls") f.calls = integer(text, key, v, 0, UINT64_MAX);
    have_ms = have_ms || key == "ms";
    have_calls = have_calls || key == "calls";
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (f.kind == FaultKind::Slow && !have_ms) bad(text, "slow needs ms=N (how late each answer is)");
  if (f.kind == FaultKind::DieAfter && !have_calls)
    bad(text, "die-after needs calls=N (how many calls it survives)");
  return f;
}

}  // namespace cts::harness
