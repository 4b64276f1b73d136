/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/idr.h>: the ID allocator (state kept by the runtime). */
#ifndef KSHIM_LINUX_IDR_H
#define KSHIM_LINUX_IDR_H
#include <kshim/kapi.h>
#include <linux/gfp_types.h>
struct ida {
  void* kshim_state;
};
#define DEFINE_IDA(name) struct ida name = {0}
static inline void ida_init(struct ida* ida) {
  kshim_ida_init(&ida->kshim_state);
}
static inline int ida_alloc_range(struct ida* ida, unsigned int min, unsigned int max, gfp_t gfp) {
  (void)gfp;
  return kshim_ida_alloc_range(&ida->kshim_state, min, max);
}
static inline int ida_alloc_max(struct ida* ida, unsigned int max, gfp_t gfp) {
  return ida_alloc_range(ida, 0, max, gfp);
}
static inline int ida_alloc_min(struct ida* ida, unsigned int min, gfp_t gfp) {
  return ida_alloc_range(ida, min, ~0u >> 1, gfp);
}
static inline int ida_alloc(struct ida* ida, gfp_t gfp) {
  return ida_alloc_range(ida, 0, ~0u >> 1, gfp);
}
static inline void ida_free(struct ida* ida, unsigned int id) {
  kshim_ida_free(&ida->kshim_state, id);
}
static inline void ida_destroy(struct ida* ida) {
  kshim_ida_destroy(&ida->kshim_state);
}
#endif
