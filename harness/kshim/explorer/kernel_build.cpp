// SPDX-License-Identifier: MIT
#include "kernel_build.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace cts::kshim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDriverDir = "drivers/iommu/arm/arm-smmu-v3";
// Our kernel-side stand-ins, compiled against the tree's arm-smmu-v3.h.
constexpr const char* kKernelSources[] = {
    "smmu_queue.c",         "smmu_core.c",    "smmu_cmdq_issue.c", "acpi_resources.c",
    "platform_resources.c", "iommufd_core.c", "module_entry.c"};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::uint64_t fnv1a(std::uint64_t h, const std::string& data) {
  for (char ch : data) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ull;
  }
  return h;
}

std::vector<std::string> split_flags(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Runs argv with the C locale (plain quotes in diagnostics); output appended to `log`.
int run_logged(const std::vector<std::string>& argv, const fs::path& log) {
  const pid_t pid = fork();
  if (pid < 0) throw KernelBuildError("cannot fork the compiler", {}, log.string());
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    setenv("LC_ALL", "C", 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    std::fprintf(stderr, "cannot run %s\n", args[0]);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string compiler_include_dir(const std::string& cc) {
  // gcc and clang both answer -print-file-name=include with their builtin header directory.
  const std::string cmd = cc + " -print-file-name=include";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (out.empty() || !fs::exists(out))
    throw KernelBuildError("cannot find the builtin headers of " + cc, {}, "");
  return out;
}

}  // namespace

std::string kernel_release(const std::string& tree) {
  std::ifstream in(fs::path(tree) / "Makefile");
  std::string version, patchlevel, sublevel;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    static const std::regex re(R"(^(VERSION|PATCHLEVEL|SUBLEVEL)\s*=\s*(\S*))");
    if (!std::regex_search(line, m, re)) continue;
    (m[1] == "VERSION" ? version : m[1] == "PATCHLEVEL" ? patchlevel : sublevel) = m[2];
  }
  if (version.empty() || patchlevel.empty()) return "unknown";
  return version + "." + patchlevel + (sublevel.empty() ? "" : "." + sublevel);
}

std::vector<std::string> tree_api_defines(const std::string& smmu_header,
                                          const std::string& driver) {
  std::vector<std::string> d;
  if (smmu_header.find("struct arm_smmu_cmd {") != std::string::npos)
    d.push_back("-DKSHIM_API_SMMU_CMD=1");
  if (driver.find("platform_get_resource") != std::string::npos)
    d.push_back("-DKSHIM_API_PLATFORM_PROBE=1");
  if (driver.find("hw_queue_init_phys") != std::string::npos) d.push_back("-DKSHIM_API_IOMMUFD=1");
  if (smmu_header.find("(*device_disable)") != std::string::npos)
    d.push_back("-DKSHIM_API_DEVICE_DISABLE=1");
  return d;
}

std::vector<std::string> missing_kernel_symbols(const std::string& out) {
  static const std::pair<std::regex, const char*> patterns[] = {
      {std::regex(R"(implicit declaration of function '([A-Za-z_][A-Za-z0-9_]*)')"), "function"},
      {std::regex(R"(call to undeclared function '([A-Za-z_][A-Za-z0-9_]*)')"), "function"},
      {std::regex(R"(unknown type name '([A-Za-z_][A-Za-z0-9_]*)')"), "type"},
      {std::regex(R"('([A-Za-z_][A-Za-z0-9_]*)' undeclared)"), "identifier"},
      {std::regex(R"(use of undeclared identifier '([A-Za-z_][A-Za-z0-9_]*)')"), "identifier"},
      {std::regex(R"(invalid use of undefined type '(struct [A-Za-z_][A-Za-z0-9_]*)')"), "type"},
      {std::regex(R"(incomplete (?:definition of )?type '(struct [A-Za-z_][A-Za-z0-9_]*)')"),
       "type"},
      {std::regex(
           R"('(struct [A-Za-z_][A-Za-z0-9_]*)' has no member named '([A-Za-z_][A-Za-z0-9_]*)')"),
       "member"},
      {std::regex(R"(undefined reference to `([A-Za-z_][A-Za-z0-9_]*)')"), "symbol"},
      {std::regex(R"(fatal error: '?([A-Za-z0-9_/.-]+\.h)'?: No such file or directory)"),
       "header"},
      {std::regex(R"(fatal error: '([A-Za-z0-9_/.-]+\.h)' file not found)"), "header"},
  };
  std::vector<std::string> found;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    for (const auto& [re, kind] : patterns) {
      std::smatch m;
      if (!std::regex_search(line, m, re)) continue;
      std::string name = m[1];
      if (std::string(kind) == "member") name += "." + std::string(m[2]);
      if (std::string(kind) == "header") name = "<" + name + ">";
      name += " (" + std::string(kind) + ")";
      if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
    }
  }
  return found;
}

