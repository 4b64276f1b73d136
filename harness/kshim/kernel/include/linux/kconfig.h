/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/kconfig.h>: IS_ENABLED() and friends; force-included like Kbuild does.
 */
#ifndef KSHIM_LINUX_KCONFIG_H
#define KSHIM_LINUX_KCONFIG_H
#include <generated/autoconf.h>
/* A config symbol defined to 1 expands the placeholder to "0," and selects the 1. */
#define KSHIM_PLACEHOLDER_1 0,
#define KSHIM_SECOND(ignored, val, ...) val
#define KSHIM_DEFINED_3(junk_or_zero_comma) KSHIM_SECOND(junk_or_zero_comma 1, 0, 0)
#define KSHIM_DEFINED_2(val) KSHIM_DEFINED_3(KSHIM_PLACEHOLDER_##val)
#define KSHIM_DEFINED(opt) KSHIM_DEFINED_2(opt)
#define IS_BUILTIN(option) KSHIM_DEFINED(option)
#define IS_MODULE(option) KSHIM_DEFINED(option##_MODULE)
#define IS_ENABLED(option) (IS_BUILTIN(option) || IS_MODULE(option))
#define IS_REACHABLE(option) IS_ENABLED(option)
#endif
