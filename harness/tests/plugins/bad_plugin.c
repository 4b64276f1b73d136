/* SPDX-License-Identifier: MIT */
/*
 * Plugins that fail as programs, one per BAD_KIND, to show that the suite reports each
 * as a verdict (or a configuration error) and goes on:
 *   1 crash       segfaults when the SMMU CMDQ_PROD register is written
 *   2 hang        never returns from run()
 *   3 wrong_abi   reports ABI version 99
 *   4 no_symbol   does not export cts_device
 *   5 create_fail create() refuses every option string
 *   6 abort       abort()s when the device is created a second time (a reset)
 *   7 leak        allocates 1 MiB more on every run() without freeing, and dies of the NULL it
 *                 gets when memory runs out (at most 4 GiB of address space: without a bound it
 *                 stops there, so a missing bound fails the test instead of the machine)
 *   8 bad_irq     raises an interrupt on line 7, which device.h does not define, on every run()
 * Until it fails, each is an SMMU whose registers read 0 (it does not conform either).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdqv_cts/device.h"

#ifndef BAD_KIND
#error "BAD_KIND must be defined"
#endif

static int creations;
static cts_host the_host;

static void *bad_create(const cts_host *host, const char *options, char *err, size_t errlen) {
  (void)options;
  the_host = *host;
  if (BAD_KIND == 5) {
    strncpy(err, "this device accepts no options at all", errlen - 1);
    return NULL;
  }
  if (BAD_KIND == 6 && ++creations > 1) abort();
  return calloc(1, 16);
}

static void bad_destroy(void *dev) { free(dev); }

static int bad_read(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t *val) {
  (void)dev;
  (void)r;
  (void)off;
  (void)size;
  *val = 0;
  return 0;
}

static int bad_write(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t val) {
  (void)dev;
  (void)size;
  (void)val;
  if (BAD_KIND == 1 && r == CTS_REGION_SMMU && off == 0x98) {
    volatile int *null_pointer = NULL;
    *null_pointer = 1;
  }
  return 0;
}

static void *leaked; /* a chain of 1 MiB blocks, each pointing to the previous one */
static unsigned leaked_mib;

static void bad_run(void *dev) {
  (void)dev;
  if (BAD_KIND == 2) {
    for (;;) {
    }
  }
  if (BAD_KIND == 8) {
    the_host.irq(the_host.ctx, 7, 1);
    the_host.irq(the_host.ctx, 7, 0);
  }
  if (BAD_KIND == 7) {
    int i;
    for (i = 0; i < 64 && leaked_mib < 4096; ++i, ++leaked_mib) {
      void **block = malloc((size_t)1 << 20); /* above the mmap threshold: address space, not RAM */
      *block = leaked;                         /* NULL once the bound is reached: a crash */
      leaked = block;
    }
  }
}

static const cts_device_ops ops = {
    BAD_KIND == 3 ? 99u : CTS_DEVICE_ABI_VERSION,
    "bad plugin",
    "smmuv3,cmdqv-host,cmdqv-guest",
    bad_create,
    bad_destroy,
    bad_read,
    bad_write,
    bad_run,
};

#if BAD_KIND != 4
__attribute__((visibility("default"))) const cts_device_ops *cts_device(void) { return &ops; }
#else
__attribute__((visibility("default"))) const cts_device_ops *not_the_entry_point(void) { return &ops; }
#endif
