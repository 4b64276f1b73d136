// SPDX-License-Identifier: MIT
#include "exploration.h"

#include <poll.h>
#include <sanitizer/common_interface_defs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <random>
#include <sstream>

#include "sanitizer_report.h"

namespace cts::kshim {
namespace {

LifecycleOutcome run_here(const RunSetup& s, harness::Device& device,
                          const std::vector<std::uint64_t>& schedule, bool echo,
                          std::vector<Finding>* findings,
                          std::vector<PreemptionRecord>* preemptions) {
  const kshim_module& m = s.module->api();
  m.reset();
  device.reset();
  DeviceBridge bridge(*s.module, device, *s.names);
  bridge.set_echo(echo);
  bridge.set_schedule(schedule);
  bridge.set_error_report(s.report);
  bridge.set_param_override(s.param_override);
  bridge.attach(s.options);
  for (const auto& [name, value] : s.params) m.set_param(name.c_str(), value);
  LifecycleOutcome out = run_lifecycle(*s.module, bridge, s.plan);
  if (findings) *findings = bridge.findings();
  if (preemptions) *preemptions = bridge.preemptions();
  return out;
}

void print_outcome(const LifecycleOutcome& o) {
  std::cout << "@kshim events " << o.events << "\n";
  std::cout << "@kshim active " << (o.cmdqv_active ? 1 : 0) << "\n";
  std::cout << "@kshim vintf0_config " << o.vintf0_config << "\n";
  for (const auto& r : o.routed) {
    std::cout << "@kshim routed " << r.cpu << " " << r.opcode << " " << r.lvcmdq << " " << r.ret
              << " " << r.cerror << "\n";
  }
  for (const auto& v : o.violations)
    std::cout << "@kshim violation " << v.kind << " " << v.text << "\n";
  for (const auto& u : o.user_steps) std::cout << "@kshim user " << u << "\n";
}

void parse_outcome(const std::string& text, ScheduleResult& r) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("@kshim ", 0) != 0) continue;
    std::istringstream l(line.substr(7));
    std::string tag;
    l >> tag;
    if (tag == "events") l >> r.outcome.events;
    if (tag == "active") {
      int a = 0;
      l >> a;
      r.outcome.cmdqv_active = a != 0;
    }
    if (tag == "vintf0_config") l >> r.outcome.vintf0_config;
    if (tag == "routed") {
      Routed x;
      l >> x.cpu >> x.opcode >> x.lvcmdq >> x.ret >> x.cerror;
      r.outcome.routed.push_back(x);
    }
    if (tag == "violation") {
      Violation v;
      l >> v.kind;
      std::getline(l >> std::ws, v.text);
      r.outcome.violations.push_back(v);
    }
    if (tag == "user") {
      std::string u;
      std::getline(l >> std::ws, u);
      r.outcome.user_steps.push_back(u);
    }
    if (tag == "preempted") {
      std::string site, rest;
      l >> site;
      std::getline(l >> std::ws, rest);
      const void* pc = reinterpret_cast<const void*>(std::stoull(site, nullptr, 16));
      r.preempted.push_back(rest + " in " + symbolize(pc));
    }
  }
  r.events = r.outcome.events;
}

}  // namespace

std::string ScheduleResult::key() const {
  return kind + " | " + (isr_path.empty() ? summary : isr_path.substr(0, isr_path.find(" <- ")));
}

// Warms the sanitizer's symbolizer in the parent, so that forked children inherit it ready.
void warm_symbolizer(const RunSetup& setup) {
  static bool warm = false;
  if (warm) return;
  warm = true;
  symbolize(reinterpret_cast<const void*>(setup.module->api().probe));
  symbolize(reinterpret_cast<const void*>(&warm_symbolizer));
}

namespace {

// A forked child running one schedule; its output goes to an unlinked temporary file (a pipe
// would block a chatty child while the parent waits for another one).
struct Pending {
  pid_t pid = -1;
  std::FILE* out = nullptr;
  std::vector<std::uint64_t> schedule;
};

Pending start_schedule(const RunSetup& setup, harness::Device& device,
                       const std::vector<std::uint64_t>& schedule) {
  Pending p;
  p.schedule = schedule;
  p.out = std::tmpfile();
  if (!p.out) throw std::runtime_error("cannot create a temporary file for a schedule's output");
  std::cout.flush();
  std::cerr.flush();
  p.pid = fork();
  if (p.pid < 0) throw std::runtime_error("fork failed");
  if (p.pid == 0) {
    dup2(fileno(p.out), 1);
    dup2(fileno(p.out), 2);
    std::vector<Finding> findings;
    LifecycleOutcome o = run_here(setup, device, schedule, true, &findings, nullptr);
    print_outcome(o);
    std::cout.flush();
    std::cerr.flush();
    _exit(o.violations.empty() && findings.empty() ? 0 : 1);
  }
  return p;
}

std::string take_output(Pending& p) {
  std::string out;
  std::rewind(p.out);
  char buf[8192];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p.out)) > 0;) out.append(buf, n);
  std::fclose(p.out);
  p.out = nullptr;
  return out;
}

