/* SPDX-License-Identifier: MIT */
/*
 * What a built kshim driver module (one kernel tree's tegra241-cmdqv.c + kshim) offers the
 * harness that loads it with dlopen: one symbol, kshim_module_table(), returning this table.
 * Plain C so the loader does not depend on how the module was compiled.
 */
#ifndef KSHIM_MODULE_H
#define KSHIM_MODULE_H

#ifdef __cplusplus
extern "C" {
#endif

#define KSHIM_MODULE_ABI_VERSION 2

enum kshim_region { KSHIM_REGION_SMMU = 0, KSHIM_REGION_CMDQV = 1 };

/* Event kinds: every call the kernel side makes into the runtime. */
enum kshim_event_kind {
  KSHIM_EV_MMIO_READ,
  KSHIM_EV_MMIO_WRITE,
  KSHIM_EV_IOREMAP,
  KSHIM_EV_IOUNMAP,
  KSHIM_EV_ALLOC,
  KSHIM_EV_FREE,
  KSHIM_EV_DEVRES,
  KSHIM_EV_IDA,
  KSHIM_EV_IRQ,
  KSHIM_EV_ACPI,
  KSHIM_EV_DEVICE_REF,
  KSHIM_EV_POINT,
};

struct kshim_event {
  unsigned long long seq; /* 0, 1, ... in the main (non-IRQ) context */
  enum kshim_event_kind kind;
  const char* what;       /* e.g. "readl", "kzalloc", "request_irq", a stand-in's name */
  unsigned region;        /* MMIO: enum kshim_region */
  unsigned long long off; /* MMIO: offset in the region; ALLOC/FREE: size */
  unsigned size;          /* MMIO: 4 or 8 */
  unsigned long long value;
  const void* site; /* return address in the caller (the driver or a stand-in) */
};

/* Provided by the harness. */
struct kshim_platform_ops {
  void* ctx;
  /* Device access: 0 ok, else a bus error. */
  int (*mmio_read)(void* ctx, unsigned region, unsigned long long off, unsigned size,
                   unsigned long long* val);
  int (*mmio_write)(void* ctx, unsigned region, unsigned long long off, unsigned size,
                    unsigned long long val);
  /* Coherent DMA memory changed by the CPU: store it where the device fetches from. */
  void (*dma_write)(void* ctx, unsigned long long iova, const void* buf, unsigned long len);
  /* Called before every main-context event; the harness may raise the IRQ from here. */
  void (*before_event)(void* ctx, const struct kshim_event* ev);
  /* Kernel log lines and findings (kind: "WARN", "bad-mmio", "leak", "irq", ...). */
  void (*log)(void* ctx, int level, const char* line);
  void (*finding)(void* ctx, const char* kind, const char* text);
};

/* Fidelity choices (see harness/kshim/README.md for the defaults and why). */
/* MOVE: devm_krealloc always returns a new object; BUCKET: in place when the new size fits the
 * old object's slab bucket (SLUB's rule), else moved. */
enum kshim_krealloc_policy { KSHIM_KREALLOC_MOVE = 0, KSHIM_KREALLOC_BUCKET = 1 };
enum kshim_poison { KSHIM_POISON_SLAB = 0, KSHIM_POISON_ZERO = 1 };

struct kshim_options {
  enum kshim_poison poison;            /* kmalloc fill: 0x5a slab poison, or zero */
  int dev_dbg;                         /* evaluate dev_dbg (and its MMIO) */
  enum kshim_krealloc_policy krealloc; /* where devm_krealloc puts the object */
  int ratelimit;                       /* honour *_ratelimited on the virtual clock */
  unsigned long long smmu_phys;        /* SMMU page 0 */
  unsigned long long cmdqv_phys;       /* CMDQV MMIO window (ACPI) */
  unsigned long long cmdqv_size;
  int irq; /* CMDQV interrupt from ACPI; <= 0: none */
};

struct kshim_issue_result {
  int ret;         /* 0, or the negative errno of the issue (e.g. -ETIMEDOUT) */
  int vcmdq;       /* -1: the SMMU CMDQ; else the global index of the VCMDQ used */
  int lvcmdq;      /* -1, or the LVCMDQ of VINTF0 */
  unsigned cerror; /* CONS.ERR the error handler found on that queue (0: none) */
};

/* A vIOMMU allocation (IOMMU_VIOMMU_ALLOC of type TEGRA241_CMDQV) as user space sees it. */
struct kshim_viommu_result {
  int ret;                                     /* 0 or -errno */
  int id;                                      /* the vIOMMU's handle, -1 on failure */
  unsigned long long mmap_offset, mmap_length; /* out_vintf_mmap_{offset,length} */
};

struct kshim_module {
  unsigned abi_version;
  const char* kernel_release; /* e.g. "6.12.117", from the tree's Makefile */

  /* Runtime: configure before the first step; reset between independent runs. */
  void (*configure)(const struct kshim_platform_ops* ops, const struct kshim_options* opt);
  int (*set_param)(const char* name, int value); /* module_param; -1 if unknown */
  void (*set_cpu)(unsigned cpu);
  void (*raise_irq)(void); /* runs the captured handler now (or after the running one) */
  int (*irq_requested)(void);
  unsigned long long (*event_count)(void);
  unsigned long (*live_allocations)(void); /* kmalloc'ed and not freed, devres excluded */
  unsigned long (*live_mappings)(void);    /* ioremap()ed and not unmapped */
  int (*device_refs)(void);                /* references held on the ACPI companion */
  void (*reset)(void);                     /* forget all state (a new, independent run) */

  /* The SMMU core around the driver (our stand-in of arm-smmu-v3.c). 0 or -errno. */
  int (*probe)(void);           /* ACPI companion, impl probe (tegra241_cmdqv_probe), IDR */
  int (*init_structures)(void); /* SMMU CMDQ, then impl init_structures */
  int (*device_reset)(void);    /* SMMU CMDQ on, invalidations, SMMUEN, impl device_reset */
  int (*cmdqv_active)(void);    /* 1 if the impl took over (ARM_SMMU_OPT_TEGRA241_CMDQV kept) */
  /* One command of `opcode` (with a CMD_SYNC) through arm_smmu_get_cmdq on `cpu`. raw_cmd0 != 0
   * replaces the command's first word (to inject an illegal command). */
  void (*issue)(unsigned cpu, unsigned opcode, unsigned long long raw_cmd0,
                struct kshim_issue_result* out);
  void (*smmu_gerror)(void); /* the SMMU's GERROR handler (errors on the SMMU CMDQ) */
  void (*remove)(void);      /* CR0 off, then devres release (impl device_remove) */

  /* The iommufd side, as a VMM reaches it (trees whose driver has the vIOMMU ops; the others
   * answer -EOPNOTSUPP). Handles are small integers; 0 or -errno. */
  int (*iommufd_supported)(void);
  /* with_data = 0: no driver data (the driver must refuse it). */
  void (*viommu_alloc)(int with_data, unsigned vmid, struct kshim_viommu_result* out);
  int (*viommu_destroy)(int id); /* -EBUSY while HW queues depend on it */
  int (*hw_queue_alloc)(int viommu, unsigned type, unsigned index, unsigned long long base_pa,
                        unsigned long long length, int* id);
  int (*hw_queue_destroy)(int id); /* -EBUSY while another queue depends on it */
  /* What mmap(offset) of /dev/iommu maps: the physical range; -EINVAL if nothing. */
  int (*mmap_target)(unsigned long long offset, unsigned long long* phys,
                     unsigned long long* length);
  /* The oldest vEVENT of vIOMMU `viommu`: its words (at most max_words), 0 if none. */
  int (*vevent_pop)(int viommu, unsigned* type, unsigned long long* data, unsigned max_words);
};

typedef const struct kshim_module* (*kshim_module_fn)(void);
/* The entry point, named apart from the struct so that C++ can name both. */
const struct kshim_module* kshim_module_table(void);

#ifdef __cplusplus
}
#endif

#endif /* KSHIM_MODULE_H */
