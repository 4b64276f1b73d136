/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/ktime.h>: the virtual clock. */
#ifndef KSHIM_LINUX_KTIME_H
#define KSHIM_LINUX_KTIME_H
#include <kshim/kapi.h>
#include <linux/types.h>
#define NSEC_PER_USEC 1000LL
#define NSEC_PER_MSEC 1000000LL
static inline ktime_t ktime_get(void) {
  return (ktime_t)kshim_clock_ns();
}
static inline ktime_t ktime_add_us(ktime_t t, u64 us) {
  return t + (ktime_t)(us * NSEC_PER_USEC);
}
static inline ktime_t ktime_add_ns(ktime_t t, u64 ns) {
  return t + (ktime_t)ns;
}
static inline int ktime_compare(ktime_t a, ktime_t b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
static inline bool ktime_before(ktime_t a, ktime_t b) {
  return a < b;
}
static inline bool ktime_after(ktime_t a, ktime_t b) {
  return a > b;
}
static inline s64 ktime_to_ns(ktime_t t) {
  return t;
}
#endif
