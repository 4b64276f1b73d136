/* SPDX-License-Identifier: MIT */
/*
 * cmdqv-cts device ABI, version 1: how a device implementation (an SMMUv3 command queue,
 * optionally with a Tegra241 CMDQV) plugs into the conformance suite.
 *
 * A plugin is a shared object that exports one symbol, cts_device(), returning a pointer to
 * a static cts_device_ops. Plain C99; usable from C, C++ and Rust (bindgen).
 *
 * Contract
 * - The harness loads each plugin in a child process of its own: a crash, an abort, an
 *   endless loop or a wrong ABI version is reported as a verdict and the run goes on.
 * - create() is called once per test sequence with the host callbacks and an option string
 *   "key=value,...". The harness always passes profile=smmuv3|cmdqv-host|cmdqv-guest first
 *   (cmdqv-guest: the device is what a VM sees, VINTF CONFIG.HYP_OWN wired to 0); then the
 *   user's options (geometry: vintfs_log2, vcmdqs_log2, sids_log2; SMMU: cmdqs, s1p, s2p,
 *   hyp, ats, pri, stall_model; anything else the device documents). On failure, including
 *   an unknown key or an unsupported profile, it returns NULL and writes a one-line,
 *   NUL-terminated reason into err[errlen]. destroy() releases everything create() made.
 *   After create() the device is in its reset state.
 * - read()/write(): size is 4 or 8; values are little-endian register values (bit 0 is the
 *   register's bit 0); off is relative to the region base:
 *     CTS_REGION_SMMU  = SMMU page 0 (IDR0 at 0x0, CMDQ_BASE at 0x90, ...),
 *     CTS_REGION_CMDQV = CMDQV MMIO base (config page at 0x0, VCMDQ pages at 0x10000/0x20000,
 *                        VINTF i logical pages at 0x30000/0x40000 + 0x20000 * i).
 *   Return 0 on success. A non-zero return is a bus error (e.g. an unsupported size); an
 *   offset with no register should read 0, ignore writes and return 0.
 *   A device that supports only the SMMU profile fails every CTS_REGION_CMDQV access.
 * - Queue memory is the host's: read commands with host->dma_read(ctx, addr, buf, len);
 *   a non-zero return is an abort (a command fetch abort is CERROR_ABT). The harness writes
 *   queue entries into that memory before it writes PROD. Memory is RAM at
 *   [CTS_RAM_BASE, CTS_RAM_BASE + CTS_RAM_SIZE) (as QEMU's virt machine with -m 1G); an
 *   access outside it aborts.
 * - run() lets the device make progress: consume commands until every queue is empty,
 *   stopped by an error, or disabled. The harness calls it after writes and before it
 *   compares progress registers (CONS, GERROR, STATUS, error maps). A device that consumes
 *   synchronously inside write() may set run to NULL. run() must return: a device that never
 *   does is reported as hanging (per-call timeout, 1 s by default).
 * - host->irq(ctx, line, level): line 0 = SMMU CMD_SYNC (CS = IRQ), 1 = SMMU GERROR,
 *   2 = CMDQV error. Edge interrupts are reported as level 1 then level 0. The harness
 *   reports as a broken ABI (a device failure naming the line), never drops: a line other
 *   than 0-2, line 2 from a device created for the smmuv3 profile, and a line raised again
 *   before it was lowered.
 * - host->log(ctx, msg): free-form diagnostics; shown with --verbose.
 * - The harness calls the device from one thread at a time.
 */
#ifndef CMDQV_CTS_DEVICE_H
#define CMDQV_CTS_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CTS_DEVICE_ABI_VERSION 1

#define CTS_RAM_BASE 0x40000000ull
#define CTS_RAM_SIZE 0x40000000ull

typedef enum { CTS_REGION_SMMU = 0, CTS_REGION_CMDQV = 1 } cts_region;

enum {
  CTS_IRQ_SMMU_CMDQ_SYNC = 0,
  CTS_IRQ_SMMU_GERROR = 1,
  CTS_IRQ_CMDQV_ERROR = 2,
};

typedef struct cts_host { /* given to the device by the harness */
  void *ctx;
  int (*dma_read)(void *ctx, uint64_t addr, void *buf, uint32_t len); /* 0 ok, else abort */
  int (*dma_write)(void *ctx, uint64_t addr, const void *buf, uint32_t len);
  void (*irq)(void *ctx, uint32_t line, int level);
  void (*log)(void *ctx, const char *msg);
} cts_host;

typedef struct cts_device_ops {
  uint32_t abi_version; /* CTS_DEVICE_ABI_VERSION */
  const char *name;
  const char *profiles; /* comma list of "smmuv3", "cmdqv-host", "cmdqv-guest" */
  void *(*create)(const cts_host *host, const char *options, char *err, size_t errlen);
  void (*destroy)(void *dev);
  int (*read)(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t *val); /* 0 ok, else bus error */
  int (*write)(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t val);
  void (*run)(void *dev); /* may be NULL: the device acts synchronously */
} cts_device_ops;

/* The one symbol a plugin exports. */
const cts_device_ops *cts_device(void);

#ifdef __cplusplus
}
#endif

#endif /* CMDQV_CTS_DEVICE_H */
