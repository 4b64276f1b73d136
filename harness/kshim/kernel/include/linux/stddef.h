/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/stddef.h>: NULL, offsetof, true/false. */
#ifndef KSHIM_LINUX_STDDEF_H
#define KSHIM_LINUX_STDDEF_H
#include <stddef.h>
enum { false = 0, true = 1 };
#endif
