/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/minmax.h>: min/max with one evaluation of each argument. */
#ifndef KSHIM_LINUX_MINMAX_H
#define KSHIM_LINUX_MINMAX_H
#define min(a, b)                              \
  ({                                           \
    __typeof__(a) kshim_a_ = (a);              \
    __typeof__(b) kshim_b_ = (b);              \
    kshim_a_ < kshim_b_ ? kshim_a_ : kshim_b_; \
  })
#define max(a, b)                              \
  ({                                           \
    __typeof__(a) kshim_a_ = (a);              \
    __typeof__(b) kshim_b_ = (b);              \
    kshim_a_ > kshim_b_ ? kshim_a_ : kshim_b_; \
  })
#define min_t(type, a, b)                      \
  ({                                           \
    type kshim_a_ = (type)(a);                 \
    type kshim_b_ = (type)(b);                 \
    kshim_a_ < kshim_b_ ? kshim_a_ : kshim_b_; \
  })
#define max_t(type, a, b)                      \
  ({                                           \
    type kshim_a_ = (type)(a);                 \
    type kshim_b_ = (type)(b);                 \
    kshim_a_ > kshim_b_ ? kshim_a_ : kshim_b_; \
  })
#define clamp(v, lo, hi) min(max(v, lo), hi)
#endif
