/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/bug.h>: WARN_ON and BUG_ON: reported to the harness as findings. */
#ifndef KSHIM_LINUX_BUG_H
#define KSHIM_LINUX_BUG_H
#include <kshim/kapi.h>
#include <linux/compiler.h>
#define WARN_ON(cond)                                              \
  ({                                                               \
    int kshim_c_ = !!(cond);                                       \
    if (unlikely(kshim_c_)) kshim_warn(__FILE__, __LINE__, #cond); \
    kshim_c_;                                                      \
  })
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define WARN(cond, ...) WARN_ON(cond)
#define WARN_ONCE(cond, ...) WARN_ON(cond)
#define BUG_ON(cond)                                 \
  do {                                               \
    if (unlikely(cond)) {                            \
      kshim_warn(__FILE__, __LINE__, "BUG: " #cond); \
      __builtin_trap();                              \
    }                                                \
  } while (0)
#define BUG() BUG_ON(1)
#endif
