/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/sprintf.h>: formatting into buffers (the C library's, for the formats
 * the driver uses). */
#ifndef KSHIM_LINUX_SPRINTF_H
#define KSHIM_LINUX_SPRINTF_H
#include <linux/types.h>
int snprintf(char* buf, size_t size, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
int sprintf(char* buf, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
