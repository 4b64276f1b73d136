/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's qemu/units.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_QEMU_UNITS_H
#define CTS_QEMU_UNITS_H
#include "qemu/osdep.h"
#endif