// One schedule's verdict from its output and wait status.
ScheduleResult judge_schedule(const std::vector<std::uint64_t>& schedule, const std::string& out,
                              int status) {
  ScheduleResult r;
  r.schedule = schedule;
  parse_outcome(out, r);

  const SanitizerReport san = parse_sanitizer_report(out);
  std::vector<std::string> findings;
  {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("@kshim finding ", 0) == 0) findings.push_back(line.substr(15));
    }
  }
  if (san.present) {
    r.failed = true;
    r.kind = san.kind;
    const auto kf = kernel_frames(san.stack);
    r.isr_path = join_frames(kf, " <- ");
    if (!san.freed.empty()) {
      const auto freed = kernel_frames(san.freed);
      r.freed_in = join_frames(freed.empty() ? san.freed : freed, " <- ");
    }
    r.summary = san.kind + (san.access.empty() ? "" : " (" + san.access + ")") +
                (kf.empty() ? ""
                            : " in " + kf.front().function +
                                  (kf.front().location.empty() ? "" : " " + kf.front().location));
    r.report = san.excerpt;
  } else if (!findings.empty()) {
    r.failed = true;
    r.kind = findings.front().substr(0, findings.front().find(':'));
    r.summary = findings.front();
    // A finding prints kshim's own stack trace right after it: take the kernel frames.
    const SanitizerReport trace = parse_sanitizer_report("ERROR: AddressSanitizer: finding\n" +
                                                         out.substr(out.find("@kshim finding ")));
    r.isr_path = join_frames(kernel_frames(trace.stack), " <- ");
    for (const auto& f : findings) r.report += f + "\n";
  } else if (WIFSIGNALED(status)) {
    r.failed = true;
    r.kind = "signal " + std::to_string(WTERMSIG(status));
    r.summary = std::string("the child died of signal ") + strsignal(WTERMSIG(status));
    r.report = out.substr(out.size() > 4000 ? out.size() - 4000 : 0);
  } else if (!r.outcome.violations.empty()) {
    r.failed = true;
    r.kind = "violation: " + r.outcome.violations.front().kind;
    r.summary = r.outcome.violations.front().text;
    for (const auto& v : r.outcome.violations) r.report += v.kind + ": " + v.text + "\n";
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    r.failed = true;
    r.kind = "exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    r.summary = "the child exited abnormally";
    r.report = out.substr(out.size() > 4000 ? out.size() - 4000 : 0);
  }
  return r;
}

}  // namespace

ScheduleResult run_schedule(const RunSetup& setup, harness::Device& device,
                            const std::vector<std::uint64_t>& schedule) {
  Pending p = start_schedule(setup, device, schedule);
  int status = 0;
  waitpid(p.pid, &status, 0);
  return judge_schedule(schedule, take_output(p), status);
}

namespace {

// A worker child runs a batch of schedules one after the other (the module and the device are
// reset before each, as for a child of its own), framing each one's output with
// "@kshim begin I" and "@kshim end I STATUS". A crash or a sanitizer abort ends the worker in
// the middle of one schedule: that schedule gets the crash, the rest of the batch runs again in
// a new worker. One fork per batch instead of one per schedule.
struct Worker {
  pid_t pid = -1;
  std::FILE* out = nullptr;
  std::vector<std::size_t> batch;  // indexes into the schedule list
};

Worker start_worker(const RunSetup& setup, harness::Device& device,
                    const std::vector<std::vector<std::uint64_t>>& schedules,
                    std::vector<std::size_t> batch) {
  Worker w;
  w.batch = std::move(batch);
  w.out = std::tmpfile();
  if (!w.out) throw std::runtime_error("cannot create a temporary file for a worker's output");
  std::cout.flush();
  std::cerr.flush();
  w.pid = fork();
  if (w.pid < 0) throw std::runtime_error("fork failed");
  if (w.pid == 0) {
    dup2(fileno(w.out), 1);
    dup2(fileno(w.out), 2);
    for (std::size_t i : w.batch) {
      std::cout << "@kshim begin " << i << std::endl;
      std::vector<Finding> findings;
      LifecycleOutcome o = run_here(setup, device, schedules[i], true, &findings, nullptr);
      print_outcome(o);
      std::cout << "@kshim end " << i << " " << (o.violations.empty() && findings.empty() ? 0 : 1)
                << std::endl;
    }
    std::cerr.flush();
    _exit(0);
  }
  return w;
}

}  // namespace

