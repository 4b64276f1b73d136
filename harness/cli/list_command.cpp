// SPDX-License-Identifier: MIT
// `cmdqv-cts list [clauses|devices]`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <set>

#include "cmdqv_cts/harness/device_factory.h"
#include "commands.h"

namespace cts::cli {
int list_clauses(const spec::Spec& s) {
  for (const spec::Clause& c : s.clauses) {
    std::cout << std::left << std::setw(10) << c.id << std::setw(11)
              << spec::to_string(c.confidence);
    std::string views;
    for (spec::View v : c.views)
      views += (views.empty() ? "" : ",") + std::string(spec::to_string(v));
    std::cout << std::setw(12) << views << c.text << "\n"
              << std::string(33, ' ') << "source: " << c.source << "\n";
  }
  return kConforms;
}

int list_devices() {
  const std::vector<harness::DeviceListing> devices = harness::list_devices();
  // Columns as wide as their widest entry, so that no name runs into its status.
  std::size_t name_w = 0, status_w = 0;
  for (const harness::DeviceListing& d : devices) {
    name_w = std::max(name_w, d.name.size());
    status_w = std::max(status_w, d.status.size());
  }
  for (const harness::DeviceListing& d : devices) {
    std::cout << std::left << std::setw(static_cast<int>(name_w + 2)) << d.name
              << std::setw(static_cast<int>(status_w + 2)) << d.status << d.about << "\n";
  }
  std::cout << "\nAdd a device: build a shared object against harness/include/cmdqv_cts/device.h "
               "that exports\n"
               "cts_device() (example: harness/examples/minimal_plugin), then run\n"
               "  cmdqv-cts run --device plugin:/path/to/libmydevice.so[:key=value,...]\n";
  return kConforms;
}

}  // namespace cts::cli
