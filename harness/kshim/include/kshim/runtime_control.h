/* SPDX-License-Identifier: MIT */
/* The runtime's controls, for the module table (kernel/src/module_entry.c). Plain C types. */
#ifndef KSHIM_RUNTIME_CONTROL_H
#define KSHIM_RUNTIME_CONTROL_H

#include "kshim/module.h"

#ifdef __cplusplus
extern "C" {
#endif

void kshim_rt_configure(const struct kshim_platform_ops* ops, const struct kshim_options* opt);
int kshim_rt_set_param(const char* name, int value);
void kshim_rt_set_cpu(unsigned cpu);
void kshim_rt_raise_irq(void);
int kshim_rt_irq_requested(void);
unsigned long long kshim_rt_event_count(void);
unsigned long kshim_rt_live_allocations(void);
unsigned long kshim_rt_live_mappings(void);
int kshim_rt_device_refs(void* dev);
/* Forget every mapping, object and resource (the harness starts a new, independent run). */
void kshim_rt_reset(void);

#ifdef __cplusplus
}
#endif

#endif
