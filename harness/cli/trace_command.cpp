// SPDX-License-Identifier: MIT
// `cmdqv-cts trace FILE [--format cts|qemu|csv] [--profile P]`: judges a recorded trace
// against the reference model. Exit 0 = the trace conforms, 1 = a violation, 2 = the trace
// cannot be read or is for another device, or a bad flag.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cmdqv_cts/trace/csv_adapter.h"
#include "cmdqv_cts/trace/cts_trace_format.h"
#include "cmdqv_cts/trace/qemu_log_adapter.h"
#include "cmdqv_cts/trace/trace_checker.h"
#include "cmdqv_cts/trace/trace_report.h"
#include "commands.h"

namespace cts::cli {

int check_trace_file(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  const std::string& file = o.positional.front();
  if (o.profiles_given && o.profiles.size() != 1)
    throw harness::UsageError("trace: give one --profile");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw harness::UsageError("trace: cannot read '" + file + "'");
  std::ostringstream text;
  text << in.rdbuf();
  trace::CheckOptions options;
  if (o.profiles_given) options.profile = o.profiles.front();
  try {
    const trace::Trace t = o.trace_format == "qemu"  ? trace::parse_qemu_log(text.str(), file)
                           : o.trace_format == "csv" ? trace::parse_csv_trace(text.str(), file)
                                                     : trace::parse_cts_trace(text.str(), file);
    const trace::TraceVerdict v = trace::check_trace(s, t, options);
    trace::print_trace_verdict(std::cout, t, v);
    std::cout << "cmdqv-cts: trace " << (v.conforms() ? "PASS" : "FAIL") << "\n";
    return v.conforms() ? kConforms : kNonConformance;
  } catch (const trace::TraceError& e) {
    std::cerr << "cmdqv-cts: unreadable trace: " << e.what() << "\n";
    return kConfigError;
  }
}

}  // namespace cts::cli
