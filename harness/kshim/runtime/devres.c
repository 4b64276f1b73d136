// SPDX-License-Identifier: MIT
// Managed resources: devm_* memory, actions and coherent DMA buffers, released in reverse
// order of registration. Coherent buffers get an address in the device's RAM window and are
// mirrored to the device (only what changed) before every MMIO write.
#include <stdlib.h>
#include <string.h>

#include "cmdqv_cts/device.h"
#include "runtime.h"

struct kshim_devres_list* kshim_devres_of(void* dev, int create) {
  for (size_t i = 0; i < kshim_rt.n_devres; ++i) {
    if (kshim_rt.devres[i].dev == dev) return &kshim_rt.devres[i];
  }
  if (!create) return NULL;
  if (kshim_rt.n_devres == sizeof kshim_rt.devres / sizeof kshim_rt.devres[0]) {
    kshim_fatal("kshim", "too many devices with managed resources");
  }
  struct kshim_devres_list* l = &kshim_rt.devres[kshim_rt.n_devres++];
  memset(l, 0, sizeof *l);
  l->dev = dev;
  return l;
}

static struct kshim_devres* push(void* dev) {
  struct kshim_devres_list* l = kshim_devres_of(dev, 1);
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 32;
    struct kshim_devres* grown = realloc(l->items, cap * sizeof *grown);
    if (!grown) abort();
    l->items = grown;
    l->cap = cap;
  }
  struct kshim_devres* r = &l->items[l->n++];
  memset(r, 0, sizeof *r);
  return r;
}

/* The slab bucket a request of `size` bytes lands in (kmalloc-8 .. kmalloc-8k, then pages). */
static unsigned long bucket(unsigned long size) {
  if (size > 64 && size <= 96) return 96;
  if (size > 128 && size <= 192) return 192;
  unsigned long b = 8;
  while (b < size) b <<= 1;
  return b;
}

/* Under the bucket policy an object owns its whole bucket, as a slab object does, so that
 * devm_krealloc can grow it in place; the fill covers the bucket. */
static unsigned long capacity(unsigned long size) {
  return kshim_rt.opt.krealloc == KSHIM_KREALLOC_BUCKET ? bucket(size) : (size ? size : 1);
}

void* kshim_devm_kmalloc(void* dev, unsigned long size, int zero) {
  kshim_event(KSHIM_EV_DEVRES, zero ? "devm_kzalloc" : "devm_kmalloc", 0, size, 0, 0,
              __builtin_return_address(0));
  unsigned long cap = capacity(size);
  void* p = malloc(cap);
  if (!p) return NULL;
  kshim_fill_new(p, cap, zero);
  struct kshim_devres* r = push(dev);
  r->kind = DR_MEM;
  r->ptr = p;
  r->size = cap;
  return p;
}

void* kshim_devm_krealloc(void* dev, void* p, unsigned long size, int zero) {
  kshim_event(KSHIM_EV_DEVRES, "devm_krealloc", 0, size, 0, 0, __builtin_return_address(0));
  if (!p) return kshim_devm_kmalloc(dev, size, zero);
  struct kshim_devres_list* l = kshim_devres_of(dev, 0);
  struct kshim_devres* r = NULL;
  for (size_t i = 0; l && i < l->n; ++i) {
    if (l->items[i].kind == DR_MEM && l->items[i].ptr == p) r = &l->items[i];
  }
  if (!r) {
    kshim_finding("WARN", "devm_krealloc(%p): not managed memory of this device", p);
    return NULL;
  }
  if (kshim_rt.opt.krealloc == KSHIM_KREALLOC_BUCKET && size <= r->size) return p;
  unsigned long cap = capacity(size);
  unsigned char* n = malloc(cap);
  if (!n) return NULL;
  unsigned long keep = size < r->size ? size : r->size;
  memcpy(n, p, keep);
  kshim_fill_new(n + keep, cap - keep, zero);
  free(p); /* the old object is gone: a caller still holding it reads freed memory */
  r->ptr = n;
  r->size = cap;
  return n;
}

int kshim_devm_add_action(void* dev, void (*fn)(void*), void* data) {
  kshim_event(KSHIM_EV_DEVRES, "devm_add_action", 0, 0, 0, 0, __builtin_return_address(0));
  struct kshim_devres* r = push(dev);
  r->kind = DR_ACTION;
  r->fn = fn;
  r->ptr = data;
  return 0;
}

void* kshim_dmam_alloc_coherent(void* dev, unsigned long size, unsigned long long* dma) {
  kshim_event(KSHIM_EV_DEVRES, "dmam_alloc_coherent", 0, size, 0, 0, __builtin_return_address(0));
  unsigned long long align = 4096;
  while (align < size) align <<= 1;
  unsigned long long iova = (kshim_rt.next_iova + align - 1) & ~(align - 1);
  if (iova + size > CTS_RAM_BASE + CTS_RAM_SIZE) return NULL;
  void* p = calloc(1, size);
  unsigned char* shadow = calloc(1, size);
  if (!p || !shadow) {
    free(p);
    free(shadow);
    return NULL;
  }
  kshim_rt.next_iova = iova + size;
  struct kshim_devres* r = push(dev);
  r->kind = DR_DMA;
  r->ptr = p;
  r->size = size;
  r->iova = iova;
  r->shadow = shadow;
  /* The device's memory starts zeroed too (it is reset with the device). */
  *dma = iova;
  return p;
}

/* Page by page, so that a large queue costs only what changed (and no single transfer is large). */
void kshim_dma_sync_all(void) {
  const unsigned long chunk = 4096;
  for (size_t d = 0; d < kshim_rt.n_devres; ++d) {
    struct kshim_devres_list* l = &kshim_rt.devres[d];
    for (size_t i = 0; i < l->n; ++i) {
      struct kshim_devres* r = &l->items[i];
      if (r->kind != DR_DMA) continue;
      for (unsigned long at = 0; at < r->size; at += chunk) {
        unsigned long len = r->size - at < chunk ? r->size - at : chunk;
        unsigned char* cpu = (unsigned char*)r->ptr + at;
        if (memcmp(cpu, r->shadow + at, len) == 0) continue;
        memcpy(r->shadow + at, cpu, len);
        if (kshim_rt.ops.dma_write)
          kshim_rt.ops.dma_write(kshim_rt.ops.ctx, r->iova + at, cpu, len);
      }
    }
  }
}

void kshim_devres_release_all(void* dev) {
  kshim_event(KSHIM_EV_DEVRES, "devres_release_all", 0, 0, 0, 0, __builtin_return_address(0));
  struct kshim_devres_list* l = kshim_devres_of(dev, 0);
  if (!l) return;
  /* An action may register or free more resources: take one from the end at a time. */
  while (l->n > 0) {
    struct kshim_devres r = l->items[--l->n];
    switch (r.kind) {
      case DR_ACTION:
        r.fn(r.ptr);
        break;
      case DR_MEM:
        free(r.ptr);
        break;
      case DR_DMA:
        free(r.ptr);
        free(r.shadow);
        break;
    }
    l = kshim_devres_of(dev, 0);
  }
}
