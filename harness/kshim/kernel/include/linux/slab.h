/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/slab.h>: the kmalloc family (runtime heap with poisoning). */
#ifndef KSHIM_LINUX_SLAB_H
#define KSHIM_LINUX_SLAB_H
#include <kshim/kapi.h>
#include <linux/gfp_types.h>
#include <linux/overflow.h>
#include <linux/types.h>
#define ZERO_SIZE_PTR ((void*)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
static inline void* kmalloc(size_t size, gfp_t flags) {
  return kshim_kmalloc(size, !!(flags & __GFP_ZERO));
}
static inline void* kzalloc(size_t size, gfp_t flags) {
  (void)flags;
  return kshim_kmalloc(size, 1);
}
static inline void* kmalloc_array(size_t n, size_t size, gfp_t flags) {
  size_t bytes;
  if (__builtin_mul_overflow(n, size, &bytes)) return NULL;
  return kmalloc(bytes, flags);
}
static inline void* kcalloc(size_t n, size_t size, gfp_t flags) {
  return kmalloc_array(n, size, flags | __GFP_ZERO);
}
/* The typed allocators of 7.x: one object, or an array of n, zeroed. */
#define kzalloc_obj(obj, ...) ((__typeof__(obj)*)kzalloc(sizeof(obj), GFP_KERNEL))
#define kzalloc_objs(obj, n, ...) ((__typeof__(obj)*)kcalloc((n), sizeof(obj), GFP_KERNEL))
#define kzalloc_flex(obj, member, n, ...) \
  ((__typeof__(obj)*)kzalloc(sizeof(obj) + sizeof((obj).member[0]) * (n), GFP_KERNEL))
#define kmalloc_obj(obj, ...) ((__typeof__(obj)*)kmalloc(sizeof(obj), GFP_KERNEL))
static inline void kfree(const void* p) {
  kshim_kfree(p);
}
#endif
