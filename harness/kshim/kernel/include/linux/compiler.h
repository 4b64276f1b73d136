/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/compiler.h>: attributes, branch hints and once-accesses. */
#ifndef KSHIM_LINUX_COMPILER_H
#define KSHIM_LINUX_COMPILER_H
#define __iomem
#define __force
#define __user
#define __rcu
#define __always_inline inline __attribute__((always_inline))
#define noinline __attribute__((noinline))
#define __maybe_unused __attribute__((unused))
#define __always_unused __attribute__((unused))
#define __must_check __attribute__((warn_unused_result))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x) (*(const volatile __typeof__(x)*)&(x))
#define WRITE_ONCE(x, val)                  \
  do {                                      \
    *(volatile __typeof__(x)*)&(x) = (val); \
  } while (0)
#define __counted_by(member)
#define fallthrough __attribute__((__fallthrough__))
#endif
