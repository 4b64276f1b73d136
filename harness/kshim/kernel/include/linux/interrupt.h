/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/interrupt.h>: interrupt requests, captured by the runtime. */
#ifndef KSHIM_LINUX_INTERRUPT_H
#define KSHIM_LINUX_INTERRUPT_H
#include <kshim/kapi.h>
#include <linux/types.h>
typedef enum kshim_irqreturn irqreturn_t;
#define IRQ_NONE KSHIM_IRQ_NONE
#define IRQ_HANDLED KSHIM_IRQ_HANDLED
#define IRQ_WAKE_THREAD KSHIM_IRQ_WAKE_THREAD
typedef irqreturn_t (*irq_handler_t)(int, void*);
#define IRQF_SHARED 0x80ul
#define IRQF_ONESHOT 0x2000ul
static inline int request_threaded_irq(unsigned int irq, irq_handler_t handler,
                                       irq_handler_t thread_fn, unsigned long flags,
                                       const char* name, void* dev) {
  return kshim_request_irq(irq, handler, thread_fn, flags, name, dev);
}
static inline int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
                              const char* name, void* dev) {
  return kshim_request_irq(irq, handler, NULL, flags, name, dev);
}
static inline const void* free_irq(unsigned int irq, void* dev_id) {
  kshim_free_irq(irq, dev_id);
  return NULL;
}
static inline void synchronize_irq(unsigned int irq) {
  kshim_synchronize_irq(irq);
}
#endif
