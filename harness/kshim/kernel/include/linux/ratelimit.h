/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/ratelimit.h>: rate-limited messages on the virtual clock. */
#ifndef KSHIM_LINUX_RATELIMIT_H
#define KSHIM_LINUX_RATELIMIT_H
#include <kshim/kapi.h>
#define DEFAULT_RATELIMIT_INTERVAL_MS 5000
#define DEFAULT_RATELIMIT_BURST 10
#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init) \
  struct kshim_ratelimit name = {.interval_ms = (interval_init), .burst = (burst_init)}
#define __ratelimit(rs) kshim_ratelimit_pass(rs)
#endif
