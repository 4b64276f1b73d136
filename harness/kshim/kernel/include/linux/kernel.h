/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/kernel.h>: the usual collection. */
#ifndef KSHIM_LINUX_KERNEL_H
#define KSHIM_LINUX_KERNEL_H
#include <asm/page.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/sprintf.h>
#include <linux/types.h>
/* kshim runs on little-endian hosts, like the arm64 kernels it models. */
#define cpu_to_le64(x) ((__le64)(x))
#define le64_to_cpu(x) ((u64)(x))
#define cpu_to_le32(x) ((__le32)(x))
#define le32_to_cpu(x) ((u32)(x))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define lower_32_bits(n) ((u32)((n)&0xffffffff))
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define might_sleep() \
  do {                \
  } while (0)
#endif
