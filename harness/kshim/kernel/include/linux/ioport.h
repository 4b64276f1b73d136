/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/ioport.h>: resources. */
#ifndef KSHIM_LINUX_IOPORT_H
#define KSHIM_LINUX_IOPORT_H
#include <linux/types.h>
#define IORESOURCE_IO 0x00000100ul
#define IORESOURCE_MEM 0x00000200ul
#define IORESOURCE_IRQ 0x00000400ul
struct resource {
  resource_size_t start;
  resource_size_t end; /* inclusive */
  const char* name;
  unsigned long flags;
};
static inline resource_size_t resource_size(const struct resource* res) {
  return res->end - res->start + 1;
}
#endif
