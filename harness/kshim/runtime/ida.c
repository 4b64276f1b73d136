// SPDX-License-Identifier: MIT
// The ID allocator: lowest free id in a range; freeing an id that is not allocated warns, as
// the kernel's ida_free does.
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

#define KSHIM_IDA_MAX 4096u

struct kshim_ida_state {
  unsigned char used[KSHIM_IDA_MAX];
};

void kshim_ida_init(void** slot) {
  kshim_event(KSHIM_EV_IDA, "ida_init", 0, 0, 0, 0, __builtin_return_address(0));
  *slot = NULL; /* allocated on first use, as the kernel's IDA is */
}

int kshim_ida_alloc_range(void** slot, unsigned min, unsigned max) {
  kshim_event(KSHIM_EV_IDA, "ida_alloc", 0, min, 0, max, __builtin_return_address(0));
  if (!*slot) {
    *slot = calloc(1, sizeof(struct kshim_ida_state));
    if (!*slot) return -12; /* -ENOMEM */
  }
  struct kshim_ida_state* s = *slot;
  for (unsigned id = min; id <= max && id < KSHIM_IDA_MAX; ++id) {
    if (!s->used[id]) {
      s->used[id] = 1;
      return (int)id;
    }
  }
  return -28; /* -ENOSPC */
}

void kshim_ida_free(void** slot, unsigned id) {
  kshim_event(KSHIM_EV_IDA, "ida_free", 0, id, 0, 0, __builtin_return_address(0));
  struct kshim_ida_state* s = *slot;
  if (!s || id >= KSHIM_IDA_MAX || !s->used[id]) {
    kshim_finding("WARN", "ida_free called for id=%u which is not allocated", id);
    return;
  }
  s->used[id] = 0;
}

void kshim_ida_destroy(void** slot) {
  kshim_event(KSHIM_EV_IDA, "ida_destroy", 0, 0, 0, 0, __builtin_return_address(0));
  free(*slot);
  *slot = NULL;
}
