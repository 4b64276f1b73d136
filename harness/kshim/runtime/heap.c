// SPDX-License-Identifier: MIT
// The kmalloc family. Objects come from the C heap, so AddressSanitizer sees every
// use-after-free and double free; a new object is filled with the slab poison byte (0x5a, as
// SLUB's POISON_INUSE) unless zeroing was asked for, so a read of uninitialised memory yields
// a recognisable non-canonical pointer rather than a lucky zero.
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

#define KSHIM_ZERO_SIZE_PTR ((void*)16)
#define KSHIM_SLAB_POISON 0x5a

void kshim_fill_new(void* p, unsigned long size, int zero) {
  memset(p, zero || kshim_rt.opt.poison == KSHIM_POISON_ZERO ? 0 : KSHIM_SLAB_POISON, size);
}

void kshim_heap_track(const void* p) {
  if (kshim_rt.n_live == kshim_rt.cap_live) {
    size_t cap = kshim_rt.cap_live ? kshim_rt.cap_live * 2 : 64;
    const void** grown = realloc(kshim_rt.live, cap * sizeof *grown);
    if (!grown) abort();
    kshim_rt.live = grown;
    kshim_rt.cap_live = cap;
  }
  kshim_rt.live[kshim_rt.n_live++] = p;
}

int kshim_heap_untrack(const void* p) {
  for (size_t i = kshim_rt.n_live; i-- > 0;) {
    if (kshim_rt.live[i] == p) {
      kshim_rt.live[i] = kshim_rt.live[--kshim_rt.n_live];
      return 1;
    }
  }
  return 0;
}

void* kshim_kmalloc(unsigned long size, int zero) {
  kshim_event(KSHIM_EV_ALLOC, zero ? "kzalloc" : "kmalloc", 0, size, 0, 0,
              __builtin_return_address(0));
  if (size == 0) return KSHIM_ZERO_SIZE_PTR;
  void* p = malloc(size);
  if (!p) return NULL;
  kshim_fill_new(p, size, zero);
  kshim_heap_track(p);
  return p;
}

void kshim_kfree(const void* p) {
  kshim_event(KSHIM_EV_FREE, "kfree", 0, 0, 0, 0, __builtin_return_address(0));
  if (!p || p == KSHIM_ZERO_SIZE_PTR) return;
  if (!kshim_heap_untrack(p)) {
    kshim_finding("bad-free",
                  "kfree(%p): not a live kmalloc object (double free, or devres memory)", p);
  }
  free((void*)p); /* AddressSanitizer reports a double or invalid free with both stacks */
}
