// SPDX-License-Identifier: MIT
// What the harness controls in the runtime (the runtime half of struct kshim_module).
#include <string.h>
#include <sys/mman.h>

#include "kshim/runtime_control.h"
#include "runtime.h"

/* The driver's module_param records (section kshim_params of this shared object). */
extern const struct kshim_module_param __start_kshim_params[]
    __attribute__((weak, visibility("hidden")));
extern const struct kshim_module_param __stop_kshim_params[]
    __attribute__((weak, visibility("hidden")));

void kshim_rt_configure(const struct kshim_platform_ops* ops, const struct kshim_options* opt) {
  kshim_rt.ops = *ops;
  kshim_rt.opt = *opt;
  kshim_rt.next_iova = 0x40000000ull;
  kshim_rt.configured = 1;
}

int kshim_rt_set_param(const char* name, int value) {
  for (const struct kshim_module_param* p = __start_kshim_params; p && p < __stop_kshim_params;
       ++p) {
    if (strcmp(p->name, name) != 0) continue;
    if (p->size == sizeof(_Bool)) {
      *(_Bool*)p->value = value != 0;
    } else if (p->size == sizeof(int)) {
      *(int*)p->value = value;
    } else {
      return -1;
    }
    return 0;
  }
  return -1;
}

void kshim_rt_set_cpu(unsigned cpu) {
  kshim_rt.cpu = cpu;
}
void kshim_rt_raise_irq(void) {
  kshim_irq_raise();
}
int kshim_rt_irq_requested(void) {
  return kshim_rt.irq.requested;
}
unsigned long long kshim_rt_event_count(void) {
  return kshim_rt.seq;
}
unsigned long kshim_rt_live_allocations(void) {
  return (unsigned long)kshim_rt.n_live;
}

unsigned long kshim_rt_live_mappings(void) {
  unsigned long n = 0;
  for (size_t i = 0; i < kshim_rt.n_maps; ++i) n += kshim_rt.maps[i].live ? 1u : 0u;
  return n;
}

int kshim_rt_device_refs(void* dev) {
  for (size_t i = 0; i < kshim_rt.n_refs; ++i) {
    if (kshim_rt.refs[i].dev == dev) return kshim_rt.refs[i].refs;
  }
  return 0;
}

void kshim_rt_reset(void) {
  for (size_t i = 0; i < kshim_rt.n_maps; ++i)
    munmap(kshim_rt.maps[i].cookie, kshim_rt.maps[i].size);
  kshim_rt.n_maps = 0;
  kshim_rt.n_live = 0;
  kshim_rt.n_devres = 0;
  kshim_rt.n_refs = 0;
  memset(&kshim_rt.irq, 0, sizeof kshim_rt.irq);
  kshim_rt.seq = 0;
  kshim_rt.clock_ns = 0;
  kshim_rt.next_iova = 0x40000000ull;
  for (size_t i = 0; i < kshim_rt.n_ratelimits; ++i) {
    kshim_rt.ratelimits[i]->begin_ns = 0;
    kshim_rt.ratelimits[i]->printed = 0;
    kshim_rt.ratelimits[i]->missed = 0;
  }
}
