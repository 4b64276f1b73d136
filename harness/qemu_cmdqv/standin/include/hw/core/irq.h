/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's hw/core/irq.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_HW_CORE_IRQ_H
#define CTS_HW_CORE_IRQ_H
#include "qemu/osdep.h"
#endif
