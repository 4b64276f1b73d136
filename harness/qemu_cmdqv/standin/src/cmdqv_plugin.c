/* SPDX-License-Identifier: MIT */
/*
 * The qemu-cmdqv device: QEMU's Tegra241 CMDQV file behind the suite's device ABI
 * (cmdqv_cts/device.h), in the cmdqv-guest profile.
 *
 * create() does what QEMU does for a VM with -device arm-smmuv3,accel=on,cmdqv=on and one
 * vfio-pci device: the CMDQV init op at realize, probe and alloc_viommu at the first attach
 * (IOMMU_GET_HW_INFO, VIOMMU_ALLOC, the mmap of VINTF page0, VEVENTQ_ALLOC), then a system
 * reset. The guest's accesses go through the region QEMU's file registered with
 * sysbus_init_mmio, as QEMU's memory core dispatches them: an access size outside the ops'
 * valid sizes or a misaligned one is refused; a RAM-device subregion QEMU mapped over the
 * region (VINTF page0) takes the access to the host page directly.
 *
 * The host page QEMU mmap'd is plain memory that QEMU's code reads and writes through
 * pointers. Around each call into QEMU's code the backend synchronises it with the host
 * device: before, the LVCMDQ registers of the page (CONS, PROD, CONFIG, STATUS, GERROR,
 * GERRORN of each slot) are read from the host; after, each word QEMU changed is written to
 * the host, in ascending address order. Limits: a write of the value the word already held
 * does not reach the host; several writes of one word in one call reach it as the last; the
 * host's own progress inside one call is not seen by QEMU until the next call. QEMU's file
 * only writes CONS, PROD, CONFIG and GERRORN of a slot, in that (ascending) order.
 */
#include <dlfcn.h>

#include "cmdqv_cts/device.h"
#include "hw/arm/smmuv3-common.h"
#include "hw/arm/smmuv3.h"
#include "qemu/osdep.h"
#include "smmuv3-accel.h"
#include "smmuv3-internal.h"
#include "standin_runtime.h"
#include "tegra241-cmdqv.h"

enum {
  kSlotStride = 0x80, /* LVCMDQ slot stride in a VINTF page */
  kSlotWords = 6,     /* CONS, PROD, CONFIG, STATUS, GERROR, GERRORN */
  kMaxSlots = 0x10000 / kSlotStride,
  kMaxVeventsPerRun = 64, /* a handler that never drains the queue is not polled forever */
};

typedef struct QemuCmdqvDevice {
  const cts_host* guest;
  cts_standin* st;
  SMMUv3State smmu;
  SMMUv3AccelState accel;
  IOMMUFDBackend be;
  HostIOMMUDeviceIOMMUFD idev;
  IOMMUFDViommu viommu;
  const SMMUv3AccelCmdqvOps* ops;
  MemoryRegion* mmio;
  struct IRQState irq;
  uint32_t slots;
  uint32_t snapshot[kMaxSlots * kSlotWords];
} QemuCmdqvDevice;

static void guest_irq(void* opaque, int n, int level) {
  QemuCmdqvDevice* d = opaque;
  (void)n;
  d->guest->irq(d->guest->ctx, CTS_IRQ_CMDQV_ERROR, level);
}

static uint32_t slot_word_offset(uint32_t i) {
  return (i / kSlotWords) * kSlotStride + 4 * (i % kSlotWords);
}

static void page0_sync_in(QemuCmdqvDevice* d) {
  uint32_t* page = d->st->page0;
  if (!page) return;
  for (uint32_t i = 0; i < d->slots * kSlotWords; i++) {
    uint64_t v = 0;
    (void)d->st->ops->page0_read(d->st->host, slot_word_offset(i), 4, &v);
    page[slot_word_offset(i) / 4] = (uint32_t)v;
    d->snapshot[i] = (uint32_t)v;
  }
}

static void page0_sync_out(QemuCmdqvDevice* d) {
  uint32_t* page = d->st->page0;
  if (!page) return;
  for (uint32_t i = 0; i < d->slots * kSlotWords; i++) {
    const uint32_t now = page[slot_word_offset(i) / 4];
    if (now != d->snapshot[i])
      (void)d->st->ops->page0_write(d->st->host, slot_word_offset(i), 4, now);
  }
}

/* The subregion QEMU mapped over `off` with a higher priority, if any (QEMU's flat view). */
static MemoryRegion* overlapping_subregion(MemoryRegion* mr, uint64_t off, uint32_t size) {
  MemoryRegion* best = NULL;
  for (int i = 0; i < mr->num_subregions; i++) {
    MemoryRegion* sub = mr->subregions[i];
    if (off >= sub->addr && off + size <= sub->addr + sub->size &&
        (!best || sub->priority > best->priority)) {
      best = sub;
    }
  }
  return best;
}

