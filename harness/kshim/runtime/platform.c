// SPDX-License-Identifier: MIT
// The platform around the driver: the ACPI companion's resources, device references, the
// kernel log with dev_dbg and rate limits, the virtual clock, the current CPU and WARNs.
#include <stdarg.h>
#include <stdio.h>

#include "runtime.h"

int kshim_acpi_cmdqv_resources(void* adev, unsigned long long* start, unsigned long long* size,
                               int* irq) {
  (void)adev;
  kshim_event(KSHIM_EV_ACPI, "acpi_dev_get_resources", 0, 0, 0, 0, __builtin_return_address(0));
  *start = kshim_rt.opt.cmdqv_phys;
  *size = kshim_rt.opt.cmdqv_size;
  *irq = kshim_rt.opt.irq;
  return 0;
}

unsigned long long kshim_smmu_phys(void) {
  return kshim_rt.opt.smmu_phys;
}

static int* refs_of(void* dev) {
  for (size_t i = 0; i < kshim_rt.n_refs; ++i) {
    if (kshim_rt.refs[i].dev == dev) return &kshim_rt.refs[i].refs;
  }
  if (kshim_rt.n_refs == sizeof kshim_rt.refs / sizeof kshim_rt.refs[0]) return NULL;
  kshim_rt.refs[kshim_rt.n_refs].dev = dev;
  kshim_rt.refs[kshim_rt.n_refs].refs = 0;
  return &kshim_rt.refs[kshim_rt.n_refs++].refs;
}

void kshim_get_device(void* dev) {
  kshim_event(KSHIM_EV_DEVICE_REF, "get_device", 0, 0, 0, 0, __builtin_return_address(0));
  int* r = dev ? refs_of(dev) : NULL;
  if (r) ++*r;
}

void kshim_put_device(void* dev) {
  kshim_event(KSHIM_EV_DEVICE_REF, "put_device", 0, 0, 0, 0, __builtin_return_address(0));
  int* r = dev ? refs_of(dev) : NULL;
  if (!r) return;
  if (*r == 0) {
    kshim_finding("WARN", "put_device(%p): no reference held (refcount underflow)", dev);
    return;
  }
  --*r;
}

void kshim_printk(int level, const char* dev_name, const char* fmt, ...) {
  char body[768], line[896];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(body, sizeof body, fmt, ap);
  va_end(ap);
  snprintf(line, sizeof line, "%s%s%s", dev_name ? dev_name : "", dev_name && *dev_name ? ": " : "",
           body);
  if (kshim_rt.ops.log) kshim_rt.ops.log(kshim_rt.ops.ctx, level, line);
}

int kshim_debug_enabled(void) {
  return kshim_rt.opt.dev_dbg;
}

/* The kernel's ___ratelimit(): `burst` messages per `interval`, counted from the first. */
int kshim_ratelimit_pass(struct kshim_ratelimit* rs) {
  if (!kshim_rt.opt.ratelimit || rs->interval_ms <= 0) return 1;
  size_t i;
  for (i = 0; i < kshim_rt.n_ratelimits && kshim_rt.ratelimits[i] != rs; ++i) {
  }
  if (i == kshim_rt.n_ratelimits && i < sizeof kshim_rt.ratelimits / sizeof kshim_rt.ratelimits[0])
    kshim_rt.ratelimits[kshim_rt.n_ratelimits++] = rs;
  unsigned long long now = kshim_rt.clock_ns;
  unsigned long long interval = (unsigned long long)rs->interval_ms * 1000000ull;
  if (!rs->begin_ns) rs->begin_ns = now ? now : 1;
  if (now > rs->begin_ns + interval) {
    rs->begin_ns = now;
    rs->printed = 0;
    rs->missed = 0;
  }
  if (rs->burst && rs->burst > rs->printed) {
    rs->printed++;
    return 1;
  }
  rs->missed++;
  return 0;
}

void kshim_warn(const char* file, int line, const char* cond) {
  const char* base = file;
  for (const char* p = file; *p; ++p) {
    if (*p == '/') base = p + 1;
  }
  kshim_finding("WARN", "WARNING at %s:%d: %s", base, line, cond);
}

unsigned long long kshim_clock_ns(void) {
  return kshim_rt.clock_ns;
}
void kshim_delay_ns(unsigned long long ns) {
  kshim_rt.clock_ns += ns;
}
unsigned kshim_current_cpu(void) {
  return kshim_rt.cpu;
}
