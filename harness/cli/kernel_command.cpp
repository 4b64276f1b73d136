// SPDX-License-Identifier: MIT
// cmdqv-cts kernel: the real tegra241-cmdqv.c of a kernel tree against our devices. The work is
// done by cmdqv-kshim, a separate program built with AddressSanitizer (the driver module it
// loads is instrumented, and the ASan runtime must be in the process from its start); this
// command runs it with the same arguments.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "commands.h"

namespace cts::cli {

int kernel(const std::string& self, std::vector<std::string> args) {
  namespace fs = std::filesystem;
  // Next to this program first (an installed pair), else where the build put it.
  std::string exe = (fs::path(self).parent_path() / "kshim" / "cmdqv-kshim").string();
  if (!fs::exists(exe)) exe = CTS_KSHIM_EXE;
  if (args.empty() || args[0].rfind("--", 0) == 0) args.insert(args.begin(), "run");
  std::vector<char*> argv;
  argv.push_back(exe.data());
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(exe.c_str(), argv.data());
  std::cerr << "cmdqv-cts: cannot run " << exe << ": " << std::strerror(errno) << "\n";
  return kConfigError;
}

}  // namespace cts::cli