static int cmdqv_access(QemuCmdqvDevice* d, bool is_write, uint64_t off, uint32_t size,
                        uint64_t* val) {
  MemoryRegion* mr = d->mmio;
  const MemoryRegionOps* ops = mr->ops;
  const unsigned vmin = ops->valid.min_access_size ? ops->valid.min_access_size : 1;
  const unsigned vmax = ops->valid.max_access_size ? ops->valid.max_access_size : 4;
  /* QEMU's memory core refuses these before the device sees them (MEMTX_DECODE_ERROR). */
  if (size < vmin || size > vmax || (!ops->valid.unaligned && (off & (size - 1)))) return 1;
  if (off + size > mr->size) { /* outside the device: nothing decodes it */
    if (!is_write) *val = 0;
    return 0;
  }
  MemoryRegion* sub = overlapping_subregion(mr, off, size);
  if (sub && sub->ram_device) {
    const uint64_t in = off - sub->addr;
    if (sub->ram_ptr == d->st->page0) { /* the host VINTF page0: the access reaches the host */
      return is_write ? d->st->ops->page0_write(d->st->host, (uint32_t)in, size, *val)
                      : d->st->ops->page0_read(d->st->host, (uint32_t)in, size, val);
    }
    if (is_write) {
      memcpy((char*)sub->ram_ptr + in, val, size);
    } else {
      *val = 0;
      memcpy(val, (char*)sub->ram_ptr + in, size);
    }
    return 0;
  }
  page0_sync_in(d);
  if (is_write) {
    ops->write(mr->opaque, off, *val, size);
  } else {
    *val = ops->read(mr->opaque, off, size);
    if (size < 8) *val &= (1ULL << (8 * size)) - 1;
  }
  page0_sync_out(d);
  return 0;
}

static void set_err(char* err, size_t errlen, const char* what, Error* e) {
  snprintf(err, errlen, "qemu-cmdqv: %s%s%s", what, e ? ": " : "", e ? error_get_pretty(e) : "");
  error_free(e);
}

/* profile=cmdqv-guest[,fail_hw_queue=all|N][,host=DEVICE] (host takes the rest of the string). */
static bool parse_options(const char* options, char* host_spec, size_t host_len, char* fail,
                          size_t fail_len, char* err, size_t errlen) {
  snprintf(host_spec, host_len, "model");
  fail[0] = 0;
  const char* p = options;
  while (p && *p) {
    const char* comma = strchr(p, ',');
    const size_t len = comma ? (size_t)(comma - p) : strlen(p);
    if (strncmp(p, "host=", 5) == 0) {
      snprintf(host_spec, host_len, "%s", p + 5);
      return true;
    }
    if (strncmp(p, "profile=", 8) == 0) {
      if (len != 8 + strlen("cmdqv-guest") || strncmp(p + 8, "cmdqv-guest", len - 8) != 0) {
        snprintf(err, errlen,
                 "qemu-cmdqv: profile %.*s: QEMU's emulation is what a VM sees (cmdqv-guest only)",
                 (int)(len - 8), p + 8);
        return false;
      }
    } else if (strncmp(p, "fail_hw_queue=", 14) == 0) {
      snprintf(fail, fail_len, "%.*s", (int)(len - 14), p + 14);
    } else if (len) {
      snprintf(err, errlen,
               "qemu-cmdqv: unknown option '%.*s' (known: fail_hw_queue=all|N, host=DEVICE)",
               (int)len, p);
      return false;
    }
    p = comma ? comma + 1 : NULL;
  }
  return true;
}

