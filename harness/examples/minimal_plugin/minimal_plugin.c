/* SPDX-License-Identifier: MIT */
/*
 * minimal_plugin.c: the smallest complete cmdqv-cts device plugin. It is a plain SMMUv3
 * command queue ("smmuv3" profile only, no Tegra241 CMDQV) and conforms to the suite.
 *
 * The contract is cmdqv_cts/device.h. The harness dlopen()s this shared object in a child
 * process, calls cts_device() (the only exported symbol), and then drives the device:
 *   create(options) -> read()/write() of SMMU page 0 registers -> run() -> ... -> destroy().
 * Commands live in the host's memory; the device fetches them with host->dma_read().
 *
 * How to start your own device from this file:
 *  1. Copy this directory and rename the library (CMakeLists.txt) and MP_NAME below.
 *  2. Replace the struct mp_dev state and the register bodies in reg_read32()/reg_write32()
 *     with calls into your model, RTL simulation or hardware bridge. Keep the access rules
 *     in mp_read()/mp_write() (4/8-byte, aligned, unknown offsets read 0).
 *  3. Replace the execution part of run(): this device only checks each command's legality
 *     (check_command) and pulses the interrupts; yours does the actual invalidations.
 *  4. Keep the option parser strict: the harness relies on create() rejecting options and
 *     profiles the device cannot model. Add your own keys to mp_keys[].
 *  5. To also support "cmdqv-host"/"cmdqv-guest", implement CTS_REGION_CMDQV (see the zoo
 *     in harness/zoo/ for a complete clean-room reference) and list them in .profiles.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdqv_cts/device.h"

#if defined(__GNUC__)
#define MP_EXPORT __attribute__((visibility("default")))
#else
#define MP_EXPORT
#endif

#define MP_NAME "minimal plugin (SMMUv3 CMDQ)"

/* SMMU page 0 register offsets (Arm IHI 0070). Every other offset reads 0. */
#define IDR0 0x00u
#define IDR1 0x04u
#define IDR3 0x0Cu
#define CR0 0x20u
#define CR0ACK 0x24u
#define IRQ_CTRL 0x50u
#define IRQ_CTRLACK 0x54u
#define GERROR 0x60u
#define GERRORN 0x64u
#define CMDQ_BASE 0x90u /* 64-bit */
#define CMDQ_PROD 0x98u
#define CMDQ_CONS 0x9Cu

#define CR0_MASK 0x1Fu            /* SMMUEN PRIQEN EVTQEN CMDQEN ATSCHK */
#define CR0_CMDQEN (1u << 3)
#define GERROR_MASK 0x1FDu        /* the GERRORN bits software can write */
#define GERROR_CMDQ_ERR 1u
#define BASE_MASK (((UINT64_C(1) << 52) - 1u) | (UINT64_C(1) << 62)) /* LOG2SIZE, ADDR, RA */
#define BASE_ADDR_MASK (((UINT64_C(1) << 52) - 1u) & ~UINT64_C(0x1F)) /* ADDR [51:5] */
#define IDX_MASK 0xFFFFFu         /* PROD.WR / CONS.RD: wrap bit + index, [19:0] */
#define ERR_SHIFT 24u
#define ERR_MASK 0x7F000000u      /* CONS.ERR [30:24] */
#define CERROR_ILL 1u
#define CERROR_ABT 2u

/* Options (create()'s "profile=smmuv3,key=value,..."): the features the device reports. */
typedef struct mp_config {
  uint32_t s1p, s2p, hyp, ats, pri, msi, sev, mpam, dpt, stall_model, cmdqs;
} mp_config;

typedef struct mp_key {
  const char *name;
  size_t field; /* offsetof(mp_config, ...) */
  uint32_t max;
} mp_key;

static const mp_key mp_keys[] = {
    {"s1p", offsetof(mp_config, s1p), 1},   {"s2p", offsetof(mp_config, s2p), 1},
    {"hyp", offsetof(mp_config, hyp), 1},   {"ats", offsetof(mp_config, ats), 1},
    {"pri", offsetof(mp_config, pri), 1},   {"msi", offsetof(mp_config, msi), 1},
    {"sev", offsetof(mp_config, sev), 1},   {"mpam", offsetof(mp_config, mpam), 1},
    {"dpt", offsetof(mp_config, dpt), 1},   {"stall_model", offsetof(mp_config, stall_model), 3},
    {"cmdqs", offsetof(mp_config, cmdqs), 19}, /* IDR1.CMDQS: max log2 of queue entries */
};

