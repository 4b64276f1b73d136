// SPDX-License-Identifier: MIT
// Fuzz entry point for the trace readers: any input must either parse or be rejected with a
// TraceError (file:line); a cts-trace that parses must survive a write/parse round trip
// unchanged and must be checkable (a verdict or a TraceError, never a crash).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "cmdqv_cts/spec/loader.h"
#include "cmdqv_cts/trace/csv_adapter.h"
#include "cmdqv_cts/trace/cts_trace_format.h"
#include "cmdqv_cts/trace/qemu_log_adapter.h"
#include "cmdqv_cts/trace/trace_checker.h"

namespace {

using namespace cts::trace;

const std::shared_ptr<const cts::spec::Spec>& the_spec() {
  static const auto s = std::make_shared<const cts::spec::Spec>(cts::spec::load_embedded_spec());
  return s;
}

void round_trip(const Trace& t) {
  std::ostringstream out;
  write_cts_trace(out, t);
  const Trace again = parse_cts_trace(out.str(), "round-trip");
  if (again.events.size() != t.events.size()) std::abort();
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    if (format_event(again.events[i]) != format_event(t.events[i])) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const Trace t = parse_cts_trace(text, "fuzz");
    round_trip(t);
    if (t.events.size() <= 64)
      (void)check_trace(the_spec(), t, CheckOptions{});  // bounded work per input
  } catch (const TraceError&) {
  }
  try {
    (void)parse_qemu_log(text, "fuzz");
  } catch (const TraceError&) {
  }
  try {
    (void)parse_csv_trace(text, "fuzz");
  } catch (const TraceError&) {
  }
  return 0;
}
