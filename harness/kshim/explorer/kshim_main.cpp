// SPDX-License-Identifier: MIT
// cmdqv-kshim: builds a kernel tree's tegra241-cmdqv.c against kshim and drives it against a
// device: one lifecycle, or the systematic preemption exploration. `cmdqv-cts kernel` runs
// this program (it must be built with AddressSanitizer, like the modules it loads).
// Exit status: 0 no failure, 1 failures, 2 usage or configuration error, 77 the kernel source
// is not available (skipped).
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "cmdqv_cts/harness/cli_options.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/harness/plugin_device.h"
#include "cmdqv_cts/model/model_error.h"
#include "cmdqv_cts/spec/loader.h"
#include "exploration.h"
#include "kernel_build.h"
#include "tree_transform.h"

// The lifecycle leaks nothing the harness cares about at exit; kshim tracks the driver's leaks.
extern "C" const char* __asan_default_options() {
  return "detect_leaks=0";
}

namespace cts::kshim {
namespace {

namespace fs = std::filesystem;

constexpr int kPass = 0, kFail = 1, kUsage = 2, kUnavailable = 77;

struct Usage : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct Unavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char* kUsageText =
    "usage: cmdqv-kshim COMMAND SOURCE [options]\n"
    "commands:\n"
    "  build                      compile the tree's driver against kshim; print the module path\n"
    "  run                        drive it: one lifecycle, or the preemption exploration "
    "(--explore)\n"
    "  bench                      probe/remove cycles per second (--cycles N, default 300)\n"
    "  transform-supports-cmd     write a copy of the tree with the upstream 6.12.0 supports_cmd\n"
    "                             ordering into --out DIR (for trees that have the fix)\n"
    "source (one of):\n"
    "  --kernel-source DIR        any kernel tree with "
    "drivers/iommu/arm/arm-smmu-v3/tegra241-cmdqv.c\n"
    "  --debian VERSION           Debian's linux-source-X.Y at VERSION, e.g. 6.12.117 or 7.3.4\n"
    "                             (fetched by ci/fetch-kernel-source into the build tree if "
    "needed)\n"
    "  --module SO                an already built module (run, bench)\n"
    "run options:\n"
    "  --device D                 model (default), zoo:NAME, plugin:PATH.so[:OPTS]\n"
    "  --profile P                cmdqv-host (default) or cmdqv-guest\n"
    "  --explore MODE             none (default), single (every preemption point), pairs (single,\n"
    "                             then --pairs random pairs)\n"
    "  --pairs N --seed S         random pairs and their seed (default 200, 1)\n"
    "  --jobs N                   worker children at once (default: the CPUs)\n"
    "  --batch N                  schedules per worker child (default 32; 1: a child each)\n"
    "  --preempt K[,K2...]        replay one schedule in this process\n"
    "  --random-geometry S        draw vintfs_log2 and vcmdqs_log2 from seed S (model devices)\n"
    "  --param-override P         the driver reads CMDQV PARAM = P (adversarial hardware)\n"
    "  --geometry-campaign N      N geometries from --seed, one lifecycle each: every geometry a\n"
    "                             model device can have, and PARAM values real hardware would\n"
    "                             not report (--param-override)\n"
    "  --inject-lvcmdq L|none     LVCMDQ given an illegal command (default: the last one)\n"
    "  --no-irq                   the ACPI companion has no interrupt\n"
    "  --no-error-report          a preempting ISR sees the device as it is (no error overlay)\n"
    "  --no-user-path             skip the iommufd user path (7.x trees, host view)\n"
    "  --bypass-vcmdq --disable-cmdqv   the driver's module parameters\n"
    "fidelity (defaults first):\n"
    "  --poison slab|zero         kmalloc fill: 0x5a slab poison, or zero\n"
    "  --dev-dbg                  evaluate dev_dbg() (off: a production kernel)\n"
    "  --krealloc move|bucket     devm_krealloc always moves, or stays within the slab bucket\n"
    "  --no-ratelimit             every *_ratelimited message passes\n"
    "exit: 0 no failure, 1 failures, 2 usage or configuration error, 77 kernel source "
    "unavailable\n";

struct Options {
  std::string command;
  std::string tree, debian, module, out;
  std::string device = "model";
  std::string profile = "cmdqv-host";
  std::string explore = "none";
  std::size_t pairs = 0;
  bool pairs_given = false;
  std::uint64_t seed = 1;
  std::vector<std::uint64_t> preempt;
  bool preempt_given = false;
  long random_geometry = -1;
  std::int64_t param_override = -1;
  std::size_t geometry_campaign = 0;
  std::string inject = "last";
  bool irq = true, error_report = true, bypass = false, disable = false, user_path = true;
  kshim_options fidelity{};
  std::size_t cycles = 300;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  unsigned batch = 32;
  std::vector<std::string> replay_args;  // the options that define a run, for the replay line
};

std::uint64_t number(const std::string& flag, const std::string& v) {
  try {
    std::size_t used = 0;
    const unsigned long long n = std::stoull(v, &used, 0);
    if (used != v.size()) throw std::invalid_argument(v);
    return n;
  } catch (const std::exception&) {
    throw Usage(flag + ": expected a number, got '" + v + "'");
  }
}

std::string hex32(std::uint32_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

Options parse(const std::vector<std::string>& args) {
  Options o;
  if (args.empty()) throw Usage("no command");
  o.command = args[0];
  if (o.command != "build" && o.command != "run" && o.command != "bench" &&
      o.command != "transform-supports-cmd")
    throw Usage("unknown command '" + o.command + "'");
  o.fidelity.ratelimit = 1;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw Usage(a + ": needs a value");
      return args[++i];
    };
    auto keep = [&](const std::string& v) {
      o.replay_args.push_back(a);
      if (!v.empty()) o.replay_args.push_back(v);
    };
    if (a == "--kernel-source") {
      o.tree = value();
      keep(o.tree);
    } else if (a == "--debian") {
      o.debian = value();
      keep(o.debian);
    } else if (a == "--module") {
      o.module = value();
      keep(o.module);
    } else if (a == "--out")
      o.out = value();
    else if (a == "--device") {
      o.device = value();
      keep(o.device);
    } else if (a == "--profile") {
      o.profile = value();
      keep(o.profile);
    } else if (a == "--explore") {
      o.explore = value();
      if (o.explore != "none" && o.explore != "single" && o.explore != "pairs")
        throw Usage("--explore: none, single or pairs, not '" + o.explore + "'");
    } else if (a == "--pairs") {
      o.pairs = number(a, value());
      o.pairs_given = true;
    } else if (a == "--seed")
      o.seed = number(a, value());
    else if (a == "--batch") {
      o.batch = static_cast<unsigned>(number(a, value()));
      if (o.batch == 0) throw Usage("--batch: at least 1");
    } else if (a == "--jobs") {
      o.jobs = static_cast<unsigned>(number(a, value()));
      if (o.jobs == 0) throw Usage("--jobs: at least 1");
    } else if (a == "--cycles")
      o.cycles = number(a, value());
    else if (a == "--preempt") {
      std::stringstream s(value());
      for (std::string k; std::getline(s, k, ',');) o.preempt.push_back(number(a, k));
      o.preempt_given = true;
    } else if (a == "--random-geometry") {
      o.random_geometry = static_cast<long>(number(a, value()));
      keep(std::to_string(o.random_geometry));
    } else if (a == "--param-override") {
      o.param_override = static_cast<std::int64_t>(number(a, value()) & 0xffffffffu);
      keep(hex32(static_cast<std::uint32_t>(o.param_override)));
    } else if (a == "--geometry-campaign") {
      o.geometry_campaign = number(a, value());
    } else if (a == "--inject-lvcmdq") {
      o.inject = value();
      keep(o.inject);
    } else if (a == "--no-irq") {
      o.irq = false;
      keep("");
    } else if (a == "--no-error-report") {
      o.error_report = false;
      keep("");
    } else if (a == "--no-user-path") {
      o.user_path = false;
      keep("");
    } else if (a == "--bypass-vcmdq") {
      o.bypass = true;
      keep("");
    } else if (a == "--disable-cmdqv") {
      o.disable = true;
      keep("");
    } else if (a == "--dev-dbg") {
      o.fidelity.dev_dbg = 1;
      keep("");
    } else if (a == "--no-ratelimit") {
      o.fidelity.ratelimit = 0;
      keep("");
    } else if (a == "--poison") {
      const std::string v = value();
      if (v != "slab" && v != "zero") throw Usage("--poison: slab or zero, not '" + v + "'");
      o.fidelity.poison = v == "slab" ? KSHIM_POISON_SLAB : KSHIM_POISON_ZERO;
      keep(v);
    } else if (a == "--krealloc") {
      const std::string v = value();
      if (v != "move" && v != "bucket") throw Usage("--krealloc: move or bucket, not '" + v + "'");
      o.fidelity.krealloc = v == "move" ? KSHIM_KREALLOC_MOVE : KSHIM_KREALLOC_BUCKET;
      keep(v);
    } else {
      throw Usage("unknown option '" + a + "'");
    }
  }
  const int sources = !o.tree.empty() + !o.debian.empty() + !o.module.empty();
  if (sources != 1)
    throw Usage("give exactly one of --kernel-source DIR, --debian VERSION, --module SO");
  if (!o.module.empty() && (o.command == "build" || o.command == "transform-supports-cmd"))
    throw Usage(o.command + " needs a kernel tree (--kernel-source or --debian), not --module");
  if (o.command == "transform-supports-cmd" && o.out.empty())
    throw Usage("transform-supports-cmd needs --out DIR");
  if (o.explore == "pairs" && !o.pairs_given) o.pairs = 200;
  return o;
}

// The Debian tree of `version`, fetched into the kernel cache if it is not there yet.
std::string debian_tree(const std::string& version) {
  std::string cache = CTS_KERNEL_CACHE_DIR;
  if (const char* env = std::getenv("CMDQV_CTS_KERNEL_CACHE"); env && *env) cache = env;
  const fs::path tree = fs::path(cache) / version / "linux";
  if (fs::exists(tree / ".kshim-fetched")) return tree.string();
  if (const char* no = std::getenv("CMDQV_CTS_NO_FETCH"); no && std::string(no) == "1") {
    throw Unavailable("kernel source unavailable: linux-source " + version + " is not in " + cache +
                      " (CMDQV_CTS_NO_FETCH=1; run ci/fetch-kernel-source " + version + ")");
  }
  std::cerr << "kshim: fetching linux-source " << version << " (ci/fetch-kernel-source)\n";
  const std::string cmd =
      std::string(CTS_FETCH_SCRIPT) + " '" + version + "' --cache-dir '" + cache + "' >&2";
  const int rc = std::system(cmd.c_str());
  const int code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  if (code == 2)
    throw Usage("--debian " + version +
                ": not a linux-source version kshim supports (6.12.x, 7.x)");
  // The archive cannot be reached, or does not have the version (exit 3): a skip. Any other
  // failure of the fetch (an unpack that breaks) is a failure someone must look at.
  if (code == 3) {
    throw Unavailable(
        "kernel source unavailable: linux-source " + version +
        " could not be fetched from the Debian archive (ci/fetch-kernel-source exit 3)");
  }
  if (code != 0 || !fs::exists(tree / ".kshim-fetched")) {
    throw std::runtime_error("--debian " + version + ": ci/fetch-kernel-source failed (exit " +
                             std::to_string(code) + "; its messages are above)");
  }
  return tree.string();
}

std::string module_for(const Options& o) {
  if (!o.module.empty()) return o.module;
  const std::string tree = o.debian.empty() ? o.tree : debian_tree(o.debian);
  return build_module(tree, default_build_config());
}

// Device options with kshim's defaults for keys the user did not give: small queues, and the
// SMMU features a Grace host (or a VM's emulated SMMU) reports.
std::string with_defaults(const harness::DeviceSpec& spec, harness::Profile profile,
                          long geometry_seed) {
  std::map<std::string, std::string> kv;
  std::vector<std::string> order;
  auto put = [&](const std::string& k, const std::string& v) {
    if (!kv.count(k)) order.push_back(k);
    kv[k] = v;
  };
  if (spec.backend == "model") {
    put("cmdqs", "8");
    put("ats", "1");
    if (profile == harness::Profile::CmdqvHost) {
      put("hyp", "1");
      put("s2p", "1");
    }
    if (geometry_seed >= 0) {
      std::mt19937_64 rng(static_cast<std::uint64_t>(geometry_seed));
      const unsigned v = static_cast<unsigned>(rng() % 7);
      const unsigned q = v + static_cast<unsigned>(rng() % (8 - v));
      put("vintfs_log2", std::to_string(v));
      put("vcmdqs_log2", std::to_string(q));
    }
  }
  std::stringstream s(spec.options);
  for (std::string item; std::getline(s, item, ',');) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    put(item.substr(0, eq), eq == std::string::npos ? "" : item.substr(eq + 1));
  }
  std::string out;
  for (const auto& k : order)
    out += (out.empty() ? "" : ",") + k + (kv[k].empty() ? "" : "=" + kv[k]);
  return out;
}