typedef struct mp_dev {
  cts_host host;
  mp_config cfg;
  uint32_t idr0, idr1, idr3, cr0, cr0ack, irq_ctrl, irq_ctrlack, gerror, gerrorn, prod, cons;
  uint64_t base;
} mp_dev;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  if (err == NULL || errlen == 0) {
    return;
  }
  va_start(ap, fmt);
  (void)vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

static int token_is(const char *s, size_t len, const char *word) {
  return strlen(word) == len && memcmp(s, word, len) == 0;
}

/* Decimal or 0x hex, no sign or trailing characters, at most 32 bits. 0 on success. */
static int parse_number(const char *s, size_t len, uint32_t *out) {
  static const char digits[] = "0123456789abcdef";
  const int hex = len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  const unsigned base = hex ? 16u : 10u;
  uint64_t v = 0;
  size_t i = hex ? 2u : 0u;
  if (i == len) {
    return -1;
  }
  for (; i < len; ++i) {
    const char *at = memchr(digits, tolower((unsigned char)s[i]), base); /* value: at - digits */
    if (at == NULL) {
      return -1;
    }
    v = v * base + (uint64_t)(at - digits);
    if (v > 0xFFFFFFFFu) {
      return -1;
    }
  }
  *out = (uint32_t)v;
  return 0;
}

/* "profile=smmuv3" first, then known keys only. On error: a one-line reason in err. */
static int parse_options(const char *options, mp_config *cfg, char *err, size_t errlen) {
  const char *p = options != NULL ? options : "";
  int first = 1;
  memset(cfg, 0, sizeof *cfg);
  cfg->s1p = 1; /* defaults: stage 1 only, stall not supported, 2^19-entry queues */
  cfg->stall_model = 1;
  cfg->cmdqs = 19;
  while (*p != '\0') {
    const char *end = strchr(p, ',');
    const size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
    const char *eq = memchr(p, '=', len);
    const size_t klen = eq != NULL ? (size_t)(eq - p) : len;
    const int kshow = (int)(klen < 32 ? klen : 32); /* for messages */
    const char *val = eq != NULL ? eq + 1 : p + len;
    const size_t vlen = eq != NULL ? len - klen - 1 : 0;
    if (len == 0) { /* tolerate empty items ("a=1,,b=2", a trailing comma) */
      p = end != NULL ? end + 1 : p;
      continue;
    }
    if (eq == NULL) {
      set_err(err, errlen, "option '%.*s': expected key=value", kshow, p);
      return -1;
    }
    if (token_is(p, klen, "profile")) {
      if (!first) {
        set_err(err, errlen, "option 'profile': must come first");
        return -1;
      }
      if (!token_is(val, vlen, "smmuv3")) {
        set_err(err, errlen, "option 'profile': '%.*s' is not supported (this device supports only smmuv3)",
                (int)(vlen < 32 ? vlen : 32), val);
        return -1;
      }
    } else {
      const mp_key *key = NULL;
      size_t k;
      uint32_t n;
      if (first) {
        set_err(err, errlen, "option 'profile': missing (it must come first, before '%.*s')", kshow, p);
        return -1;
      }
      for (k = 0; k < sizeof mp_keys / sizeof mp_keys[0]; ++k) {
        if (token_is(p, klen, mp_keys[k].name)) {
          key = &mp_keys[k];
        }
      }
      if (key == NULL) {
        set_err(err, errlen, "unknown option '%.*s'", kshow, p);
        return -1;
      }
      if (parse_number(val, vlen, &n) != 0) {
        set_err(err, errlen, "option '%.*s': expected a number", kshow, p);
        return -1;
      }
      if (n > key->max) {
        set_err(err, errlen, "option '%.*s': at most %lu", kshow, p, (unsigned long)key->max);
        return -1;
      }
      memcpy((char *)cfg + key->field, &n, sizeof n);
    }
    first = 0;
    p = end != NULL ? end + 1 : p + len;
  }
  if (first) {
    set_err(err, errlen, "option 'profile': missing (profile=smmuv3)");
    return -1;
  }
  return 0;
}