static void* qemu_cmdqv_create(const cts_host* host, const char* options, char* err,
                               size_t errlen) {
  char host_spec[512], fail[32];
  if (!parse_options(options, host_spec, sizeof host_spec, fail, sizeof fail, err, errlen))
    return NULL;
  void* sym = dlsym(RTLD_DEFAULT, CTS_QCMDQV_HOST_SYMBOL);
  if (!sym) {
    snprintf(err, errlen,
             "qemu-cmdqv: the loading program does not export %s (run it with cmdqv-cts)",
             CTS_QCMDQV_HOST_SYMBOL);
    return NULL;
  }
  const cts_qcmdqv_host_ops* (*entry)(void);
  memcpy(&entry, &sym, sizeof entry);
  cts_standin* st = cts_standin_state();
  st->ops = entry();
  if (!st->ops || st->ops->version != CTS_QCMDQV_HOST_VERSION) {
    snprintf(err, errlen, "qemu-cmdqv: host bridge version mismatch");
    return NULL;
  }
  st->host = st->ops->open(host_spec, fail, host, err, errlen);
  if (!st->host) return NULL;

  QemuCmdqvDevice* d = g_new0(QemuCmdqvDevice, 1);
  d->guest = host;
  d->st = st;
  d->slots = MIN(st->ops->page0_slots(st->host), (uint32_t)kMaxSlots);
  d->irq = (struct IRQState){guest_irq, d, 0};
  d->idev.iommufd = &d->be;
  d->idev.devid = 1;
  d->idev.hwpt_id = 1;
  d->smmu.s_accel = &d->accel;
  /* smmuv3_init_regs: IDR1.CMDQS = SMMU_CMDQS before the CMDQV reset narrows it. */
  d->smmu.idr[1] = FIELD_DP32(0, IDR1, CMDQS, SMMU_CMDQS);
  d->ops = tegra241_cmdqv_get_ops();
  d->accel.cmdqv_ops = d->ops;

  Error* e = NULL;
  SysBusDevice* sbd = SYS_BUS_DEVICE(&d->smmu);
  if (d->ops->init && !d->ops->init(&d->smmu, &e)) {
    set_err(err, errlen, "the CMDQV init op failed", e);
    return NULL;
  }
  if (sbd->num_mmio < 1 || sbd->num_irq < 1) {
    snprintf(err, errlen, "qemu-cmdqv: the CMDQV init op registered no MMIO region or IRQ line");
    return NULL;
  }
  d->mmio = sbd->mmio[sbd->num_mmio - 1];
  *sbd->irqp[sbd->num_irq - 1] = &d->irq;
  if (!d->ops->probe(&d->smmu, &d->idev, &e)) {
    set_err(err, errlen, "the CMDQV probe op refused the host", e);
    return NULL;
  }
  uint32_t viommu_id = 0;
  if (!d->ops->alloc_viommu(&d->smmu, &d->idev, &viommu_id, &e)) {
    set_err(err, errlen, "the CMDQV alloc_viommu op failed", e);
    return NULL;
  }
  d->viommu = (IOMMUFDViommu){.iommufd = &d->be, .s2_hwpt_id = 1, .viommu_id = viommu_id};
  d->accel.viommu = &d->viommu;
  if (d->ops->reset) d->ops->reset(&d->smmu);
  const int rc = st->ops->smmu_open(st->host, FIELD_EX32(d->smmu.idr[1], IDR1, CMDQS));
  if (rc) {
    snprintf(err, errlen, "qemu-cmdqv: cannot open the guest SMMU page: %s", strerror(-rc));
    return NULL;
  }
  return d;
}

static void qemu_cmdqv_destroy(void* dev) {
  QemuCmdqvDevice* d = dev;
  if (!d) return;
  if (d->ops->reset) d->ops->reset(&d->smmu); /* frees the HW queues, unmaps the page */
  if (d->ops->free_viommu) {
    d->ops->free_viommu(&d->smmu);
  } else {
    iommufd_backend_free_id(&d->be, d->viommu.viommu_id);
  }
  d->st->page0 = NULL;
  Tegra241CMDQV* cmdqv = d->accel.cmdqv;
  if (cmdqv) {
    g_free(cmdqv->cmdqv_data);
    g_free(cmdqv->mmio_cmdqv.name);
    g_free(cmdqv);
  }
  d->st->ops->close(d->st->host);
  g_free(d);
}

static int qemu_cmdqv_read(void* dev, cts_region r, uint64_t off, uint32_t size, uint64_t* val) {
  QemuCmdqvDevice* d = dev;
  if (r == CTS_REGION_SMMU) return d->st->ops->smmu_read(d->st->host, off, size, val);
  return cmdqv_access(d, false, off, size, val);
}

static int qemu_cmdqv_write(void* dev, cts_region r, uint64_t off, uint32_t size, uint64_t val) {
  QemuCmdqvDevice* d = dev;
  if (r == CTS_REGION_SMMU) return d->st->ops->smmu_write(d->st->host, off, size, val);
  return cmdqv_access(d, true, off, size, &val);
}

static void qemu_cmdqv_run(void* dev) {
  QemuCmdqvDevice* d = dev;
  d->st->ops->run(d->st->host);
  /* QEMU's main loop: the vEVENTQ fd is readable while the host has queued vEVENTs. */
  for (int i = 0; i < kMaxVeventsPerRun; i++) {
    if (!cts_standin_vevent_pending()) break;
    page0_sync_in(d);
    cts_standin_poll_fds();
    page0_sync_out(d);
  }
}

static const cts_device_ops kOps = {
    CTS_DEVICE_ABI_VERSION, "qemu-cmdqv (QEMU hw/arm/tegra241-cmdqv.c)",
    "cmdqv-guest",          qemu_cmdqv_create,
    qemu_cmdqv_destroy,     qemu_cmdqv_read,
    qemu_cmdqv_write,       qemu_cmdqv_run,
};

__attribute__((visibility("default"))) const cts_device_ops* cts_device(void) {
  return &kOps;
}
