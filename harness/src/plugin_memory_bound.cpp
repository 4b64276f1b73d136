// SPDX-License-Identifier: MIT
// The plugin child's memory bound (see plugin_protocol.h, serve()): RLIMIT_AS relative to the
// child's address space at start (a sanitizer runtime reserves terabytes up front), and a
// fatal-signal handler that tells a death of the bound from any other crash.
#include "plugin_memory_bound.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstring>
#include <initializer_list>

#include "plugin_protocol.h"

// A sanitizer runtime ends an out-of-memory process itself (an exit, not a signal); it calls
// this hook first. Weak: absent from uninstrumented builds.
extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace cts::harness::plugin {
namespace {

std::uint64_t g_limit = 0;  // RLIMIT_AS set, bytes
std::uint64_t g_slack = 0;  // within this of the limit, a death is the bound's

// VmSize from /proc/self/status in bytes, 0 if unknown. Async-signal-safe: no allocation.
std::uint64_t vm_size() {
  char buf[4096];
  const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  const ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  const char* p = std::strstr(buf, "VmSize:");
  if (!p) return 0;
  p += 7;
  while (*p == ' ' || *p == '\t') ++p;
  std::uint64_t kib = 0;
  while (*p >= '0' && *p <= '9') kib = kib * 10 + static_cast<std::uint64_t>(*p++ - '0');
  return kib * 1024;
}

bool near_bound() {
  return g_limit != 0 && vm_size() + g_slack >= g_limit;
}

void on_fatal_signal(int sig) {
  if (near_bound()) _exit(kMemoryBoundStatus);
  ::signal(sig, SIG_DFL);  // any other crash is reported as its own signal
  ::raise(sig);
}

void on_sanitizer_death() {
  if (near_bound()) _exit(kMemoryBoundStatus);
}

alignas(16) char g_alt_stack[64 * 1024];  // the handler runs even when the stack is exhausted

}  // namespace

void set_memory_bound(std::uint64_t bound) {
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(sig, SIG_DFL);
  if (bound == 0) return;
  const std::uint64_t now = vm_size();
  if (now == 0) return;  // no /proc: no bound rather than a wrong one
  g_limit = now + bound;
  g_slack = bound / 4;
  const rlimit r{g_limit, g_limit};
  if (::setrlimit(RLIMIT_AS, &r) != 0) {
    g_limit = 0;
    return;
  }
  stack_t ss{};
  ss.ss_sp = g_alt_stack;
  ss.ss_size = sizeof g_alt_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sa.sa_flags = SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGABRT}) ::sigaction(sig, &sa, nullptr);
  if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(on_sanitizer_death);
}

}  // namespace cts::harness::plugin