struct Context {
  std::shared_ptr<const spec::Spec> spec;
  harness::DeviceSpec device;
  harness::Profile profile{};
  model::ModelConfig geometry;
  std::uint32_t param = 0, idr0 = 0, idr1 = 0;
  std::uint32_t window_vintfs = 1;  // VINTF pages in the MMIO window firmware describes
  std::unique_ptr<RegisterNames> names;
};

Context open_context(const Options& o) {
  Context c;
  c.spec = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  if (!harness::profile_from_string(o.profile, c.profile) || c.profile == harness::Profile::Smmuv3)
    throw Usage("--profile: cmdqv-host or cmdqv-guest, not '" + o.profile + "'");
  c.device = harness::parse_device_spec(o.device);
  c.device.options = with_defaults(c.device, c.profile, o.random_geometry);
  c.device.text = c.device.backend + (c.device.target.empty() ? "" : ":" + c.device.target) +
                  (c.device.options.empty() ? "" : ":" + c.device.options);
  harness::OpenOptions open;
  open.spec = c.spec;
  auto dev = harness::open_device(c.device, c.profile, open);
  std::uint64_t v = 0;
  dev->read(harness::Region::Cmdqv, 0x4, 4, v);
  c.param = static_cast<std::uint32_t>(v);
  dev->read(harness::Region::Smmu, 0x0, 4, v);
  c.idr0 = static_cast<std::uint32_t>(v);
  dev->read(harness::Region::Smmu, 0x4, 4, v);
  c.idr1 = static_cast<std::uint32_t>(v);
  c.geometry = harness::profile_config(c.profile, "");
  c.geometry.vintfs_log2 = (c.param >> 8) & 0xf;
  c.geometry.vcmdqs_log2 = (c.param >> 4) & 0xf;
  c.names = std::make_unique<RegisterNames>(c.spec, c.geometry);
  c.window_vintfs = c.geometry.vintfs();
  if (o.param_override >= 0) {
    // What the driver believes (the names stay those of the device's registers).
    c.param = static_cast<std::uint32_t>(o.param_override);
    c.geometry.vintfs_log2 = (c.param >> 8) & 0xf;
    c.geometry.vcmdqs_log2 = (c.param >> 4) & 0xf;
  }
  return c;
}

