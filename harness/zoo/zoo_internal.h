/* SPDX-License-Identifier: MIT */
/*
 * The zoo device: internal state shared by its translation units. One clean-room C99
 * implementation of the SMMUv3 command queue and the Tegra241 CMDQV (host and guest views),
 * written from spec/ and the reference notes; CTS_ZOO_DEVIATION selects one deliberate
 * non-conformance (0 = conforming). See README.md for the list.
 */
#ifndef CTS_ZOO_INTERNAL_H
#define CTS_ZOO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cmdqv_cts/device.h"

#ifndef CTS_ZOO_DEVIATION
#define CTS_ZOO_DEVIATION 0
#endif

/* Deviation numbers, as passed by CMakeLists.txt (cts_add_zoo). */
#define ZOO_DEV_NONE 0
#define ZOO_DEV_HYP_OWN_NOT_MASKED 1      /* HYP-1 */
#define ZOO_DEV_ALIAS_NOT_MAPPED 2        /* ALIAS-1 */
#define ZOO_DEV_WRAP_LOG2SIZE_0 3         /* */
#define ZOO_DEV_GERRORN_NO_RESUME 4       /* ERR-3 */
#define ZOO_DEV_ILL_ADVANCES_CONS 5       /* ERR-1 */
#define ZOO_DEV_ENABLED_WITHOUT_EN 6      /* EN-3 */
#define ZOO_DEV_GUEST_ACCEPTS_CFGI 7      /* CMD-7 */
#define ZOO_DEV_RANGE_RESERVED_EXECUTED 8 /* CMD-11 */

#define ZOO_DEVIATES(n) (CTS_ZOO_DEVIATION == (n))

/* Geometry limits (PARAM field widths and the brief). */
#define ZOO_MAX_VINTFS 64u
#define ZOO_MAX_VCMDQS 128u
#define ZOO_MAX_SIDS 16u

/* Queue register fields common to the SMMU CMDQ and the VCMDQs. */
#define ZOO_IDX_MASK 0xFFFFFu      /* PROD.WR, CONS.RD [19:0] */
#define ZOO_ERR_SHIFT 24u
#define ZOO_ERR_MASK 0x7F000000u   /* CONS.ERR [30:24] */
#define ZOO_CERROR_ILL 1u
#define ZOO_CERROR_ABT 2u

/* CMDQ_ALLOC fields. */
#define ZOO_ALLOC_ALLOCATED 0x1u
#define ZOO_ALLOC_LVCMDQ(v) (((v) >> 1) & 0x7Fu)
#define ZOO_ALLOC_VINTF(v) (((v) >> 15) & 0x3Fu)
#define ZOO_ALLOC_MASK 0x1F80FFu

enum zoo_profile { ZOO_PROFILE_SMMUV3, ZOO_PROFILE_HOST, ZOO_PROFILE_GUEST };

typedef struct zoo_config {
  enum zoo_profile profile;
  uint32_t vintfs_log2, vcmdqs_log2, sids_log2, cmdqs;
  uint32_t s1p, s2p, hyp, ats, pri, msi, sev, mpam, dpt, stall_model, ril;
} zoo_config;

typedef struct zoo_vintf {
  uint32_t config, status;
  uint32_t sid_match[ZOO_MAX_SIDS], sid_replace[ZOO_MAX_SIDS];
  uint64_t lvcmdq_err_map[2];
} zoo_vintf;

typedef struct zoo_vcmdq {
  uint32_t cons, prod, config, status, gerror, gerrorn; /* page0 */
  uint64_t base, cons_indx_base;                        /* page1 */
  int stuck; /* deviation gerrorn-no-resume: acknowledged once, never consumes again */
} zoo_vcmdq;

typedef struct zoo_dev {
  cts_host host;
  zoo_config cfg;
  uint32_t vintfs, vcmdqs, per_vintf, sids; /* derived counts */

  /* SMMU page 0 */
  uint32_t idr0, idr1, idr3, cr0, cr0ack, irq_ctrl, irq_ctrlack, gerror, gerrorn, cmdq_prod,
      cmdq_cons;
  uint64_t cmdq_base;
  int smmu_stuck;

  /* CMDQV config page */
  uint32_t config, status, vi_err_map[2], vi_int_mask[2], cmdq_err_map[4];
  uint32_t cmdq_alloc[ZOO_MAX_VCMDQS];
  zoo_vintf vintf[ZOO_MAX_VINTFS];
  zoo_vcmdq vcmdq[ZOO_MAX_VCMDQS];
} zoo_dev;

/* zoo_device.c */
int zoo_parse_options(const char* options, zoo_config* cfg, char* err, size_t errlen);
void zoo_reset(zoo_dev* d);

/* zoo_regs.c: register file. Offsets are region-relative; CMDQV offsets may be logical pages. */
int zoo_read(zoo_dev* d, cts_region r, uint64_t off, uint32_t size, uint64_t* val);
int zoo_write(zoo_dev* d, cts_region r, uint64_t off, uint32_t size, uint64_t val);
/* CMDQ_ALLOC(q) maps q to a real logical slot: sets *v and *l. */
int zoo_vcmdq_owner(const zoo_dev* d, uint32_t q, uint32_t* v, uint32_t* l);
uint32_t zoo_vintf_hyp_own(const zoo_dev* d, uint32_t v);

/* zoo_queue.c: consumption, errors, acknowledgement. */
void zoo_run(zoo_dev* d);
uint32_t zoo_cons_written(uint32_t old, uint32_t val, uint64_t base, uint32_t cap);
void zoo_smmu_gerrorn_written(zoo_dev* d, uint32_t was_active);
void zoo_vcmdq_gerrorn_written(zoo_dev* d, uint32_t q, uint32_t was_active);

#endif /* CTS_ZOO_INTERNAL_H */
