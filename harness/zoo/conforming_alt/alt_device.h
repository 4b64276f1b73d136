/* SPDX-License-Identifier: MIT */
/*
 * zoo:conforming-alt: a second clean-room SMMUv3 CMDQ + Tegra241 CMDQV device, written from
 * Arm IHI 0070 G.b and the project's reference notes (../shared/reference), not from the
 * reference model or the first zoo device. Wherever the architecture permits several outcomes
 * it takes the one that the first implementations do not (README.md in this directory lists
 * each choice with its section).
 */
#ifndef CTS_ALT_DEVICE_H
#define CTS_ALT_DEVICE_H

#include <stdint.h>

#include "cmdqv_cts/device.h"

#define ALT_MAX_VINTFS 64
#define ALT_MAX_VCMDQS 128
#define ALT_MAX_SIDS 16

/* One command queue's programming interface: the SMMU CMDQ or a VCMDQ. */
typedef struct alt_queue {
  uint64_t base;    /* as stored: only the implemented bits */
  uint32_t prod;    /* WR [19:0] as written */
  uint32_t cons;    /* RD [19:0] as last set; reads mask it to the current size (6.3.28) */
  uint32_t err;     /* CONS.ERR [30:24] */
  uint32_t gerror;  /* toggled by the device */
  uint32_t gerrorn; /* last value written by software */
  int err_active;   /* a command error raised by this queue and not yet acknowledged */
  uint32_t config;  /* VCMDQ CONFIG (EN) */
  uint64_t cons_indx_base;
} alt_queue;

typedef struct alt_dev {
  cts_host host;
  int cmdqv, guest;
  /* Configuration (device options). */
  unsigned vintfs_log2, vcmdqs_log2, sids_log2, cmdqs, stall_model;
  int s1p, s2p, hyp, ats, pri, msi, sev, mpam, dpt;
  /* SMMU page 0. */
  uint32_t cr0, cr0ack, cr1, cr2, gbpa, irq_ctrl, irq_ctrlack;
  uint64_t gerror_irq_cfg0;
  uint32_t gerror_irq_cfg1, gerror_irq_cfg2;
  alt_queue smmu;
  /* CMDQV. */
  uint32_t cmdqv_config;
  uint32_t vi_int_mask[2];
  uint32_t cmdq_alloc[ALT_MAX_VCMDQS];
  uint32_t vintf_config[ALT_MAX_VINTFS];
  uint32_t sid_match[ALT_MAX_VINTFS][ALT_MAX_SIDS];
  uint32_t sid_replace[ALT_MAX_VINTFS][ALT_MAX_SIDS];
  alt_queue vcmdq[ALT_MAX_VCMDQS];
  /* Interrupts raised during one run(), signalled once at its end (7.5.1 permits coalescing). */
  int pending_gerror_irq, pending_cmdqv_irq;
} alt_dev;

unsigned alt_vintfs(const alt_dev* d);
unsigned alt_vcmdqs(const alt_dev* d);
unsigned alt_lvcmdqs_per_vintf(const alt_dev* d);

/* Registers (alt_regs.c). */
uint32_t alt_smmu_read32(alt_dev* d, uint64_t off);
void alt_smmu_write32(alt_dev* d, uint64_t off, uint32_t v);
uint32_t alt_cmdqv_read32(alt_dev* d, uint64_t off);
void alt_cmdqv_write32(alt_dev* d, uint64_t off, uint32_t v);
/* The global VCMDQ that backs logical queue l of VINTF i, or -1 (none mapped). */
int alt_logical_to_global(const alt_dev* d, unsigned i, unsigned l);
/* Read-side value of a queue's CONS register for a queue of 2^qs entries. */
uint32_t alt_cons_value(const alt_queue* q, unsigned qs);
unsigned alt_smmu_qs(const alt_dev* d);
unsigned alt_vcmdq_qs(const alt_queue* q);

/* Command consumption (alt_queue.c). */
void alt_run(alt_dev* d);
int alt_vcmdq_consumes(const alt_dev* d, unsigned q);

#endif
