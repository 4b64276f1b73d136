// SPDX-License-Identifier: MIT
// The event counter: every call from the kernel side is numbered (in the main context only,
// so that an ISR run does not shift the numbers of a schedule) and offered to the harness
// before it takes effect, which is where systematic preemption raises the IRQ.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime.h"

struct kshim_state kshim_rt;

int kshim_in_irq(void) {
  return kshim_rt.irq.running;
}

void kshim_event(enum kshim_event_kind kind, const char* what, unsigned region,
                 unsigned long long off, unsigned size, unsigned long long value,
                 const void* site) {
  if (kshim_in_irq()) return;
  struct kshim_event ev = {kshim_rt.seq++, kind, what, region, off, size, value, site};
  if (kshim_rt.ops.before_event) kshim_rt.ops.before_event(kshim_rt.ops.ctx, &ev);
}

static void vreport(const char* kind, const char* fmt, va_list ap) {
  char text[512];
  vsnprintf(text, sizeof text, fmt, ap);
  if (kshim_rt.ops.finding) {
    kshim_rt.ops.finding(kshim_rt.ops.ctx, kind, text);
  } else {
    fprintf(stderr, "kshim: %s: %s\n", kind, text);
  }
}

void kshim_finding(const char* kind, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(kind, fmt, ap);
  va_end(ap);
}

void kshim_fatal(const char* kind, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(kind, fmt, ap);
  va_end(ap);
  abort();
}

void kshim_event_point(const char* what) {
  kshim_event(KSHIM_EV_POINT, what, 0, 0, 0, 0, __builtin_return_address(0));
}
