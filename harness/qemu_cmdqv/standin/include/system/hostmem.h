/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's system/hostmem.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_SYSTEM_HOSTMEM_H
#define CTS_SYSTEM_HOSTMEM_H
#include "qemu/osdep.h"
#endif
