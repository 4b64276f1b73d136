// SPDX-License-Identifier: MIT
// ioremap() hands out cookies in a PROT_NONE reservation (a direct dereference faults) and
// readl()/writel() on a cookie become device accesses. Any other address is a driver bug:
// it is reported and the process stops, as the access would oops a real kernel.
#include <sys/mman.h>

#include "runtime.h"

static const struct kshim_mapping* lookup(const volatile void* addr, unsigned size, int* dead) {
  const char* a = (const char*)addr;
  *dead = 0;
  for (size_t i = 0; i < kshim_rt.n_maps; ++i) {
    const struct kshim_mapping* m = &kshim_rt.maps[i];
    if (a >= m->cookie && a + size <= m->cookie + m->size) {
      if (m->live) return m;
      *dead = 1;
    }
  }
  return NULL;
}

static const struct kshim_mapping* resolve(const volatile void* addr, unsigned size,
                                           const char* op) {
  int dead;
  const struct kshim_mapping* m = lookup(addr, size, &dead);
  if (!m) {
    kshim_fatal("bad-mmio", "%s%u at %p: %s", op, size * 8, (const void*)addr,
                dead ? "the mapping was iounmap()ed" : "not an ioremap()ed address");
  }
  if (((unsigned long)addr & (size - 1)) != 0) {
    kshim_fatal("bad-mmio", "%s%u at %p: misaligned", op, size * 8, (const void*)addr);
  }
  return m;
}

unsigned long long kshim_mmio_read(const volatile void* addr, unsigned size) {
  const void* site = __builtin_return_address(0);
  int dead;
  const struct kshim_mapping* m = lookup(addr, size, &dead);
  unsigned long long off =
      m ? m->region_off + (unsigned long long)((const char*)addr - m->cookie) : 0;
  kshim_event(KSHIM_EV_MMIO_READ, size == 8 ? "readq" : "readl", m ? m->region : 0, off, size, 0,
              site);
  m = resolve(addr, size, "read");
  off = m->region_off + (unsigned long long)((const char*)addr - m->cookie);
  unsigned long long val = 0;
  if (kshim_rt.ops.mmio_read(kshim_rt.ops.ctx, m->region, off, size, &val) != 0) {
    kshim_finding("bus-error", "read%u %s+0x%llx", size * 8, m->region ? "cmdqv" : "smmu", off);
    val = size == 8 ? ~0ull : 0xffffffffull;
  }
  return val;
}

void kshim_mmio_write(volatile void* addr, unsigned size, unsigned long long val) {
  const void* site = __builtin_return_address(0);
  int dead;
  const struct kshim_mapping* m = lookup(addr, size, &dead);
  unsigned long long off =
      m ? m->region_off + (unsigned long long)((const char*)addr - m->cookie) : 0;
  kshim_event(KSHIM_EV_MMIO_WRITE, size == 8 ? "writeq" : "writel", m ? m->region : 0, off, size,
              val, site);
  m = resolve(addr, size, "write");
  off = m->region_off + (unsigned long long)((const char*)addr - m->cookie);
  /* Queue memory is coherent: whatever the CPU wrote is visible to the device now. */
  kshim_dma_sync_all();
  if (kshim_rt.ops.mmio_write(kshim_rt.ops.ctx, m->region, off, size, val) != 0) {
    kshim_finding("bus-error", "write%u %s+0x%llx = 0x%llx", size * 8, m->region ? "cmdqv" : "smmu",
                  off, val);
  }
}

void* kshim_ioremap(unsigned long long phys, unsigned long size) {
  kshim_event(KSHIM_EV_IOREMAP, "ioremap", 0, phys, 0, size, __builtin_return_address(0));
  unsigned region;
  unsigned long long base;
  const struct kshim_options* o = &kshim_rt.opt;
  if (phys >= o->cmdqv_phys && phys + size <= o->cmdqv_phys + o->cmdqv_size) {
    region = KSHIM_REGION_CMDQV;
    base = o->cmdqv_phys;
  } else if (phys >= o->smmu_phys && phys + size <= o->smmu_phys + 0x20000) {
    region = KSHIM_REGION_SMMU;
    base = o->smmu_phys;
  } else {
    kshim_finding("bad-mmio", "ioremap(0x%llx, 0x%lx): no device there", phys, size);
    return NULL;
  }
  if (kshim_rt.n_maps == sizeof kshim_rt.maps / sizeof kshim_rt.maps[0]) {
    kshim_fatal("kshim", "too many ioremap() calls without iounmap()");
  }
  void* cookie = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (cookie == MAP_FAILED) return NULL;
  struct kshim_mapping* m = &kshim_rt.maps[kshim_rt.n_maps++];
  m->cookie = cookie;
  m->size = size;
  m->region = region;
  m->region_off = phys - base;
  m->live = 1;
  return cookie;
}

void kshim_iounmap(volatile void* addr) {
  kshim_event(KSHIM_EV_IOUNMAP, "iounmap", 0, 0, 0, 0, __builtin_return_address(0));
  for (size_t i = 0; i < kshim_rt.n_maps; ++i) {
    struct kshim_mapping* m = &kshim_rt.maps[i];
    if (m->cookie == (const volatile char*)addr && m->live) {
      m->live = 0; /* keep the reservation: a later access is reported, never remapped */
      return;
    }
  }
  kshim_finding("WARN", "iounmap(%p): not a live mapping", (const void*)addr);
}

int kshim_iomem_locate(const volatile void* addr, unsigned* region, unsigned long long* off) {
  int dead;
  const struct kshim_mapping* m = lookup(addr, 4, &dead);
  if (!m) return -1;
  *region = m->region;
  *off = m->region_off + (unsigned long long)((const char*)addr - m->cookie);
  return 0;
}