RunSetup make_setup(const Options& o, const Context& c, const KshimModule& module) {
  RunSetup s;
  s.module = &module;
  s.names = c.names.get();
  const auto spec = c.spec;
  const auto dspec = c.device;
  const auto profile = c.profile;
  s.make_device = [spec, dspec, profile]() {
    harness::OpenOptions open;
    open.spec = spec;
    return harness::open_device(dspec, profile, open);
  };
  s.options = o.fidelity;
  s.options.smmu_phys = 0x2b400000ull;
  s.options.cmdqv_phys = 0x2b600000ull;
  s.options.cmdqv_size = 0x30000ull + 0x20000ull * c.window_vintfs;
  s.options.irq = o.irq ? 34 : 0;
  s.params["bypass_vcmdq"] = o.bypass;
  s.params["disable_cmdqv"] = o.disable;
  const unsigned lvcmdqs = c.geometry.lvcmdqs_per_vintf();
  s.plan.opcodes = opcodes_for_idr0(c.idr0);
  s.plan.irq = o.irq;
  if (o.inject == "none")
    s.plan.inject_lvcmdq = -1;
  else if (o.inject == "last")
    s.plan.inject_lvcmdq = static_cast<int>(lvcmdqs) - 1;
  else
    s.plan.inject_lvcmdq = static_cast<int>(number("--inject-lvcmdq", o.inject));
  if (s.plan.inject_lvcmdq >= static_cast<int>(lvcmdqs))
    throw Usage("--inject-lvcmdq: VINTF0 has " + std::to_string(lvcmdqs) + " LVCMDQs");
  s.plan.user.enabled = o.user_path && c.profile == harness::Profile::CmdqvHost;
  s.plan.user.cmdqv_phys = s.options.cmdqv_phys;
  s.plan.user.vintfs = c.geometry.vintfs();
  s.plan.user.lvcmdqs = lvcmdqs;
  s.plan.user.cmdqs = (c.idr1 >> 21) & 0x1f;
  s.report.enabled = o.error_report;
  s.param_override = o.param_override;
  s.report.lvcmdq_mask[0] = lvcmdqs >= 64 ? ~0ull : (1ull << lvcmdqs) - 1;
  s.report.lvcmdq_mask[1] = lvcmdqs >= 128 ? ~0ull
                            : lvcmdqs > 64 ? (1ull << (lvcmdqs - 64)) - 1
                                           : 0;
  return s;
}