std::string build_module(const std::string& tree_in, const BuildConfig& cfg) {
  const fs::path tree = fs::absolute(tree_in);
  const fs::path drv = tree / kDriverDir;
  if (!fs::is_directory(tree))
    throw KernelTreeError("--kernel-source " + tree_in + ": no such directory");
  if (!fs::exists(drv / "tegra241-cmdqv.c") || !fs::exists(drv / "arm-smmu-v3.h")) {
    throw KernelTreeError("--kernel-source " + tree_in +
                          ": not a kernel tree with the Tegra241 CMDQV driver (no " +
                          std::string(kDriverDir) + "/tegra241-cmdqv.c and arm-smmu-v3.h)");
  }
  const std::string release = kernel_release(tree.string());
  const fs::path shim(cfg.shim_dir);
  const std::vector<std::string> api =
      tree_api_defines(read_file(drv / "arm-smmu-v3.h"), read_file(drv / "tegra241-cmdqv.c"));

  // Content address: the user's two files, every file of the shim, the flags and the runtime.
  std::uint64_t h = 1469598103934665603ull;
  h = fnv1a(h, read_file(drv / "tegra241-cmdqv.c"));
  h = fnv1a(h, read_file(drv / "arm-smmu-v3.h"));
  for (const char* sub : {"kernel", "include"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(shim / sub)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) h = fnv1a(fnv1a(h, f.string()), read_file(f));
  }
  h = fnv1a(h, cfg.compiler + "|" + cfg.extra_flags + "|" + read_file(cfg.runtime_lib));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  const fs::path out_dir = fs::path(cfg.cache_dir) / (release + "-" + hex);
  const fs::path module = out_dir / "libkshim-driver.so";
  if (fs::exists(module)) return module.string();

  // Build into a private directory, then rename: concurrent builds of one tree are safe.
  fs::create_directories(cfg.cache_dir);
  const fs::path work =
      fs::path(cfg.cache_dir) / (release + "-" + hex + ".tmp" + std::to_string(getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path log = work / "build.log";

  std::vector<std::string> kflags = {
      "-std=gnu11", "-nostdinc", "-isystem", compiler_include_dir(cfg.compiler), "-I",
      (shim / "kernel/include").string(), "-I", (shim / "include").string(),
      // The tree's header is the user's: its warnings are not ours.
      "-isystem", drv.string(), "-include", "linux/kconfig.h", "-D__KERNEL__",
      "-DKSHIM_KERNEL_RELEASE=\"" + release + "\"", "-fPIC", "-g", "-O1", "-fno-omit-frame-pointer",
      // CONFIG_INIT_STACK_ALL_ZERO, the Kconfig default.
      "-ftrivial-auto-var-init=zero"};
  for (const auto& f : split_flags(cfg.extra_flags)) kflags.push_back(f);
  kflags.insert(kflags.end(), api.begin(), api.end());

  std::vector<std::string> objects;
  bool failed = false;
  auto compile = [&](const fs::path& src, const std::string& obj, std::vector<std::string> own) {
    std::vector<std::string> argv = {cfg.compiler};
    argv.insert(argv.end(), kflags.begin(), kflags.end());
    argv.insert(argv.end(), own.begin(), own.end());
    argv.insert(argv.end(), {"-c", src.string(), "-o", (work / obj).string()});
    if (run_logged(argv, log) != 0) failed = true;
    objects.push_back((work / obj).string());
  };
  // The driver is compiled as it is, with the compiler's default warnings only and never
  // -Werror: its warnings must not fail the build. They stay in the log, where implicit
  // declarations name what the shim lacks. Our stand-ins come next, and only if the driver
  // compiled: their errors mean the tree's arm-smmu-v3.h differs from the API they use.
  compile(drv / "tegra241-cmdqv.c", "tegra241-cmdqv.o", {});
  const bool driver_failed = failed;
  if (!driver_failed) {
    for (const char* src : kKernelSources) {
      compile(shim / "kernel/src" / src, std::string(src) + ".o", {"-Wall", "-Wextra"});
    }
  }
  const bool ours_failed = !driver_failed && failed;
  if (!failed) {
    std::vector<std::string> argv = {cfg.compiler, "-shared", "-o",
                                     (work / "libkshim-driver.so").string()};
    argv.insert(argv.end(), objects.begin(), objects.end());
    argv.push_back(cfg.runtime_lib);
    for (const auto& f : split_flags(cfg.extra_flags)) argv.push_back(f);
    argv.push_back("-Wl,-z,defs");
    if (run_logged(argv, log) != 0) failed = true;
  }
  if (failed) {
    const std::string output = read_file(log);
    const fs::path kept = fs::path(cfg.cache_dir) / (release + "-" + hex + ".build.log");
    fs::copy_file(log, kept, fs::copy_options::overwrite_existing);
    fs::remove_all(work);
    std::vector<std::string> missing = missing_kernel_symbols(output);
    std::string what = "kshim cannot compile the driver of " + tree.string() + " (" + release + ")";
    if (missing.empty()) {
      what += ": the compiler failed for another reason; its output is in " + kept.string();
    } else {
      what += ours_failed
                  ? ": the tree's arm-smmu-v3.h lacks what kshim's arm-smmu-v3.c stand-ins use:"
                  : ": the shim lacks these kernel symbols:";
      for (const auto& m : missing) what += "\n  " + m;
      what += "\n(full compiler output: " + kept.string() + ")";
    }
    throw KernelBuildError(what, missing, kept.string());
  }
  std::error_code ec;
  fs::rename(work, out_dir, ec);
  if (ec) fs::remove_all(work);  // another build won the race with an identical module
  return module.string();
}

}  // namespace cts::kshim
