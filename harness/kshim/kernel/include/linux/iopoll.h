/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/iopoll.h>: register polling with a timeout on the virtual clock. */
#ifndef KSHIM_LINUX_IOPOLL_H
#define KSHIM_LINUX_IOPOLL_H
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/ktime.h>
/* Read, test, give up once the deadline passed (after one last read), else sleep and repeat. */
#define read_poll_timeout(op, val, cond, sleep_us, timeout_us, sleep_before_read, args...) \
  ({                                                                                       \
    u64 kshim_timeout_us_ = (timeout_us);                                                  \
    unsigned long kshim_sleep_us_ = (sleep_us);                                            \
    ktime_t kshim_deadline_ = ktime_add_us(ktime_get(), kshim_timeout_us_);                \
    if ((sleep_before_read) && kshim_sleep_us_) udelay(kshim_sleep_us_);                   \
    for (;;) {                                                                             \
      (val) = op(args);                                                                    \
      if (cond) break;                                                                     \
      if (kshim_timeout_us_ && ktime_compare(ktime_get(), kshim_deadline_) > 0) {          \
        (val) = op(args);                                                                  \
        break;                                                                             \
      }                                                                                    \
      if (kshim_sleep_us_)                                                                 \
        udelay(kshim_sleep_us_);                                                           \
      else                                                                                 \
        ndelay(100);                                                                       \
    }                                                                                      \
    (cond) ? 0 : -ETIMEDOUT;                                                               \
  })
#define read_poll_timeout_atomic(op, val, cond, delay_us, timeout_us, delay_before_read, args...) \
  read_poll_timeout(op, val, cond, delay_us, timeout_us, delay_before_read, args)
#define readx_poll_timeout(op, addr, val, cond, sleep_us, timeout_us) \
  read_poll_timeout(op, val, cond, sleep_us, timeout_us, 0, addr)
#define readl_poll_timeout(addr, val, cond, sleep_us, timeout_us) \
  readx_poll_timeout(readl, addr, val, cond, sleep_us, timeout_us)
#define readl_relaxed_poll_timeout(addr, val, cond, sleep_us, timeout_us) \
  readx_poll_timeout(readl_relaxed, addr, val, cond, sleep_us, timeout_us)
#define readl_poll_timeout_atomic(addr, val, cond, delay_us, timeout_us) \
  readx_poll_timeout(readl, addr, val, cond, delay_us, timeout_us)
#define readl_relaxed_poll_timeout_atomic(addr, val, cond, delay_us, timeout_us) \
  readx_poll_timeout(readl_relaxed, addr, val, cond, delay_us, timeout_us)
#endif
