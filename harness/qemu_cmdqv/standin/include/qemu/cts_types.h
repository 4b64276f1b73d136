/* SPDX-License-Identifier: MIT */
/*
 * The QEMU object, memory, IRQ, error and iommufd API subset a device file of hw/arm uses,
 * as cmdqv-cts provides it in user space (clean-room; implemented in standin/src/qemu_api.c).
 * Only the members the stand-in itself uses have meaning; the rest exist so that QEMU's own
 * headers (smmu-common.h, smmuv3.h, smmuv3-accel.h) lay out their structs.
 */
#ifndef CTS_QEMU_TYPES_H
#define CTS_QEMU_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "qemu/cts_queue.h"

typedef uint64_t hwaddr;
typedef uint64_t dma_addr_t;
#define HWADDR_PRIx PRIx64
typedef struct Error Error;
typedef struct QEMUTimer QEMUTimer;

/* ---- objects ---- */
typedef struct Object {
  const char *type;
  struct Object *parent;
} Object;
typedef struct ObjectClass {
  const char *type;
} ObjectClass;
typedef struct DeviceState {
  Object parent_obj;
} DeviceState;
typedef struct DeviceClass {
  ObjectClass parent_class;
} DeviceClass;
typedef void (*DeviceRealize)(DeviceState *dev, Error **errp);
typedef void (*DeviceUnrealize)(DeviceState *dev);
typedef enum ResetType { RESET_TYPE_COLD, RESET_TYPE_SNAPSHOT_LOAD, RESET_TYPE_WAKEUP } ResetType;
typedef struct ResettablePhases {
  void (*enter)(Object *obj, ResetType type);
  void (*hold)(Object *obj, ResetType type);
  void (*exit)(Object *obj, ResetType type);
} ResettablePhases;

struct MemoryRegion;
typedef struct IRQState *qemu_irq;
#define CTS_SYSBUS_MAX 8
typedef struct SysBusDevice {
  DeviceState parent_obj;
  int num_mmio;
  struct MemoryRegion *mmio[CTS_SYSBUS_MAX];
  int num_irq;
  qemu_irq *irqp[CTS_SYSBUS_MAX];
} SysBusDevice;
typedef struct SysBusDeviceClass {
  DeviceClass parent_class;
} SysBusDeviceClass;

#define OBJECT(obj) ((Object *)(obj))
#define DEVICE(obj) ((DeviceState *)(obj))
#define SYS_BUS_DEVICE(obj) ((SysBusDevice *)(obj))
#define OBJECT_DECLARE_TYPE(Instance, Class, CAST)                                 \
  typedef struct Instance Instance;                                                \
  typedef struct Class Class;                                                      \
  static inline G_GNUC_UNUSED Instance *CAST(const void *obj) { return (Instance *)obj; } \
  static inline G_GNUC_UNUSED Class *CAST##_CLASS(const void *k) { return (Class *)k; }
#define OBJECT_DECLARE_SIMPLE_TYPE(Instance, CAST) \
  typedef struct Instance Instance;                \
  static inline G_GNUC_UNUSED Instance *CAST(const void *obj) { return (Instance *)obj; }
void object_unparent(Object *obj);

/* ---- memory ---- */
typedef enum device_endian {
  DEVICE_NATIVE_ENDIAN,
  DEVICE_BIG_ENDIAN,
  DEVICE_LITTLE_ENDIAN
} device_endian;
typedef uint32_t MemTxResult;
#define MEMTX_OK 0
#define MEMTX_ERROR (1U << 0)
#define MEMTX_DECODE_ERROR (1U << 1)
typedef struct MemTxAttrs {
  unsigned int secure : 1;
  unsigned int unspecified : 1;
} MemTxAttrs;
#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs){.unspecified = 1})

typedef struct MemoryRegionOps {
  uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
  void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
  MemTxResult (*read_with_attrs)(void *opaque, hwaddr addr, uint64_t *data, unsigned size,
                                 MemTxAttrs attrs);
  MemTxResult (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t data, unsigned size,
                                  MemTxAttrs attrs);
  enum device_endian endianness;
  struct {
    unsigned min_access_size;
    unsigned max_access_size;
    bool unaligned;
    bool (*accepts)(void *opaque, hwaddr addr, unsigned size, bool is_write, MemTxAttrs attrs);
  } valid;
  struct {
    unsigned min_access_size;
    unsigned max_access_size;
    bool unaligned;
  } impl;
} MemoryRegionOps;

