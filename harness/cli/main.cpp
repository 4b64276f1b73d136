// SPDX-License-Identifier: MIT
// cmdqv-cts: the command-line front end. Exit 0 = conforms, 1 = a non-conformance,
// 2 = usage or configuration error (bad flag, malformed spec, impossible geometry).
#include <iomanip>
#include <iostream>

#include "cmdqv_cts/harness/bench.h"
#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/model/model_error.h"
#include "cmdqv_cts/spec/loader.h"

namespace {

using namespace cts;

std::shared_ptr<const spec::Spec> load(const harness::CliOptions& o) {
  return std::make_shared<const spec::Spec>(o.spec_dir.empty() ? spec::load_embedded_spec()
                                                               : spec::load_spec_dir(o.spec_dir));
}

int list(const spec::Spec& s) {
  for (const spec::Clause& c : s.clauses) {
    std::cout << std::left << std::setw(10) << c.id << std::setw(11) << spec::to_string(c.confidence);
    std::string views;
    for (spec::View v : c.views) views += (views.empty() ? "" : ",") + std::string(spec::to_string(v));
    std::cout << std::setw(12) << views << c.text << "\n" << std::string(33, ' ') << "source: " << c.source << "\n";
  }
  return 0;
}

int run(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  bool all_conform = true;
  for (harness::Profile p : o.profiles) {
    const model::ModelConfig config = harness::profile_config(p, o.device_options);
    harness::ModelDevice dut(model::ReferenceModel(s, config));
    const harness::ProfileRun r = harness::run_profile(s, p, config, dut, o.run);
    all_conform &= harness::print_report(std::cout, r, o.run, o.verbose);
  }
  std::cout << "cmdqv-cts: " << (all_conform ? "CONFORMS" : "DOES NOT CONFORM") << "\n";
  return all_conform ? 0 : 1;
}

int bench(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  for (const harness::BenchResult& r : harness::run_benchmarks(s, o.bench_mmio_ops, o.bench_commands)) {
    std::cout << std::left << std::setw(60) << r.name << std::right << std::fixed << std::setprecision(2)
              << std::setw(10) << r.per_second() / 1e6 << " M/s  (" << r.operations << " in " << std::setprecision(3)
              << r.seconds << " s, " << std::setprecision(1) << 1e9 * r.seconds / static_cast<double>(r.operations)
              << " ns each)\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const harness::CliOptions o = harness::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
    if (o.command == "help") {
      std::cout << harness::usage_text();
      return 0;
    }
    const auto s = load(o);
    if (o.command == "list") return list(*s);
    if (o.command == "bench") return bench(o, s);
    return run(o, s);
  } catch (const harness::UsageError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n" << harness::usage_text();
    return 2;
  } catch (const spec::SpecError& e) {
    std::cerr << "cmdqv-cts: malformed spec: " << e.what() << "\n";
    return 2;
  } catch (const model::ModelError& e) {
    std::cerr << "cmdqv-cts: " << e.what() << "\n";
    return 2;
  }
}