void print_header(const Options& o, const Context& c, const KshimModule& m) {
  std::cout << "kshim: Linux " << m.api().kernel_release << " tegra241-cmdqv.c (module " << m.path()
            << ")\n";
  std::cout << "device: " << c.device.text << ", profile " << o.profile << " (PARAM 0x" << std::hex
            << c.param << std::dec << ": " << c.geometry.vintfs() << " VINTFs, "
            << c.geometry.vcmdqs() << " VCMDQs, " << c.geometry.lvcmdqs_per_vintf()
            << " LVCMDQs per VINTF)\n";
  std::cout << "fidelity: poison " << (o.fidelity.poison == KSHIM_POISON_SLAB ? "slab" : "zero")
            << ", dev_dbg " << (o.fidelity.dev_dbg ? "on" : "off") << ", devm_krealloc "
            << (o.fidelity.krealloc == KSHIM_KREALLOC_MOVE ? "move" : "bucket") << ", ratelimit "
            << (o.fidelity.ratelimit ? "on" : "off") << ", irq " << (o.irq ? "yes" : "none")
            << "\n";
}

void print_lifecycle(const LifecycleOutcome& out, const RunSetup& s) {
  std::cout << "lifecycle: probe, init_structures, device_reset, " << out.routed.size()
            << " commands, "
            << (s.plan.inject_lvcmdq >= 0 && s.plan.irq
                    ? "an illegal command on LVCMDQ " + std::to_string(s.plan.inject_lvcmdq) + ", "
                    : "")
            << "remove: " << out.events << " shim events\n";
  std::cout << "  CMDQV in use: " << (out.cmdqv_active ? "yes" : "no (fell back to the SMMU CMDQ)")
            << "\n";
  if (out.vintf0_config >= 0) {
    std::cout << "  HYP_OWN read back " << ((out.vintf0_config >> 17) & 1) << " (VINTF0 CONFIG 0x"
              << std::hex << out.vintf0_config << std::dec << ")\n";
  }
  std::map<unsigned, std::vector<const Routed*>> by_op;
  std::vector<unsigned> order;
  for (const auto& r : out.routed) {
    if (!by_op.count(r.opcode)) order.push_back(r.opcode);
    by_op[r.opcode].push_back(&r);
  }
  if (!order.empty()) {
    std::cout << "  routing (opcode: queue per CPU " << s.plan.cpus.front() << ".."
              << s.plan.cpus.back() << "):\n";
    for (unsigned op : order) {
      std::cout << "    " << std::left << std::setw(15) << opcode_name(op) << std::right;
      for (const Routed* r : by_op[op])
        std::cout << " "
                  << (r->lvcmdq < 0 ? std::string("SMMU") : "LVCMDQ" + std::to_string(r->lvcmdq));
      std::cout << "\n";
    }
  }
  if (!out.user_steps.empty()) {
    std::cout << "  iommufd user path:\n";
    for (const auto& u : out.user_steps) std::cout << "    " << u << "\n";
  }
  if (out.violations.empty()) std::cout << "  violations: none\n";
  for (const auto& v : out.violations)
    std::cout << "  VIOLATION " << v.kind << ": " << v.text << "\n";
}

