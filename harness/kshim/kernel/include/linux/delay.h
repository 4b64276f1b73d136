/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/delay.h>: delays advance the virtual clock. */
#ifndef KSHIM_LINUX_DELAY_H
#define KSHIM_LINUX_DELAY_H
#include <kshim/kapi.h>
#define ndelay(ns) kshim_delay_ns((unsigned long long)(ns))
#define udelay(us) kshim_delay_ns((unsigned long long)(us)*1000ULL)
#define usleep_range(min_us, max_us) kshim_delay_ns((unsigned long long)(min_us)*1000ULL)
#define msleep(ms) kshim_delay_ns((unsigned long long)(ms)*1000000ULL)
#define cpu_relax() \
  do {              \
  } while (0)
#endif
