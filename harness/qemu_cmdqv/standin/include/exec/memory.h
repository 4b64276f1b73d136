/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's exec/memory.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_EXEC_MEMORY_H
#define CTS_EXEC_MEMORY_H
#include "qemu/osdep.h"
#endif
