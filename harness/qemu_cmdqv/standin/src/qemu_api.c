/* SPDX-License-Identifier: MIT */
/* The QEMU API stand-in: GLib allocation, errors and logs, objects, memory regions, sysbus,
 * IRQ lines, the main loop's fd handlers, host page sizes. Clean-room, from documented
 * behaviour; what a device file observes is kept, the rest is inert. */
#include "qemu/log.h"
#include "qemu/osdep.h"
#include "standin_runtime.h"

cts_standin* cts_standin_state(void) {
  static cts_standin state;
  return &state;
}

/* ---- GLib ---- */
void* g_malloc(size_t n) {
  void* p = malloc(n ? n : 1);
  if (!p) abort(); /* as GLib: allocation failure is fatal */
  return p;
}
void* g_malloc0(size_t n) {
  void* p = calloc(1, n ? n : 1);
  if (!p) abort();
  return p;
}
void* g_realloc(void* p, size_t n) {
  void* q = realloc(p, n ? n : 1);
  if (!q) abort();
  return q;
}
void g_free(void* p) {
  free(p);
}
char* g_strdup(const char* s) {
  return s ? strcpy(g_malloc(strlen(s) + 1), s) : NULL;
}
static char* vstrdup_printf(const char* fmt, va_list ap) {
  char* out = NULL;
  if (vasprintf(&out, fmt, ap) < 0) abort();
  return out;
}
char* g_strdup_printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char* s = vstrdup_printf(fmt, ap);
  va_end(ap);
  return s;
}
void cts_g_assert_failed(const char* file, int line, const char* expr) {
  fprintf(stderr, "qemu-cmdqv: assertion failed in QEMU code at %s:%d: %s\n", file, line, expr);
  abort();
}

/* ---- errors and logs ---- */
struct Error {
  char* msg;
  char* hint;
};
Error* error_abort;
Error* error_fatal;

static void remember(const char* what, const char* msg) {
  cts_standin* st = cts_standin_state();
  snprintf(st->last_error, sizeof st->last_error, "%s%s", what, msg);
  if (getenv("CMDQV_CTS_QEMU_LOG")) fprintf(stderr, "qemu-cmdqv: %s%s\n", what, msg);
}
void error_setg_internal(Error** errp, const char* src, int line, const char* func, const char* fmt,
                         ...) {
  (void)src, (void)line, (void)func;
  if (!errp) return;
  va_list ap;
  va_start(ap, fmt);
  char* msg = vstrdup_printf(fmt, ap);
  va_end(ap);
  if (errp == &error_abort || errp == &error_fatal) {
    fprintf(stderr, "qemu-cmdqv: fatal error in QEMU code: %s\n", msg);
    abort();
  }
  if (*errp) { /* QEMU asserts here; keep the first error */
    free(msg);
    return;
  }
  Error* e = g_new0(Error, 1);
  e->msg = msg;
  *errp = e;
}
void error_append_hint(Error* const* errp, const char* fmt, ...) {
  if (!errp || !*errp) return;
  va_list ap;
  va_start(ap, fmt);
  char* add = vstrdup_printf(fmt, ap);
  va_end(ap);
  Error* e = *errp;
  char* joined = g_strdup_printf("%s%s", e->hint ? e->hint : "", add);
  free(add);
  g_free(e->hint);
  e->hint = joined;
}
void error_prepend(Error* const* errp, const char* fmt, ...) {
  if (!errp || !*errp) return;
  va_list ap;
  va_start(ap, fmt);
  char* pre = vstrdup_printf(fmt, ap);
  va_end(ap);
  Error* e = *errp;
  char* joined = g_strdup_printf("%s%s", pre, e->msg);
  free(pre);
  free(e->msg);
  e->msg = joined;
}
void error_free(Error* err) {
  if (!err) return;
  free(err->msg);
  g_free(err->hint);
  g_free(err);
}
void error_propagate(Error** dst, Error* local) {
  if (!local) return;
  if (dst && !*dst) {
    *dst = local;
    return;
  }
  error_free(local);
}
const char* error_get_pretty(const Error* err) {
  return err ? err->msg : "";
}
void error_report_err(Error* err) {
  if (!err) return;
  cts_standin_state()->errors_reported++;
  remember("error: ", err->msg);
  error_free(err);
}
void warn_report_err(Error* err) {
  if (!err) return;
  remember("warning: ", err->msg);
  error_free(err);
}
#define CTS_REPORT(name, what)           \
  void name(const char* fmt, ...) {      \
    va_list ap;                          \
    va_start(ap, fmt);                   \
    char* msg = vstrdup_printf(fmt, ap); \
    va_end(ap);                          \
    remember(what, msg);                 \
    free(msg);                           \
  }
CTS_REPORT(error_report, "error: ")
CTS_REPORT(warn_report, "warning: ")
CTS_REPORT(info_report, "info: ")

