/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's qemu/bitops.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_QEMU_BITOPS_H
#define CTS_QEMU_BITOPS_H
#include "qemu/osdep.h"
#endif
