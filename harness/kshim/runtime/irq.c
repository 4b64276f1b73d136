// SPDX-License-Identifier: MIT
// Interrupt capture: request_irq/request_threaded_irq store the handlers, and the harness raises
// the line synchronously. A raise while the handler runs is latched and delivered when it
// returns (an edge is not lost, a handler never nests), which is what a oneshot thread sees.
#include "runtime.h"

#define KSHIM_IRQF_SHARED 0x80ul
#define KSHIM_IRQF_ONESHOT 0x2000ul

int kshim_request_irq(unsigned irq, kshim_irq_handler handler, kshim_irq_handler thread_fn,
                      unsigned long flags, const char* name, void* dev_id) {
  (void)name;
  kshim_event(KSHIM_EV_IRQ, thread_fn ? "request_threaded_irq" : "request_irq", 0, irq, 0, flags,
              __builtin_return_address(0));
  struct kshim_irq* q = &kshim_rt.irq;
  if (kshim_rt.opt.irq <= 0 || irq != (unsigned)kshim_rt.opt.irq) return -22; /* -EINVAL */
  if (!handler && !thread_fn) return -22;
  if (!handler && !(flags & KSHIM_IRQF_ONESHOT)) {
    kshim_finding("irq", "threaded IRQ %u requested with handler=NULL and !ONESHOT", irq);
    return -22;
  }
  if (q->requested && !(flags & q->flags & KSHIM_IRQF_SHARED)) return -16; /* -EBUSY */
  q->irq = irq;
  q->handler = handler;
  q->thread_fn = thread_fn;
  q->flags = flags;
  q->dev_id = dev_id;
  q->requested = 1;
  return 0;
}

void kshim_free_irq(unsigned irq, void* dev_id) {
  kshim_event(KSHIM_EV_IRQ, "free_irq", 0, irq, 0, 0, __builtin_return_address(0));
  struct kshim_irq* q = &kshim_rt.irq;
  if (!q->requested || q->irq != irq || q->dev_id != dev_id) {
    kshim_finding("WARN", "Trying to free already-free IRQ %u", irq);
    return;
  }
  q->requested = 0;
  q->pending = 0;
}

void kshim_synchronize_irq(unsigned irq) {
  /* A synchronous handler has always finished by the time the caller runs. */
  kshim_event(KSHIM_EV_IRQ, "synchronize_irq", 0, irq, 0, 0, __builtin_return_address(0));
}

void kshim_irq_raise(void) {
  struct kshim_irq* q = &kshim_rt.irq;
  if (!q->requested) return; /* nobody listens: the edge is lost */
  if (q->running) {
    q->pending = 1;
    return;
  }
  do {
    q->pending = 0;
    q->running = 1;
    enum kshim_irqreturn r =
        q->handler ? q->handler((int)q->irq, q->dev_id) : KSHIM_IRQ_WAKE_THREAD;
    if (r == KSHIM_IRQ_WAKE_THREAD && q->thread_fn) q->thread_fn((int)q->irq, q->dev_id);
    q->running = 0;
  } while (q->pending && q->requested);
}