void qemu_log_mask(int mask, const char* fmt, ...) {
  cts_standin* st = cts_standin_state();
  if (mask & LOG_UNIMP) st->log_unimp++;
  if (mask & LOG_GUEST_ERROR) st->log_guest_error++;
  if (!getenv("CMDQV_CTS_QEMU_LOG")) return;
  va_list ap;
  va_start(ap, fmt);
  fputs("qemu-cmdqv: log: ", stderr);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
}

/* ---- objects, memory regions, sysbus ---- */
void object_unparent(Object* obj) {
  (void)obj;
}

void memory_region_init_io(MemoryRegion* mr, Object* owner, const MemoryRegionOps* ops,
                           void* opaque, const char* name, uint64_t size) {
  memset(mr, 0, sizeof *mr);
  mr->owner = owner;
  mr->ops = ops;
  mr->opaque = opaque;
  mr->name = g_strdup(name);
  mr->size = size;
}
void memory_region_init_ram_device_ptr(MemoryRegion* mr, Object* owner, const char* name,
                                       uint64_t size, void* ptr) {
  memset(mr, 0, sizeof *mr);
  mr->owner = owner;
  mr->name = g_strdup(name);
  mr->size = size;
  mr->ram_device = true;
  mr->ram_ptr = ptr;
}
void memory_region_set_skip_iommu_map(MemoryRegion* mr, bool skip) {
  mr->skip_iommu_map = skip;
}
void memory_region_add_subregion_overlap(MemoryRegion* mr, hwaddr offset, MemoryRegion* sub,
                                         int priority) {
  if (sub->container) {
    fprintf(stderr, "qemu-cmdqv: QEMU code added memory region '%s' twice\n", sub->name);
    abort(); /* QEMU asserts !subregion->container */
  }
  if (mr->num_subregions >= CTS_MR_MAX_SUBREGIONS) abort();
  sub->container = mr;
  sub->addr = offset;
  sub->priority = priority;
  mr->subregions[mr->num_subregions++] = sub;
}
void memory_region_add_subregion(MemoryRegion* mr, hwaddr offset, MemoryRegion* sub) {
  memory_region_add_subregion_overlap(mr, offset, sub, 0);
}
void memory_region_del_subregion(MemoryRegion* mr, MemoryRegion* sub) {
  for (int i = 0; i < mr->num_subregions; i++) {
    if (mr->subregions[i] != sub) continue;
    mr->subregions[i] = mr->subregions[--mr->num_subregions];
    sub->container = NULL;
    g_free(sub->name);
    sub->name = NULL;
    return;
  }
  fprintf(stderr, "qemu-cmdqv: QEMU code deleted a memory region that is not a subregion\n");
  abort(); /* QEMU asserts subregion->container == mr */
}
const char* memory_region_name(const MemoryRegion* mr) {
  return mr->name ? mr->name : "";
}
Object* memory_region_owner(MemoryRegion* mr) {
  return mr->owner;
}
uint64_t memory_region_size(MemoryRegion* mr) {
  return mr->size;
}

void sysbus_init_mmio(SysBusDevice* dev, MemoryRegion* memory) {
  if (dev->num_mmio >= CTS_SYSBUS_MAX) abort();
  dev->mmio[dev->num_mmio++] = memory;
}
void sysbus_init_irq(SysBusDevice* dev, qemu_irq* p) {
  if (dev->num_irq >= CTS_SYSBUS_MAX) abort();
  dev->irqp[dev->num_irq++] = p;
}
int pci_bus_num(PCIBus* s) {
  (void)s;
  return 0;
}

/* A 4 KiB host page: what QEMU reports for a guest whose RAM is ordinary anonymous memory. */
enum { kCtsHostPageSize = 4096 };
long qemu_minrampagesize(void) {
  return kCtsHostPageSize;
}
long qemu_maxrampagesize(void) {
  return kCtsHostPageSize;
}
uintptr_t qemu_real_host_page_size(void) {
  return kCtsHostPageSize;
}

/* ---- IRQ lines, main loop ---- */
void qemu_set_irq(qemu_irq irq, int level) {
  if (irq && irq->handler) irq->handler(irq->opaque, irq->n, level);
}

void qemu_set_fd_handler(int fd, IOHandler* fd_read, IOHandler* fd_write, void* opaque) {
  (void)fd_write;
  cts_standin* st = cts_standin_state();
  struct cts_standin_fd_handler* free_slot = NULL;
  for (size_t i = 0; i < ARRAY_SIZE(st->fd_handlers); i++) {
    struct cts_standin_fd_handler* h = &st->fd_handlers[i];
    if (h->read && h->fd == fd) {
      h->read = fd_read;
      h->opaque = opaque;
      return;
    }
    if (!h->read && !free_slot) free_slot = h;
  }
  if (!fd_read) return;
  if (!free_slot) abort();
  *free_slot = (struct cts_standin_fd_handler){fd, fd_read, opaque};
}
