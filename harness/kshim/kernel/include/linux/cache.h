/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/cache.h>: cache-line size and alignment. */
#ifndef KSHIM_LINUX_CACHE_H
#define KSHIM_LINUX_CACHE_H
#define L1_CACHE_BYTES 64
#define SMP_CACHE_BYTES L1_CACHE_BYTES
#define ____cacheline_aligned __attribute__((aligned(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp ____cacheline_aligned
#endif
