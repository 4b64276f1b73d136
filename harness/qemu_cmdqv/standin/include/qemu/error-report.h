/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's qemu/error-report.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_QEMU_ERROR_REPORT_H
#define CTS_QEMU_ERROR_REPORT_H
#include "qemu/osdep.h"
#endif