/* Reset state: calloc() zeroed every register; the ID registers describe the options. */
static void reset(mp_dev *d) {
  const mp_config *c = &d->cfg;
  /* IDR0: S2P S1P TTF=AArch64 COHACC HYP ATS ASID16 MSI SEV PRI STALL_MODEL TTENDIAN=LE VMID16 */
  d->idr0 = c->s2p | c->s1p << 1 | 2u << 2 | 1u << 4 | c->hyp << 9 | c->ats << 10 | 1u << 12 |
            c->msi << 13 | c->sev << 14 | c->pri << 16 | c->stall_model << 24 | 1u << 26 | 1u << 27;
  d->idr1 = 16u | 19u << 16 | c->cmdqs << 21; /* SIDSIZE=16, EVENTQS=19, CMDQS */
  d->idr3 = c->mpam << 7 | c->dpt << 15;      /* MPAM, DPT */
}

/* ---- Commands ------------------------------------------------------------------------- */

/* When an opcode is CERROR_ILL (the legality table of spec/commands.yaml). */
enum {
  ILL_ALWAYS = 1 << 0,  /* Reserved, Secure-only or IMPLEMENTATION DEFINED: never accepted */
  ILL_SSEC = 1 << 1,    /* SSec (bit 10) = 1 */
  ILL_NO_S1 = 1 << 2, ILL_NO_S2 = 1 << 3, ILL_NO_HYP = 1 << 4, ILL_NO_ATS = 1 << 5,
  ILL_NO_PRI = 1 << 6, ILL_NO_STALL = 1 << 7, ILL_NO_MPAM = 1 << 8, ILL_NO_DPT = 1 << 9,
  ILL_CS_RESERVED = 1 << 10,  /* CMD_SYNC CS (bits 13:12) = 0b11 */
  ILL_RESP_RESERVED = 1 << 11 /* PRI_RESP Resp (d1 bits 13:12) = 0b11 */
};

#define OP_CMD_SYNC 0x46u

static const struct { uint8_t opcode; uint16_t ill_when; } mp_cmds[] = {
    {0x01, ILL_SSEC},              {0x02, ILL_SSEC}, /* PREFETCH_CONFIG, PREFETCH_ADDR */
    {0x03, ILL_SSEC},              {0x04, ILL_SSEC}, /* CFGI_STE, CFGI_STE_RANGE */
    {0x05, ILL_SSEC | ILL_NO_S1},  {0x06, ILL_SSEC | ILL_NO_S1}, /* CFGI_CD, CFGI_CD_ALL */
    {0x07, ILL_NO_MPAM},           /* CFGI_VMS_PIDM */
    {0x10, ILL_NO_S1}, {0x11, ILL_NO_S1}, {0x12, ILL_NO_S1}, {0x13, ILL_NO_S1}, /* TLBI_NH_* */
    {0x20, ILL_NO_HYP}, {0x21, ILL_NO_HYP}, {0x22, ILL_NO_HYP}, {0x23, ILL_NO_HYP}, /* TLBI_EL2_* */
    {0x28, ILL_NO_S2},             {0x2A, ILL_NO_S2}, /* TLBI_S12_VMALL, TLBI_S2_IPA */
    {0x30, 0},                     /* TLBI_NSNH_ALL */
    {0x40, ILL_NO_ATS},            /* ATC_INV */
    {0x41, ILL_NO_PRI | ILL_RESP_RESERVED}, /* PRI_RESP */
    {0x44, ILL_NO_STALL},          {0x45, ILL_NO_STALL}, /* RESUME, STALL_TERM */
    {OP_CMD_SYNC, ILL_CS_RESERVED},
    {0x70, ILL_NO_DPT},            {0x73, ILL_NO_DPT}, /* DPTI_ALL, DPTI_PA */
    /* Every other opcode (Reserved, Secure-only, IMPLEMENTATION DEFINED) is ILL_ALWAYS. */
};

