/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/build_bug.h>: compile-time assertions. */
#ifndef KSHIM_LINUX_BUILD_BUG_H
#define KSHIM_LINUX_BUILD_BUG_H
/* static_assert(expr) or static_assert(expr, "message"), as the kernel spells it. */
#define KSHIM_STATIC_ASSERT(expr, msg, ...) _Static_assert(expr, msg)
#define static_assert(expr, ...) KSHIM_STATIC_ASSERT(expr, ##__VA_ARGS__, #expr)
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))
#endif