// Runs the schedules in batches of `batch`, with up to `jobs` workers at once; results in the
// order of `schedules`.
std::vector<ScheduleResult> run_schedules(const RunSetup& setup, harness::Device& device,
                                          const std::vector<std::vector<std::uint64_t>>& schedules,
                                          unsigned jobs, unsigned batch) {
  std::vector<ScheduleResult> results(schedules.size());
  std::deque<std::size_t> todo;
  for (std::size_t i = 0; i < schedules.size(); ++i) todo.push_back(i);
  std::map<pid_t, Worker> running;
  while (!todo.empty() || !running.empty()) {
    while (!todo.empty() && running.size() < std::max(1u, jobs)) {
      std::vector<std::size_t> b;
      while (!todo.empty() && b.size() < std::max(1u, batch)) {
        b.push_back(todo.front());
        todo.pop_front();
      }
      Worker w = start_worker(setup, device, schedules, std::move(b));
      running.emplace(w.pid, std::move(w));
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    const auto it = running.find(pid);
    if (it == running.end()) continue;  // not ours (cannot happen: we fork nothing else)
    Worker& w = it->second;
    std::string out;
    {
      Pending p;
      p.out = w.out;
      out = take_output(p);
    }
    // Split the output at the frames; an open frame is the schedule the worker died in.
    std::size_t done = 0, pos = 0;
    while (done < w.batch.size()) {
      const std::string begin = "@kshim begin " + std::to_string(w.batch[done]) + "\n";
      const std::size_t b = out.find(begin, pos);
      if (b == std::string::npos) break;
      const std::string end = "@kshim end " + std::to_string(w.batch[done]) + " ";
      const std::size_t e = out.find(end, b);
      const std::size_t body = b + begin.size();
      if (e == std::string::npos) {
        results[w.batch[done]] = judge_schedule(schedules[w.batch[done]], out.substr(body), status);
        ++done;
        break;
      }
      const int rc = out[e + end.size()] == '0' ? 0 : 1;
      results[w.batch[done]] =
          judge_schedule(schedules[w.batch[done]], out.substr(body, e - body), rc << 8);
      pos = out.find('\n', e);
      ++done;
    }
    if (done == 0 && !w.batch.empty()) {
      // Died before the first frame: charge it to that schedule rather than loop forever.
      results[w.batch[0]] = judge_schedule(schedules[w.batch[0]], out, status);
      done = 1;
    }
    for (std::size_t i = w.batch.size(); i-- > done;) todo.push_front(w.batch[i]);
    running.erase(it);
  }
  return results;
}

int replay_schedule(const RunSetup& setup, const std::vector<std::uint64_t>& schedule) {
  std::vector<Finding> findings;
  std::vector<PreemptionRecord> pre;
  auto device = setup.make_device();
  LifecycleOutcome o = run_here(setup, *device, schedule, true, &findings, &pre);
  print_outcome(o);
  return o.violations.empty() && findings.empty() ? 0 : 1;
}

Exploration explore(const RunSetup& setup, bool single, std::size_t pairs, std::uint64_t seed,
                    unsigned jobs, unsigned batch) {
  Exploration e;
  const auto t0 = std::chrono::steady_clock::now();
  warm_symbolizer(setup);
  // One device for all schedules: each child resets its own copy (or the plugin) first.
  auto device = setup.make_device();
  e.baseline = run_schedule(setup, *device, {});
  e.events = e.baseline.events;
  auto record = [&](ScheduleResult&& r) {
    ++e.schedules;
    if (!r.failed) return;
    const std::string k = r.key();
    if (e.counts[k]++ == 0) e.distinct.push_back(std::move(r));
  };
  std::vector<std::vector<std::uint64_t>> schedules;
  if (single) {
    for (std::uint64_t k = 0; k < e.events; ++k) schedules.push_back({k});
  }
  if (pairs && e.events >= 2) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::uint64_t> pick(0, e.events - 1);
    for (std::size_t i = 0; i < pairs; ++i) {
      std::uint64_t a = pick(rng), b = pick(rng);
      if (a == b) b = (b + 1) % e.events;
      if (a > b) std::swap(a, b);
      schedules.push_back({a, b});
    }
  }
  for (auto& r : run_schedules(setup, *device, schedules, jobs, batch)) record(std::move(r));
  e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return e;
}

}  // namespace cts::kshim
