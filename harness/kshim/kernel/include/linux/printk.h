/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/printk.h>: printk-level messages. */
#ifndef KSHIM_LINUX_PRINTK_H
#define KSHIM_LINUX_PRINTK_H
#include <linux/dev_printk.h>
#endif
