/* SPDX-License-Identifier: MIT */
/* kshim runtime internals shared by its files: the one state of a loaded module instance. */
#ifndef KSHIM_RUNTIME_H
#define KSHIM_RUNTIME_H

#include <stddef.h>

#include "kshim/kapi.h"
#include "kshim/module.h"

struct kshim_mapping {
  char* cookie; /* PROT_NONE reservation: a direct dereference faults */
  unsigned long size;
  unsigned region;
  unsigned long long region_off;
  int live;
};

struct kshim_devres {
  enum { DR_MEM, DR_ACTION, DR_DMA } kind;
  void* ptr;
  unsigned long size;
  void (*fn)(void*);
  unsigned long long iova;
  unsigned char* shadow; /* DR_DMA: what the device last saw */
};

struct kshim_devres_list {
  void* dev;
  struct kshim_devres* items;
  size_t n, cap;
};

struct kshim_irq {
  unsigned irq;
  kshim_irq_handler handler, thread_fn;
  unsigned long flags;
  void* dev_id;
  int requested;
  int running, pending;
};

struct kshim_state {
  struct kshim_platform_ops ops;
  struct kshim_options opt;
  int configured;
  unsigned long long seq; /* next main-context event number */
  unsigned long long clock_ns;
  unsigned cpu;
  struct kshim_mapping maps[16];
  size_t n_maps;
  const void** live; /* kmalloc'ed objects */
  size_t n_live, cap_live;
  struct kshim_devres_list devres[4];
  size_t n_devres;
  unsigned long long next_iova;
  struct kshim_irq irq;
  struct {
    void* dev;
    int refs;
  } refs[4];
  size_t n_refs;
  /* Every rate limit state seen (static in the driver's call sites): reset starts them anew, so
   * that runs in one process do not depend on each other. */
  struct kshim_ratelimit* ratelimits[32];
  size_t n_ratelimits;
};

extern struct kshim_state kshim_rt;

/* events.c: count one event (and let the harness preempt) before it takes effect. */
void kshim_event(enum kshim_event_kind kind, const char* what, unsigned region,
                 unsigned long long off, unsigned size, unsigned long long value, const void* site);
int kshim_in_irq(void);
void kshim_finding(const char* kind, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
/* A finding the process cannot continue after (a real kernel would oops): report and abort. */
void kshim_fatal(const char* kind, const char* fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/* devres.c */
struct kshim_devres_list* kshim_devres_of(void* dev, int create);
void kshim_dma_sync_all(void);

/* irq.c */
void kshim_irq_raise(void);

/* heap.c */
void kshim_heap_track(const void* p);
int kshim_heap_untrack(const void* p);
void kshim_fill_new(void* p, unsigned long size, int zero);

#endif