/* 0 when the command is accepted, else the CONS.ERR code. */
static uint32_t check_command(const mp_config *c, uint64_t d0, uint64_t d1) {
  uint32_t w = ILL_ALWAYS;
  size_t i;
  for (i = 0; i < sizeof mp_cmds / sizeof mp_cmds[0]; ++i) {
    if (mp_cmds[i].opcode == (d0 & 0xFFu)) {
      w = mp_cmds[i].ill_when;
    }
  }
  if ((w & ILL_ALWAYS) || ((w & ILL_SSEC) && ((d0 >> 10) & 1u)) || ((w & ILL_NO_S1) && !c->s1p) ||
      ((w & ILL_NO_S2) && !c->s2p) || ((w & ILL_NO_HYP) && !c->hyp) || ((w & ILL_NO_ATS) && !c->ats) ||
      ((w & ILL_NO_PRI) && !c->pri) || ((w & ILL_NO_STALL) && c->stall_model == 1) ||
      ((w & ILL_NO_MPAM) && !c->mpam) || ((w & ILL_NO_DPT) && !c->dpt) ||
      ((w & ILL_CS_RESERVED) && ((d0 >> 12) & 3u) == 3u) ||
      ((w & ILL_RESP_RESERVED) && ((d1 >> 12) & 3u) == 3u)) {
    return CERROR_ILL;
  }
  return 0;
}

static void pulse(const mp_dev *d, uint32_t line) { /* edge interrupt: level 1 then 0 */
  if (d->host.irq != NULL) {
    d->host.irq(d->host.ctx, line, 1);
    d->host.irq(d->host.ctx, line, 0);
  }
}

/* Effective queue size: CMDQ_BASE.LOG2SIZE, capped at IDR1.CMDQS. */
static uint32_t log2size(const mp_dev *d) {
  const uint32_t l = (uint32_t)(d->base & 0x1Fu);
  return l < d->cfg.cmdqs ? l : d->cfg.cmdqs;
}

/* Consume commands until the queue is empty, disabled, or stopped by an error. */
static void mp_run(void *dev) {
  mp_dev *d = dev;
  const uint32_t n = 1u << log2size(d);
  const uint32_t wrap_mask = 2u * n - 1u; /* index bits plus the wrap bit */
  const uint64_t span = n * 16u < 32u ? 32u : (uint64_t)n * 16u;
  const uint64_t qbase = (d->base & BASE_ADDR_MASK) & ~(span - 1u); /* aligned to the queue size */
  if ((d->cr0ack & CR0_CMDQEN) == 0) {
    return;
  }
  /* Stop while GERROR.CMDQ_ERR != GERRORN.CMDQ_ERR (an unacknowledged error). */
  while (((d->gerror ^ d->gerrorn) & GERROR_CMDQ_ERR) == 0 && ((d->prod ^ d->cons) & wrap_mask) != 0) {
    uint8_t buf[16];
    uint64_t d0 = 0, d1 = 0;
    uint32_t code;
    int i;
    if (d->host.dma_read(d->host.ctx, qbase + (uint64_t)(d->cons & (n - 1u)) * 16u, buf, 16) != 0) {
      code = CERROR_ABT; /* command fetch abort */
    } else {
      for (i = 7; i >= 0; --i) { /* little-endian 64-bit words */
        d0 = d0 << 8 | buf[i];
        d1 = d1 << 8 | buf[8 + i];
      }
      code = check_command(&d->cfg, d0, d1);
    }
    if (code != 0) { /* CONS stays on the bad command; record, raise GERROR, stop */
      d->cons = (d->cons & ~ERR_MASK) | code << ERR_SHIFT;
      d->gerror ^= GERROR_CMDQ_ERR;
      if (d->irq_ctrlack & 1u) pulse(d, CTS_IRQ_SMMU_GERROR); /* only with GERROR_IRQEN */
      return;
    }
    /* Execute the command here (a real device would invalidate caches, etc.). */
    d->cons = (d->cons & ~wrap_mask) | ((d->cons + 1u) & wrap_mask);
    if ((d0 & 0xFFu) == OP_CMD_SYNC && ((d0 >> 12) & 3u) == 1u) { /* CS = SIG_IRQ */
      pulse(d, CTS_IRQ_SMMU_CMDQ_SYNC);
    }
  }
}

/* ---- Registers ------------------------------------------------------------------------ */

