/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's qemu/main-loop.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_QEMU_MAIN_LOOP_H
#define CTS_QEMU_MAIN_LOOP_H
#include "qemu/osdep.h"
#endif
