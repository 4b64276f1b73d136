/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's qom/object.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_QOM_OBJECT_H
#define CTS_QOM_OBJECT_H
#include "qemu/osdep.h"
#endif
