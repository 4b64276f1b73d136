/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's system/memory.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_SYSTEM_MEMORY_H
#define CTS_SYSTEM_MEMORY_H
#include "qemu/osdep.h"
#endif