static uint32_t reg_read32(const mp_dev *d, uint64_t off) {
  switch (off) {
    case IDR0: return d->idr0;
    case IDR1: return d->idr1;
    case IDR3: return d->idr3;
    case CR0: return d->cr0;
    case CR0ACK: return d->cr0ack;
    case IRQ_CTRL: return d->irq_ctrl;
    case IRQ_CTRLACK: return d->irq_ctrlack;
    case GERROR: return d->gerror;
    case GERRORN: return d->gerrorn;
    case CMDQ_BASE: return (uint32_t)d->base;
    case CMDQ_BASE + 4u: return (uint32_t)(d->base >> 32);
    case CMDQ_PROD: return d->prod;
    case CMDQ_CONS: return d->cons;
    default: return 0; /* no register here */
  }
}

static void reg_write32(mp_dev *d, uint64_t off, uint32_t v) {
  switch (off) {
    case CR0:
      d->cr0 = v & CR0_MASK;
      d->cr0ack = d->cr0; /* the update completes at once */
      break;
    case IRQ_CTRL: /* GERROR_IRQEN PRIQ_IRQEN EVTQ_IRQEN; acknowledged at once */
      d->irq_ctrl = v & 0x7u;
      d->irq_ctrlack = d->irq_ctrl;
      break;
    case GERRORN: d->gerrorn = v & GERROR_MASK; break;
    case CMDQ_BASE: d->base = ((d->base & ~UINT64_C(0xFFFFFFFF)) | v) & BASE_MASK; break;
    case CMDQ_BASE + 4u: d->base = ((d->base & UINT64_C(0xFFFFFFFF)) | (uint64_t)v << 32) & BASE_MASK; break;
    case CMDQ_PROD: d->prod = v & IDX_MASK; break;
    case CMDQ_CONS: { /* software may move RD and the wrap bit, within the queue size; ERR is kept */
      const uint32_t keep = (2u << log2size(d)) - 1u;
      d->cons = (d->cons & ERR_MASK) | (v & IDX_MASK & keep);
      break;
    }
    default: break; /* read-only (IDRx, CR0ACK, GERROR) or no register: ignored */
  }
}

/* Bus rules: 4- or 8-byte, naturally aligned, SMMU region only. Non-zero = bus error. */
static int bad_access(cts_region r, uint64_t off, uint32_t size) {
  return r != CTS_REGION_SMMU || (size != 4 && size != 8) || off % size != 0;
}

static int mp_read(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t *val) {
  const mp_dev *d = dev;
  if (d == NULL || val == NULL || bad_access(r, off, size)) {
    return 1;
  }
  *val = reg_read32(d, off);
  if (size == 8) { /* CMDQ_BASE whole, or two neighbouring 32-bit registers */
    *val |= (uint64_t)reg_read32(d, off + 4u) << 32;
  }
  return 0;
}

static int mp_write(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t val) {
  mp_dev *d = dev;
  if (d == NULL || bad_access(r, off, size)) {
    return 1;
  }
  if (size == 8 && off == CMDQ_BASE) {
    d->base = val & BASE_MASK;
    return 0;
  }
  reg_write32(d, off, (uint32_t)val);
  if (size == 8) {
    reg_write32(d, off + 4u, (uint32_t)(val >> 32));
  }
  return 0;
}

/* ---- Lifetime and the exported entry point -------------------------------------------- */

static void *mp_create(const cts_host *host, const char *options, char *err, size_t errlen) {
  mp_config cfg;
  mp_dev *d;
  if (host == NULL || host->dma_read == NULL) {
    set_err(err, errlen, "create: no host callbacks");
    return NULL;
  }
  if (parse_options(options, &cfg, err, errlen) != 0) {
    return NULL;
  }
  d = calloc(1, sizeof *d);
  if (d == NULL) {
    set_err(err, errlen, "create: out of memory");
    return NULL;
  }
  d->host = *host;
  d->cfg = cfg;
  reset(d);
  return d;
}

static void mp_destroy(void *dev) { free(dev); }

static const cts_device_ops mp_ops = {
    CTS_DEVICE_ABI_VERSION, MP_NAME,
    "smmuv3", /* the profiles this device supports */
    mp_create, mp_destroy, mp_read, mp_write, mp_run,
};

MP_EXPORT const cts_device_ops *cts_device(void) { return &mp_ops; }
