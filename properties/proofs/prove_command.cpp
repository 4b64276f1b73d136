// SPDX-License-Identifier: MIT
// `cmdqv-cts prove`: argument parsing, selection, running and reporting.
#include "prove_command.h"

#include <fnmatch.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <optional>

#include "proof_env.h"
#include "proof_report.h"
#include "registry.h"

namespace cts::proofs {
namespace {

constexpr const char* kUsage =
    "usage: cmdqv-cts prove [--only GLOB]... [--rlimit N] [--json FILE] [--details] [--list]\n"
    "  --only GLOB   run the obligations whose name or a clause id matches GLOB (e.g. 'route.*', 'HYP-1')\n"
    "  --rlimit N    Z3 resource limit per check (default 50000000); an exhausted limit is 'unknown'\n"
    "  --json FILE   also write the report as JSON\n"
    "  --details     print each obligation's rule, source, method, bounds and what it does not prove\n"
    "  --list        list the obligations without proving them\n"
    "  --save-counterexamples DIR   also write each refuted obligation as a scenario (cmdqv-cts repro)\n"
    "  --emit-tests DIR             only write directed tests from Z3 witnesses (cmdqv-cts run --directed)\n"
    "exit: 0 every must-hold obligation proven and every known bug reproduced; 1 otherwise; 2 usage\n";

struct Args {
  std::vector<std::string> only;
  RunOptions options;
  std::optional<std::string> json;
  bool details = false, list = false, help = false;
};

// Throws std::invalid_argument with the message to print.
Args parse(const std::vector<std::string>& args) {
  Args a;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& s = args[k];
    auto value = [&]() -> const std::string& {
      if (k + 1 >= args.size()) throw std::invalid_argument(s + " needs a value");
      return args[++k];
    };
    if (s == "--only") {
      a.only.push_back(value());
    } else if (s == "--rlimit") {
      const std::string& v = value();
      unsigned n = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || p != v.data() + v.size() || n == 0) {
        throw std::invalid_argument("--rlimit: '" + v + "' is not a positive number");
      }
      a.options.rlimit = n;
    } else if (s == "--json") {
      a.json = value();
    } else if (s == "--details") {
      a.details = true;
    } else if (s == "--list") {
      a.list = true;
    } else if (s == "-h" || s == "--help") {
      a.help = true;
    } else {
      throw std::invalid_argument("unknown argument '" + s + "'");
    }
  }
  return a;
}

bool selected(const Obligation& o, const std::vector<std::string>& globs) {
  if (globs.empty()) return true;
  for (const std::string& g : globs) {
    if (fnmatch(g.c_str(), o.info.name.c_str(), 0) == 0) return true;
    for (const std::string& c : o.info.clauses) {
      if (fnmatch(g.c_str(), c.c_str(), 0) == 0) return true;
    }
  }
  return false;
}

}  // namespace

int run_prove_command(const std::vector<std::string>& argv, std::ostream& out) {
  Args args;
  try {
    args = parse(argv);
  } catch (const std::invalid_argument& e) {
    out << "cmdqv-cts prove: " << e.what() << "\n" << kUsage;
    return 2;
  }
  if (args.help) {
    out << kUsage;
    return 0;
  }
  std::vector<Obligation> obligations;
  std::size_t not_selected = 0;
  for (Obligation& o : all_obligations()) {
    if (selected(o, args.only)) {
      obligations.push_back(std::move(o));
    } else {
      ++not_selected;
    }
  }
  if (obligations.empty()) {
    out << "cmdqv-cts prove: no obligation matches --only\n" << kUsage;
    return 2;
  }
  if (args.list) {
    print_list(obligations, out);
    return 0;
  }
  std::ofstream json;
  if (args.json) {
    json.open(*args.json);
    if (!json) {
      out << "cmdqv-cts prove: cannot write " << *args.json << "\n";
      return 2;
    }
  }

  z3::context ctx;
  ProofEnv env(ctx);
  Runner runner(env, args.options);
  ProofRun run;
  run.z3_version = z3_version();
  run.options = args.options;
  run.not_selected = not_selected;
  const auto t0 = std::chrono::steady_clock::now();
  for (const Obligation& o : obligations) run.results.push_back({&o, runner.run(o)});
  run.total_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  print_table(run, args.details, out);
  if (json.is_open()) print_json(run, json);
  return run.passed() ? 0 : 1;
}

}  // namespace cts::proofs