std::string replay_line(const Options& o, const std::vector<std::uint64_t>& schedule) {
  std::string s = "cmdqv-cts kernel";
  for (const auto& a : o.replay_args) s += " " + a;
  s += " --preempt ";
  for (std::size_t i = 0; i < schedule.size(); ++i)
    s += (i ? "," : "") + std::to_string(schedule[i]);
  return s;
}

void print_failure(const ScheduleResult& r, std::size_t index, std::size_t count,
                   const Options& o) {
  std::cout << "  FAIL " << index << ": " << r.summary << "  [" << count << " schedule"
            << (count == 1 ? "" : "s") << "]\n";
  if (r.schedule.empty()) {
    std::cout << "    without preemption\n";
  } else {
    std::cout << "    minimal schedule: the CMDQV IRQ handler runs before\n";
    for (const auto& p : r.preempted) std::cout << "      " << p << "\n";
  }
  if (!r.isr_path.empty()) std::cout << "    ISR path: " << r.isr_path << "\n";
  if (!r.freed_in.empty()) std::cout << "    freed in: " << r.freed_in << "\n";
  std::cout << "    report:\n";
  std::istringstream in(r.report);
  int n = 0;
  for (std::string line; std::getline(in, line) && n < 16; ++n)
    std::cout << "      | " << line << "\n";
  std::cout << "    replay: " << replay_line(o, r.schedule) << "\n";
}

