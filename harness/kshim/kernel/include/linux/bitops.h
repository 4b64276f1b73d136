/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/bitops.h>: bit scans. */
#ifndef KSHIM_LINUX_BITOPS_H
#define KSHIM_LINUX_BITOPS_H
#include <linux/bits.h>
#include <linux/types.h>
static inline unsigned long __ffs64(u64 word) {
  return (unsigned long)__builtin_ctzll(word);
}
static inline unsigned long __ffs(unsigned long word) {
  return (unsigned long)__builtin_ctzl(word);
}
static inline int fls(unsigned int x) {
  return x ? 32 - __builtin_clz(x) : 0;
}
static inline int fls64(u64 x) {
  return x ? 64 - __builtin_clzll(x) : 0;
}
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define ilog2(n) ((n) ? 63 - __builtin_clzll((unsigned long long)(n)) : -1)
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n)-1)) == 0))
#endif
