/* SPDX-License-Identifier: MIT */
/*
 * The boundary between the kernel side of kshim (the user's driver file and our stand-in
 * headers, compiled -nostdinc) and its libc side (runtime/). Plain C types only: both sides
 * include this one header, so a signature cannot drift between them.
 *
 * Every function here is a shim *event*: the runtime counts it and may preempt the caller
 * with the captured IRQ handler before it takes effect (see kshim_set_preempt_target).
 */
#ifndef KSHIM_KAPI_H
#define KSHIM_KAPI_H

#ifdef __cplusplus
extern "C" {
#endif

/* MMIO through ioremap()ed cookies. size is 4 or 8. An address that no live mapping covers is
 * reported (the access is a bug in the driver) and the process aborts. */
unsigned long long kshim_mmio_read(const volatile void* addr, unsigned size);
void kshim_mmio_write(volatile void* addr, unsigned size, unsigned long long val);
void* kshim_ioremap(unsigned long long phys, unsigned long size);
void kshim_iounmap(volatile void* addr);
/* Which region and offset an ioremap()ed address is (no event): 0, or -1 if none. */
int kshim_iomem_locate(const volatile void* addr, unsigned* region, unsigned long long* off);

/* Heap (kmalloc family). zero != 0: kzalloc; else the fill is the configured poison. */
void* kshim_kmalloc(unsigned long size, int zero);
void kshim_kfree(const void* p);

/* Managed resources of a device, released in reverse order by kshim_devres_release_all. */
void* kshim_devm_kmalloc(void* dev, unsigned long size, int zero);
void* kshim_devm_krealloc(void* dev, void* p, unsigned long size, int zero);
int kshim_devm_add_action(void* dev, void (*fn)(void*), void* data);
void* kshim_dmam_alloc_coherent(void* dev, unsigned long size, unsigned long long* dma);
void kshim_devres_release_all(void* dev);

/* Device references (get_device/put_device), counted per device pointer. */
void kshim_get_device(void* dev);
void kshim_put_device(void* dev);

/* ID allocator: *slot is the runtime's state for one struct ida. */
void kshim_ida_init(void** slot);
int kshim_ida_alloc_range(void** slot, unsigned min, unsigned max);
void kshim_ida_free(void** slot, unsigned id);
void kshim_ida_destroy(void** slot);

/* Interrupts: request captures the handlers; the harness raises them synchronously. */
enum kshim_irqreturn { KSHIM_IRQ_NONE = 0, KSHIM_IRQ_HANDLED = 1, KSHIM_IRQ_WAKE_THREAD = 2 };
typedef enum kshim_irqreturn (*kshim_irq_handler)(int irq, void* dev_id);
int kshim_request_irq(unsigned irq, kshim_irq_handler handler, kshim_irq_handler thread_fn,
                      unsigned long flags, const char* name, void* dev_id);
void kshim_free_irq(unsigned irq, void* dev_id);
void kshim_synchronize_irq(unsigned irq);

/* Where the SMMU's page 0 is (the platform device's MMIO resource). */
unsigned long long kshim_smmu_phys(void);

/* ACPI: the CMDQV companion's resources (one MMIO window, optionally one interrupt). */
int kshim_acpi_cmdqv_resources(void* adev, unsigned long long* start, unsigned long long* size,
                               int* irq);

/* Logging. level: 0 emerg .. 7 debug (printk levels). */
void kshim_printk(int level, const char* dev_name, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
int kshim_debug_enabled(void);
/* A rate limit state of one call site; the runtime decides on the virtual clock. */
struct kshim_ratelimit {
  int interval_ms, burst, printed, missed;
  unsigned long long begin_ns;
};
int kshim_ratelimit_pass(struct kshim_ratelimit* rs);
void kshim_warn(const char* file, int line, const char* cond);

/* Virtual time and the CPU the code runs on. */
unsigned long long kshim_clock_ns(void);
void kshim_delay_ns(unsigned long long ns);
unsigned kshim_current_cpu(void);

/* A named point of our own kernel-side code (stand-ins), counted like any other event. */
void kshim_event_point(const char* what);

/* One module_param() of the driver, left in section kshim_params by <linux/moduleparam.h>. */
struct kshim_module_param {
  const char* name;
  void* value;
  unsigned size;
};

#ifdef __cplusplus
}
#endif

#endif /* KSHIM_KAPI_H */