// One lifecycle per geometry drawn from --seed: three in four a geometry a model device can have
// (every VINTF and VCMDQ count, SID pairs, IDR1.CMDQS), one in four a PARAM value no real
// hardware reports (read by the driver while the device keeps its own geometry). Distinct
// failures are listed with the command that replays them.
int geometry_campaign(const Options& base) {
  const KshimModule module(module_for(base));
  std::mt19937_64 rng(base.seed);
  std::vector<ScheduleResult> distinct;
  std::vector<std::string> replays;
  std::map<std::string, std::size_t> counts;
  std::size_t runs = 0, refused = 0, refused_by_driver = 0;
  const bool model = harness::parse_device_spec(base.device).backend == "model";
  std::string source;
  for (std::size_t i = 0; i + 1 < base.replay_args.size(); i += 2) {
    if (base.replay_args[i] == "--debian" || base.replay_args[i] == "--kernel-source" ||
        base.replay_args[i] == "--module")
      source = base.replay_args[i] + " " + base.replay_args[i + 1];
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t g = 0; g < base.geometry_campaign; ++g) {
    Options o = base;
    o.geometry_campaign = 0;
    const bool adversarial = !model || rng() % 4 == 0;
    std::string replay = "cmdqv-cts kernel " + source + " --profile " + o.profile;
    if (adversarial) {
      o.param_override = static_cast<std::int64_t>(rng() & 0xffff);
      replay += " --device " + o.device + " --param-override " +
                hex32(static_cast<std::uint32_t>(o.param_override));
    } else {
      const unsigned v = static_cast<unsigned>(rng() % 7);
      const unsigned q = v + static_cast<unsigned>(rng() % (8 - v));
      const unsigned sids = static_cast<unsigned>(rng() % 5);
      // The SMMU core refuses IDR1.CMDQS <= log2(CMDQ_BATCH_ENTRIES) = 6 at probe; above 12 only
      // the queue memory grows (up to 8 MiB a queue).
      const unsigned cmdqs =
          7 + static_cast<unsigned>(rng() % 6);  // 7..12: larger only costs memory
      o.device = "model:vintfs_log2=" + std::to_string(v) + ",vcmdqs_log2=" + std::to_string(q) +
                 ",sids_log2=" + std::to_string(sids) + ",cmdqs=" + std::to_string(cmdqs);
      replay += " --device " + o.device;
    }
    ScheduleResult r;
    try {
      const Context c = open_context(o);
      const RunSetup setup = make_setup(o, c, module);
      auto dev = setup.make_device();
      r = run_schedule(setup, *dev, {});
    } catch (const std::exception&) {
      ++refused;  // a geometry the device refuses is not one the driver can meet
      continue;
    }
    ++runs;
    // Under a PARAM no hardware reports, the driver may refuse or fail its steps (a reset that
    // times out on queues the device does not have); what counts is what must never happen:
    // memory errors, crashes, accesses outside its mapping, leaks.
    const bool graceful = adversarial && r.kind.rfind("violation: ", 0) == 0 &&
                          r.kind != "violation: leak" && r.kind != "violation: mapping" &&
                          r.kind != "violation: device-ref" && r.kind != "violation: irq-live";
    if (graceful) ++refused_by_driver;
    if (!r.failed || graceful) continue;
    const std::string k = r.key();
    if (counts[k]++ == 0) {
      distinct.push_back(std::move(r));
      replays.push_back(replay);
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "kshim: Linux " << module.api().kernel_release << " tegra241-cmdqv.c (module "
            << module.path() << ")\n";
  std::cout << "geometry campaign: " << base.geometry_campaign << " geometries (seed " << base.seed
            << "), " << runs << " run, " << refused << " refused by the device, "
            << refused_by_driver << " adversarial PARAMs the driver failed on gracefully, in "
            << std::fixed << std::setprecision(2) << secs << " s" << std::defaultfloat << "\n";
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    const ScheduleResult& r = distinct[i];
    std::cout << "  FAIL " << i + 1 << ": " << r.summary << "  [" << counts.at(r.key())
              << " geometr" << (counts.at(r.key()) == 1 ? "y" : "ies") << "]\n";
    if (!r.isr_path.empty()) std::cout << "    path: " << r.isr_path << "\n";
    std::istringstream in(r.report);
    int n = 0;
    for (std::string line; std::getline(in, line) && n < 6; ++n)
      std::cout << "      | " << line << "\n";
    std::cout << "    replay: " << replays[i] << "\n";
  }
  std::cout << "kshim: "
            << (distinct.empty()
                    ? "PASS"
                    : "FAIL (" + std::to_string(distinct.size()) + " distinct failure" +
                          (distinct.size() == 1 ? "" : "s") + ")")
            << "\n";
  return distinct.empty() ? kPass : kFail;
}

int run_command(const Options& o) {
  if (o.geometry_campaign) return geometry_campaign(o);
  const Context c = open_context(o);
  const KshimModule module(module_for(o));
  RunSetup setup = make_setup(o, c, module);
  print_header(o, c, module);
  if (o.preempt_given) {
    std::cout << "replaying schedule in this process:";
    for (auto k : o.preempt) std::cout << " " << k;
    std::cout << std::endl;
    const int rc = replay_schedule(setup, o.preempt);
    std::cout << (rc ? "kshim: FAIL (the schedule fails)\n"
                     : "kshim: PASS (the schedule passes)\n");
    return rc ? kFail : kPass;
  }
  const bool single = o.explore != "none";
  const Exploration e =
      explore(setup, single, o.explore == "none" ? 0 : o.pairs, o.seed, o.jobs, o.batch);
  print_lifecycle(e.baseline.outcome, setup);
  if (e.baseline.failed && e.baseline.outcome.violations.empty()) {
    std::cout << "  without preemption: " << e.baseline.summary << "\n";
  }
  if (single) {
    std::cout << "exploration: every single preemption point (" << e.events << ")"
              << (o.pairs ? ", then " + std::to_string(o.pairs) + " random pairs (seed " +
                                std::to_string(o.seed) + ")"
                          : "")
              << ": " << e.schedules << " schedules in " << std::fixed << std::setprecision(2)
              << e.seconds << " s (" << o.jobs << " at once)" << std::defaultfloat
              << ", error report: "
              << (setup.report.enabled ? "VINTF0 and all its LVCMDQs, CONS.ERR " +
                                             std::to_string(setup.report.cons_err)
                                       : "off")
              << "\n";
  }
  std::size_t i = 0;
  for (const auto& r : e.distinct) print_failure(r, ++i, e.counts.at(r.key()), o);
  const bool failed = e.baseline.failed || !e.distinct.empty();
  std::cout << "kshim: "
            << (failed ? "FAIL (" + std::to_string(e.distinct.size()) + " distinct failure" +
                             (e.distinct.size() == 1 ? "" : "s") + ")"
                       : "PASS")
            << "\n";
  return failed ? kFail : kPass;
}

int bench_command(const Options& o) {
  const Context c = open_context(o);
  const KshimModule module(module_for(o));
  RunSetup setup = make_setup(o, c, module);
  setup.plan.opcodes.clear();
  setup.plan.inject_lvcmdq = -1;
  print_header(o, c, module);
  auto dev = setup.make_device();
  const auto t0 = std::chrono::steady_clock::now();
  std::size_t bad = 0;
  for (std::size_t i = 0; i < o.cycles; ++i) {
    const kshim_module& m = module.api();
    m.reset();
    dev->reset();
    DeviceBridge bridge(module, *dev, *c.names);
    bridge.attach(setup.options);
    if (!run_lifecycle(module, bridge, setup.plan).violations.empty()) ++bad;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "bench: " << o.cycles << " probe/init/reset/remove cycles in " << std::fixed
            << std::setprecision(3) << s << " s: " << std::setprecision(0)
            << static_cast<double>(o.cycles) / s << " cycles/s"
            << (bad ? ", " + std::to_string(bad) + " with violations" : "") << "\n";
  return bad ? kFail : kPass;
}

}  // namespace
}  // namespace cts::kshim