#define CTS_MR_MAX_SUBREGIONS 8
typedef struct MemoryRegion {
  Object parent_obj;
  const MemoryRegionOps *ops;
  void *opaque;
  Object *owner;
  char *name;
  uint64_t size;
  bool ram_device; /* backed by ram_ptr (memory_region_init_ram_device_ptr) */
  void *ram_ptr;
  bool skip_iommu_map;
  struct MemoryRegion *container;
  hwaddr addr;
  int priority;
  int num_subregions;
  struct MemoryRegion *subregions[CTS_MR_MAX_SUBREGIONS];
} MemoryRegion;

typedef struct AddressSpace {
  MemoryRegion *root;
  char *name;
} AddressSpace;
typedef enum IOMMUAccessFlags { IOMMU_NONE = 0, IOMMU_RO = 1, IOMMU_WO = 2, IOMMU_RW = 3 } IOMMUAccessFlags;
typedef struct IOMMUTLBEntry {
  AddressSpace *target_as;
  hwaddr iova;
  hwaddr translated_addr;
  hwaddr addr_mask;
  IOMMUAccessFlags perm;
} IOMMUTLBEntry;
typedef struct IOMMUMemoryRegion {
  MemoryRegion parent_obj;
} IOMMUMemoryRegion;

void memory_region_init_io(MemoryRegion *mr, Object *owner, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
void memory_region_init_ram_device_ptr(MemoryRegion *mr, Object *owner, const char *name,
                                       uint64_t size, void *ptr);
void memory_region_set_skip_iommu_map(MemoryRegion *mr, bool skip);
void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset, MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset, MemoryRegion *sub,
                                         int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub);
const char *memory_region_name(const MemoryRegion *mr);
Object *memory_region_owner(MemoryRegion *mr);
uint64_t memory_region_size(MemoryRegion *mr);
void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *memory);
void sysbus_init_irq(SysBusDevice *dev, qemu_irq *p);
long qemu_minrampagesize(void);
long qemu_maxrampagesize(void);
uintptr_t qemu_real_host_page_size(void);

/* ---- IRQ lines ---- */
typedef void (*qemu_irq_handler)(void *opaque, int n, int level);
struct IRQState {
  qemu_irq_handler handler;
  void *opaque;
  int n;
};
void qemu_set_irq(qemu_irq irq, int level);
static inline void qemu_irq_raise(qemu_irq irq) { qemu_set_irq(irq, 1); }
static inline void qemu_irq_lower(qemu_irq irq) { qemu_set_irq(irq, 0); }
static inline void qemu_irq_pulse(qemu_irq irq) {
  qemu_set_irq(irq, 1);
  qemu_set_irq(irq, 0);
}

/* ---- errors and logs ---- */
void error_setg_internal(Error **errp, const char *src, int line, const char *func,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define error_setg(errp, ...) error_setg_internal((errp), __FILE__, __LINE__, __func__, __VA_ARGS__)
#define error_setg_errno(errp, os_errno, ...) error_setg(errp, __VA_ARGS__)
void error_append_hint(Error *const *errp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void error_prepend(Error *const *errp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void error_propagate(Error **dst_errp, Error *local_err);
void error_free(Error *err);
const char *error_get_pretty(const Error *err);
void error_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void info_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void error_report_err(Error *err);
void warn_report_err(Error *err);
#define warn_report_err_once(err) warn_report_err(err)
#define error_report_once(...) error_report(__VA_ARGS__)
#define warn_report_once(...) warn_report(__VA_ARGS__)
extern Error *error_abort;
extern Error *error_fatal;
#define ERRP_GUARD()

/* ---- main loop ---- */
typedef void IOHandler(void *opaque);
void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write, void *opaque);

/* ---- odds and ends the SMMU headers declare members with ---- */
typedef struct QemuMutex {
  void *cts_opaque;
} QemuMutex;
typedef enum OnOffAuto { ON_OFF_AUTO_AUTO, ON_OFF_AUTO_ON, ON_OFF_AUTO_OFF, ON_OFF_AUTO__MAX } OnOffAuto;
typedef struct Notifier Notifier;
struct Notifier {
  void (*notify)(Notifier *notifier, void *data);
  QLIST_ENTRY(Notifier) node;
};
typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;
typedef struct PCIIOMMUOps PCIIOMMUOps;
#define PCI_BUILD_BDF(bus, devfn) ((uint16_t)(((bus) << 8) | (devfn)))
int pci_bus_num(PCIBus *s);

#endif
