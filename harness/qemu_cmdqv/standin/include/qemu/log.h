/* SPDX-License-Identifier: MIT */
/* QEMU's qemu_log_mask: logged by the stand-in, counted per mask (LOG_UNIMP, LOG_GUEST_ERROR). */
#ifndef CTS_QEMU_LOG_H
#define CTS_QEMU_LOG_H
#include "qemu/osdep.h"
#define CPU_LOG_TB_OUT_ASM (1 << 0)
#define LOG_GUEST_ERROR (1 << 11)
#define LOG_UNIMP (1 << 10)
void qemu_log_mask(int mask, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define qemu_log(...) qemu_log_mask(0, __VA_ARGS__)
#endif
