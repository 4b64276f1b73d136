/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/dev_printk.h>: dev_* messages; dev_dbg evaluates its arguments only
 * when debug is on. */
#ifndef KSHIM_LINUX_DEV_PRINTK_H
#define KSHIM_LINUX_DEV_PRINTK_H
#include <kshim/kapi.h>
#include <linux/ratelimit.h>
struct device;
const char* dev_name(const struct device* dev);
#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif
#define KSHIM_DEV_PRINTK(level, dev, fmt, ...) \
  kshim_printk(level, dev_name(dev), dev_fmt(fmt), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) KSHIM_DEV_PRINTK(0, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) KSHIM_DEV_PRINTK(2, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) KSHIM_DEV_PRINTK(3, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) KSHIM_DEV_PRINTK(4, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) KSHIM_DEV_PRINTK(5, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) KSHIM_DEV_PRINTK(6, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)                                               \
  do {                                                                       \
    if (kshim_debug_enabled()) KSHIM_DEV_PRINTK(7, dev, fmt, ##__VA_ARGS__); \
  } while (0)
/* One rate limit state per call site, as the kernel's macros keep it. */
#define KSHIM_DEV_RATELIMITED(level, dev, fmt, ...)                                \
  do {                                                                             \
    static DEFINE_RATELIMIT_STATE(kshim_rs_, DEFAULT_RATELIMIT_INTERVAL_MS,        \
                                  DEFAULT_RATELIMIT_BURST);                        \
    if (__ratelimit(&kshim_rs_)) KSHIM_DEV_PRINTK(level, dev, fmt, ##__VA_ARGS__); \
  } while (0)
#define dev_err_ratelimited(dev, fmt, ...) KSHIM_DEV_RATELIMITED(3, dev, fmt, ##__VA_ARGS__)
#define dev_warn_ratelimited(dev, fmt, ...) KSHIM_DEV_RATELIMITED(4, dev, fmt, ##__VA_ARGS__)
#define dev_info_ratelimited(dev, fmt, ...) KSHIM_DEV_RATELIMITED(6, dev, fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) kshim_printk(3, "", fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) kshim_printk(4, "", fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) kshim_printk(6, "", fmt, ##__VA_ARGS__)
#endif
