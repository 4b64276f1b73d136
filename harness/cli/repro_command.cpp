// SPDX-License-Identifier: MIT
// `cmdqv-cts repro FILE...`: replays saved scenarios on devices.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/harness/scenario.h"
#include "commands.h"

namespace cts::cli {
int repro(const harness::CliOptions& o, std::shared_ptr<const spec::Spec> s) {
  int worst = kConforms;
  for (const std::string& file : o.positional) {
    const harness::Scenario sc = harness::load_scenario(file);
    for (const std::string& device :
         o.devices_given ? o.devices : std::vector<std::string>{"model"}) {
      const auto dut = open_for(o, s, device, sc.profile);
      const model::ModelConfig config =
          harness::probe_device_config(*dut, harness::profile_config(sc.profile, ""));
      const harness::ScenarioResult r = harness::replay_scenario(s, config, *dut, sc);
      std::cout << "== scenario " << sc.name << " (" << file << "), device " << device
                << ", profile " << harness::to_string(sc.profile) << "\n";
      for (std::size_t k = 0; k < sc.steps.size(); ++k) {
        std::cout << "   " << k + 1 << ". " << harness::describe(sc.steps[k]) << "\n";
      }
      std::cout << "   => "
                << (r.mismatch ? "DIFFERS at " + *r.mismatch
                               : std::string("device and model agree"))
                << "\n";
      if (r.mismatch != r.second_mismatch) {
        std::cout << "   NOTE: a second replay gave a different result (non-deterministic device): "
                  << (r.second_mismatch ? *r.second_mismatch : "no difference") << "\n";
      }
      if (r.mismatch) worst = kNonConformance;
    }
  }
  return worst;
}

}  // namespace cts::cli