int main(int argc, char** argv) {
  using namespace cts::kshim;
  try {
    const Options o = parse(std::vector<std::string>(argv + 1, argv + argc));
    if (o.command == "build") {
      std::cout << module_for(o) << "\n";
      return kPass;
    }
    if (o.command == "transform-supports-cmd") {
      const std::string tree = o.debian.empty() ? o.tree : debian_tree(o.debian);
      transform_supports_cmd_to_6_12_0(tree, o.out);
      std::cout << "kshim: " << o.out << ": " << tree
                << " with the upstream 6.12.0 supports_cmd ordering\n";
      return kPass;
    }
    if (o.command == "bench") return bench_command(o);
    return run_command(o);
  } catch (const Usage& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n" << kUsageText;
    return kUsage;
  } catch (const Unavailable& e) {
    std::cout << "kshim: SKIPPED: " << e.what() << "\n";
    return kUnavailable;
  } catch (const KernelBuildError& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kUsage;
  } catch (const KernelTreeError& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kUsage;
  } catch (const TransformError& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kUsage;
  } catch (const ModuleError& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kUsage;
  } catch (const cts::harness::UsageError& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kUsage;
  } catch (const cts::harness::DeviceConfigError& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kUsage;
  } catch (const cts::model::ModelError& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kUsage;
  } catch (const std::exception& e) {
    std::cerr << "cmdqv-kshim: " << e.what() << "\n";
    return kFail;
  }
}
