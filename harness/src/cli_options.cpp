// SPDX-License-Identifier: MIT
// cmdqv-cts command-line parsing (see cli_options.h).
#include "cmdqv_cts/harness/cli_options.h"

#include <charconv>
#include <cstdlib>

#include "cmdqv_cts/harness/device_factory.h"

namespace cts::harness {
namespace {

std::uint64_t number(const std::string& flag, const std::string& text, std::uint64_t min,
                     std::uint64_t max) {
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    throw UsageError(flag + ": expected a number in " + std::to_string(min) + ".." +
                     std::to_string(max) + ", got '" + text + "'");
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
    const std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    Profile p{};
    if (!profile_from_string(item, p)) {
      throw UsageError("--profile: unknown profile '" + item +
                       "' (known: smmuv3, cmdqv-host, cmdqv-guest, all)");
    }
    o.profiles.push_back(p);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

// "i/n" with 0 <= i < n.
void parse_shard(const std::string& flag, const std::string& text, RunOptions& run) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos)
    throw UsageError(flag + ": expected INDEX/COUNT (e.g. 0/4), got '" + text + "'");
  run.shard_count =
      static_cast<std::uint32_t>(number(flag + " COUNT", text.substr(slash + 1), 1, 1'000'000));
  run.shard_index = static_cast<std::uint32_t>(
      number(flag + " INDEX", text.substr(0, slash), 0, run.shard_count - 1));
}

std::vector<std::string> split_commas(const std::string& flag, const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    items.push_back(
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (items.back().empty()) throw UsageError(flag + ": empty item in '" + text + "'");
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

}  // namespace

const char* usage_text() {
  return "usage: cmdqv-cts COMMAND [options]\n"
         "commands:\n"
         "  run     check devices against the reference model, clause by clause\n"
         "  list [clauses|devices|coverage]   the spec's clauses (confidence, source), the "
         "devices, or\n"
         "                       what checks each clause (an uncovered clause exits 1)\n"
         "  trace FILE [--format cts|qemu|csv] [--profile P]   judge a recorded trace\n"
         "  repro FILE.yaml...   replay saved scenarios (spec/scenarios/, --save-failures) on "
         "devices\n"
         "  prove [--only GLOB] [--details] [--list] [--json FILE]   the Z3 proof obligations\n"
         "  prove --emit-tests DIR   a Z3 witness per branch of each clause, as directed tests\n"
         "  report FILE|DIR...   rebuild the console verdicts and --report/--json/--junit from "
         "results\n"
         "                       files (results.jsonl), e.g. after a crash or kill of a run\n"
         "  merge OUT_DIR SHARD...   add the results of --shard runs together into one report in "
         "OUT_DIR\n"
         "  kernel (--debian VERSION | --kernel-source DIR) [--explore single|pairs] [--preempt "
         "K]\n"
         "                           the real tegra241-cmdqv.c against a device (cmdqv-kshim "
         "--help)\n"
         "  bench   measure the reference model's throughput\n"
         "  matrix [--seed N] [--expect FILE] [--bench]   the driver model's kernels "
         "(upstream-6.12.0, fixed)\n"
         "          on a VMM that masks HYP_OWN, one that does not, and the host; exit 0 when "
         "every cell\n"
         "          matches the expectation table (built in: "
         "harness/expectations/matrix/vmm-kernel.yaml)\n"
         "  matrix --qemu [--device qemu:smmuv3[@VERSION]]... [--directed DIR] [--seed N] "
         "[--sequences N]\n"
         "          each SMMUv3 deviation (clause, case) of each QEMU version (default: Debian's "
         "and every\n"
         "          version ci/build-qemu built), oldest first: present, still present, fixed, "
         "new\n"
         "  help    this text\n"
         "options:\n"
         "  --device DEVICE                  device under test, repeatable (default: model):\n"
         "                                   model[:OPTS] plugin:PATH.so[:OPTS] zoo:NAME[:OPTS] "
         "qemu:smmuv3\n"
         "                                   OPTS = key=value,... (vintfs_log2, vcmdqs_log2, "
         "cmdqs, ...)\n"
         "                                   plugin/zoo: memory_mib=N bounds the device process "
         "(default 1024)\n"
         "                                   faulty:FAULT[@KEY=VALUE,...]:DEVICE injects a fault "
         "into DEVICE:\n"
         "                                   dma-abort@p,seed bus-error@p,seed slow@ms,every "
         "random-reads@p,seed\n"
         "                                   die-after@calls nondeterministic@p,seed (README: "
         "Fault injection)\n"
         "  --timeout-ms N                   per call into a plugin or QEMU (default 1000)\n"
         "  --json FILE  --junit FILE        also write the verdicts as JSON (cmdqv-cts-report/1) "
         "/ JUnit XML\n"
         "  --save-failures DIR              write each shrunk failure as a scenario file (for "
         "repro)\n"
         "  --report DIR                     results.jsonl (written as the run goes: survives a "
         "crash or kill),\n"
         "                                   then index.html (matrix, sequence diagrams), "
         "junit.xml, report.json\n"
         "  --clauses GLOB[,GLOB]            judge only the clauses matching a glob (e.g. "
         "'HYP-*,Q-4')\n"
         "  --shard I/N                      run the sequences s with s % N == I (default: "
         "GTEST_SHARD_INDEX /\n"
         "                                   GTEST_TOTAL_SHARDS when set); `merge` adds shards "
         "together\n"
         "  --progress | --no-progress       progress bar on stderr (default: when stderr is a "
         "terminal)\n"
         "  --record FILE                    run: record it as a cts-trace (one --device, "
         "--profile)\n"
         "  --no-directed                    run: only the random sequences, not the built-in "
         "directed\n"
         "                                   tests (Z3 witnesses, as prove --emit-tests writes) "
         "first\n"
         "  --directed-test NAME             run: only the built-in directed test NAME (a "
         "reproduce\n"
         "                                   line names it)\n"
         "  --directed DIR                   run: replay every scenario in DIR (prove --emit-tests "
         "DIR)\n"
         "                                   on each device instead of random sequences\n"
         "  --expect FILE                    expected deviations (YAML), repeatable; with no "
         "--device the\n"
         "                                   built-in files for the zoo and QEMU apply\n"
         "  --write-expectations FILE        run: write an entry for every failing (clause, case), "
         "with\n"
         "                                   the reason of --expect's entry for the clause, or "
         "NEW\n"
         "  --profile P[,P...]|all           smmuv3, cmdqv-host, cmdqv-guest (default: all)\n"
         "  --seed N                         random seed (default 1); a seed reproduces a run\n"
         "  --sequences N  --first-sequence N  --ops N   how much to run (default 200 x 48 ops)\n"
         "  --tests N  --max-steps N         the same as --sequences N and --ops N\n"
         "  --engine sequences|rapidcheck    seeded sequences with ddmin (default), or the "
         "profile's\n"
         "                                   RapidCheck state machine (swarm, preconditions, "
         "shrinking)\n"
         "  --max-model-steps N              model steps (commands consumed) per sequence (default "
         "65536);\n"
         "                                   a sequence that needs more stops there and is "
         "reported\n"
         "  --spec DIR                       use DIR instead of the spec built into the binary\n"
         "  --verbose                        also list skipped clauses\n"
         "  --bench-ops N  --bench-commands N  --bench-device-reads N   (bench: --device also "
         "works)\n"
         "exit status: 0 conforms, 1 a non-conformance, 2 a usage or configuration error\n";
}

CliOptions parse_cli(const std::vector<std::string>& args,
                     const std::function<const char*(const char*)>& environment) {
  CliOptions o;
  bool shard_given = false;
  if (args.empty()) throw UsageError("no command given");
  o.command = args[0];
  if (o.command != "run" && o.command != "list" && o.command != "bench" && o.command != "help" &&
      o.command != "repro" && o.command != "prove" && o.command != "report" &&
      o.command != "merge" && o.command != "matrix" && o.command != "trace") {
    throw UsageError("unknown command '" + o.command + "'");
  }
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(flag + ": missing value");
      return args[++i];
    };
    if (o.command == "matrix" && flag == "--profile") {
      throw UsageError("matrix: --profile is not used (the kernel matrix has its table, the QEMU "
                       "matrix runs smmuv3)");
    }
    if (flag == "--bench" && o.command == "matrix") {
      o.matrix_bench = true;
    } else if (flag == "--qemu" && o.command == "matrix") {
      o.matrix_qemu = true;
    } else if (flag == "--directed" && o.command == "matrix") {
      o.directed_dir = value();
    } else if (flag == "--device") {
      o.devices.push_back(parse_device_spec(value()).text);
      o.devices_given = true;
    } else if (flag == "--directed" && o.command == "run") {
      o.directed_dir = value();
    } else if (flag == "--no-directed" && o.command == "run") {
      o.no_directed = true;
    } else if (flag == "--directed-test" && o.command == "run") {
      o.directed_test = value();
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
    } else if ((o.command == "repro" || o.command == "report" || o.command == "merge" ||
                o.command == "trace") &&
               !flag.empty() && flag[0] != '-') {
      o.positional.push_back(flag);
    } else if (flag == "--expect") {
      o.expect_files.push_back(value());
    } else if (flag == "--write-expectations") {
      o.write_expectations = value();
    } else if (flag == "--timeout-ms") {
      o.timeout_ms = static_cast<std::uint32_t>(number(flag, value(), 1, 3'600'000));
    } else if (flag == "--profile") {
      parse_profiles(value(), o);
    } else if (flag == "--seed") {
      o.run.seed = number(flag, value(), 0, UINT64_MAX);
    } else if (flag == "--report") {
      o.report_dir = value();
    } else if (flag == "--clauses") {
      o.run.clause_globs = split_commas(flag, value());
    } else if (flag == "--shard") {
      parse_shard(flag, value(), o.run);
      shard_given = true;
    } else if (flag == "--progress") {
      o.progress = CliOptions::Progress::On;
    } else if (flag == "--no-progress") {
      o.progress = CliOptions::Progress::Off;
    } else if (flag == "--sequences" || flag == "--tests") {
      o.run.sequences = static_cast<std::uint32_t>(number(flag, value(), 1, 10'000'000));
    } else if (flag == "--first-sequence") {
      o.run.first_sequence = static_cast<std::uint32_t>(number(flag, value(), 0, 1'000'000'000));
    } else if (flag == "--ops" || flag == "--max-steps") {
      o.run.ops_per_sequence = static_cast<std::uint32_t>(number(flag, value(), 1, 100'000));
    } else if (flag == "--engine") {
      const std::string& e = value();
      if (e == "sequences") {
        o.run.engine = Engine::Sequences;
      } else if (e == "rapidcheck") {
        o.run.engine = Engine::RapidCheck;
      } else {
        throw UsageError("--engine: unknown engine '" + e + "' (known: sequences, rapidcheck)");
      }
    } else if (flag == "--max-model-steps") {
      o.run.max_model_steps = number(flag, value(), 1, UINT64_MAX);
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
    } else if (o.command == "list" && i == 1 &&
               (flag == "clauses" || flag == "devices" || flag == "coverage")) {
      o.list_what = flag;
    } else {
      throw UsageError("unknown option '" + flag + "'");
    }
  }
  if (!o.directed_test.empty() &&
      (o.no_directed || o.run.engine == Engine::RapidCheck || !o.directed_dir.empty())) {
    throw UsageError(std::string("--directed-test: not with ") +
                     (o.no_directed                        ? "--no-directed"
                      : o.run.engine == Engine::RapidCheck ? "--engine rapidcheck"
                                                           : "--directed DIR"));
  }
  if (!o.record_file.empty() && o.run.engine == Engine::RapidCheck) {
    throw UsageError("--record: not with --engine rapidcheck (the state machine opens devices of its own)");
  }
  if (o.command == "repro" && o.positional.empty())
    throw UsageError("repro: give one or more scenario files");
  if (o.command == "report" && o.positional.empty())
    throw UsageError("report: give results files or report directories");
  if (o.command == "merge" && o.positional.size() < 2)
    throw UsageError("merge: give OUT_DIR and one or more shard results");
  if (o.command == "trace" && o.positional.size() != 1)
    throw UsageError("trace: give exactly one trace file");
  if (!o.record_file.empty() &&
      (o.devices.size() != 1 || o.profiles.size() != 1 || !o.directed_dir.empty())) {
    throw UsageError(
        "--record: records one device in one profile; give exactly one --device and one --profile");
  }
  const auto env =
      environment ? environment : [](const char* name) -> const char* { return std::getenv(name); };
  const char* shard_index = env("GTEST_SHARD_INDEX");
  const char* shard_total = env("GTEST_TOTAL_SHARDS");
  if (!shard_given && shard_index && shard_total) {
    parse_shard("GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS",
                std::string(shard_index) + "/" + shard_total, o.run);
  }
  if (o.profiles.empty()) o.profiles = {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest};
  if (o.command == "matrix" && !o.matrix_qemu && (o.devices_given || !o.directed_dir.empty())) {
    throw UsageError(std::string("matrix: ") + (o.devices_given ? "--device" : "--directed") +
                     " is not used without --qemu (the kernel matrix's rows come from its table, --expect)");
  }
  if (o.matrix_qemu) {
    for (const std::string& d : o.devices) {
      if (parse_device_spec(d).backend != "qemu") {
        throw UsageError("matrix --qemu: --device " + d + " is not a QEMU (qemu:smmuv3[@VERSION])");
      }
    }
  }

  return o;
}

}  // namespace cts::harness
