/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's qapi/error.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_QAPI_ERROR_H
#define CTS_QAPI_ERROR_H
#include "qemu/osdep.h"
#endif
