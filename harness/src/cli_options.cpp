// SPDX-License-Identifier: MIT
// cmdqv-cts command-line parsing (see cli_options.h).
#include "cmdqv_cts/harness/cli_options.h"

#include <charconv>

#include "cmdqv_cts/harness/device_factory.h"

namespace cts::harness {
namespace {

std::uint64_t number(const std::string& flag, const std::string& text, std::uint64_t min, std::uint64_t max) {
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    throw UsageError(flag + ": expected a number in " + std::to_string(min) + ".." + std::to_string(max) +
                     ", got '" + text + "'");
  }
  return v;
}

void parse_profiles(const std::string& text, CliOptions& o) {
  o.profiles.clear();
  o.profiles_given = text != "all";
  if (text == "all") return;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    Profile p{};
    if (!profile_from_string(item, p)) {
      throw UsageError("--profile: unknown profile '" + item + "' (known: smmuv3, cmdqv-host, cmdqv-guest, all)");
    }
    o.profiles.push_back(p);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

}  // namespace

const char* usage_text() {
  return "usage: cmdqv-cts COMMAND [options]\n"
         "commands:\n"
         "  run     check devices against the reference model, clause by clause\n"
         "  list [clauses|devices]   the spec's clauses (confidence, source), or the devices\n"
         "  repro FILE.yaml...   replay saved scenarios (spec/scenarios/, --save-failures) on devices\n"
         "  trace FILE [--format cts|qemu|csv] [--profile P]   judge a recorded trace\n"
         "  prove [--only GLOB] [--details] [--list] [--json FILE]   the Z3 proof obligations\n"
         "  prove --emit-tests DIR   a Z3 witness per branch of each clause, as directed tests\n"
         "  bench   measure the reference model's throughput\n"
         "  help    this text\n"
         "options:\n"
         "  --device DEVICE                  device under test, repeatable (default: model):\n"
         "                                   model[:OPTS] plugin:PATH.so[:OPTS] zoo:NAME[:OPTS] qemu:smmuv3\n"
         "                                   OPTS = key=value,... (vintfs_log2, vcmdqs_log2, cmdqs, ...)\n"
         "  --timeout-ms N                   per call into a plugin or QEMU (default 1000)\n"
"  --json FILE  --junit FILE        also write the verdicts as JSON (cmdqv-cts-report/1) / JUnit XML\n"
"  --save-failures DIR              write each shrunk failure as a scenario file (for repro)\n"
         "  --record FILE                    run: record it as a cts-trace (one --device, --profile)\n"
         "  --directed DIR                   run: replay every scenario in DIR (prove --emit-tests DIR)\n"
         "                                   on each device instead of random sequences\n"
         "  --expect FILE                    expected deviations (YAML), repeatable; with no --device the\n"
         "                                   built-in files for the zoo and QEMU apply\n"
         "  --profile P[,P...]|all           smmuv3, cmdqv-host, cmdqv-guest (default: all)\n"
         "  --seed N                         random seed (default 1); a seed reproduces a run\n"
         "  --sequences N  --first-sequence N  --ops N   how much to run (default 200 x 48 ops)\n"
         "  --spec DIR                       use DIR instead of the spec built into the binary\n"
         "  --verbose                        also list skipped clauses\n"
         "  --bench-ops N  --bench-commands N  --bench-device-reads N   (bench: --device also works)\n"
         "exit status: 0 conforms, 1 a non-conformance, 2 a usage or configuration error\n";
}

CliOptions parse_cli(const std::vector<std::string>& args) {
  CliOptions o;
  if (args.empty()) throw UsageError("no command given");
  o.command = args[0];
  if (o.command != "run" && o.command != "list" && o.command != "bench" && o.command != "help" &&
      o.command != "repro" && o.command != "prove" && o.command != "trace") {
    throw UsageError("unknown command '" + o.command + "'");
  }
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(flag + ": missing value");
      return args[++i];
    };
    if (flag == "--device") {
      o.devices.push_back(parse_device_spec(value()).text);
      o.devices_given = true;
    } else if (flag == "--directed" && o.command == "run") {
      o.directed_dir = value();
    } else if (flag == "--json") {
      o.json_file = value();
    } else if (flag == "--junit") {
      o.junit_file = value();
    } else if (flag == "--save-failures") {
      o.save_failures = value();
    } else if (flag == "--format" && o.command == "trace") {
      o.trace_format = value();
      if (o.trace_format != "cts" && o.trace_format != "qemu" && o.trace_format != "csv") {
        throw UsageError("--format: unknown trace format '" + o.trace_format +
                         "' (known: cts, qemu, csv)");
      }
    } else if (flag == "--record" && o.command == "run") {
      o.record_file = value();
    } else if ((o.command == "repro" || o.command == "trace") && !flag.empty() && flag[0] != '-') {
      o.positional.push_back(flag);
    } else if (flag == "--expect") {
      o.expect_files.push_back(value());
    } else if (flag == "--timeout-ms") {
      o.timeout_ms = static_cast<std::uint32_t>(number(flag, value(), 1, 3'600'000));
    } else if (flag == "--profile") {
      parse_profiles(value(), o);
    } else if (flag == "--seed") {
      o.run.seed = number(flag, value(), 0, UINT64_MAX);
    } else if (flag == "--sequences") {
      o.run.sequences = static_cast<std::uint32_t>(number(flag, value(), 1, 10'000'000));
    } else if (flag == "--first-sequence") {
      o.run.first_sequence = static_cast<std::uint32_t>(number(flag, value(), 0, 1'000'000'000));
    } else if (flag == "--ops") {
      o.run.ops_per_sequence = static_cast<std::uint32_t>(number(flag, value(), 1, 100'000));
    } else if (flag == "--spec") {
      o.spec_dir = value();
    } else if (flag == "--verbose") {
      o.verbose = true;
    } else if (flag == "--bench-ops") {
      o.bench_mmio_ops = number(flag, value(), 1, UINT64_MAX);
    } else if (flag == "--bench-device-reads") {
      o.bench_device_reads = number(flag, value(), 1, UINT64_MAX);
    } else if (flag == "--bench-commands") {
      o.bench_commands = number(flag, value(), 1, UINT64_MAX);
    } else if (o.command == "list" && i == 1 && (flag == "clauses" || flag == "devices")) {
      o.list_what = flag;
    } else {
      throw UsageError("unknown option '" + flag + "'");
    }
  }
  if (o.command == "repro" && o.positional.empty()) throw UsageError("repro: give one or more scenario files");
  if (o.command == "trace" && o.positional.size() != 1)
    throw UsageError("trace: give exactly one trace file");
  if (!o.record_file.empty() &&
      (o.devices.size() != 1 || o.profiles.size() != 1 || !o.directed_dir.empty())) {
    throw UsageError(
        "--record: records one device in one profile; give exactly one --device and one --profile");
  }
  if (o.profiles.empty()) o.profiles = {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest};

  return o;
}

}  // namespace cts::harness
