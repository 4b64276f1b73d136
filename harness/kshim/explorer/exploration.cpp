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

ScheduleResult run_schedule(const RunSetup& setup, harness::Device& device,
                            const std::vector<std::uint64_t>& schedule) {
  ScheduleResult r;
  r.schedule = schedule;
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[1]);
    std::vector<Finding> findings;
    LifecycleOutcome o = run_here(setup, device, schedule, true, &findings, nullptr);
    print_outcome(o);
    std::cout.flush();
    std::cerr.flush();
    _exit(o.violations.empty() && findings.empty() ? 0 : 1);
  }
  close(fds[1]);
  std::string out;
  char buf[8192];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
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

int replay_schedule(const RunSetup& setup, const std::vector<std::uint64_t>& schedule) {
  std::vector<Finding> findings;
  std::vector<PreemptionRecord> pre;
  auto device = setup.make_device();
  LifecycleOutcome o = run_here(setup, *device, schedule, true, &findings, &pre);
  print_outcome(o);
  return o.violations.empty() && findings.empty() ? 0 : 1;
}

Exploration explore(const RunSetup& setup, bool single, std::size_t pairs, std::uint64_t seed) {
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
  if (single) {
    for (std::uint64_t k = 0; k < e.events; ++k) record(run_schedule(setup, *device, {k}));
  }
  if (pairs && e.events >= 2) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::uint64_t> pick(0, e.events - 1);
    for (std::size_t i = 0; i < pairs; ++i) {
      std::uint64_t a = pick(rng), b = pick(rng);
      if (a == b) b = (b + 1) % e.events;
      if (a > b) std::swap(a, b);
      record(run_schedule(setup, *device, {a, b}));
    }
  }
  e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return e;
}

}  // namespace cts::kshim
