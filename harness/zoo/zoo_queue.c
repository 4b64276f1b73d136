/* SPDX-License-Identifier: MIT */
/*
 * The zoo device: command queues. The opcode table (transcribed from spec/commands.yaml),
 * command legality and the HYP_OWN = 0 filter, consumption of the SMMU CMDQ and the VCMDQs,
 * error recording (CONS.ERR, GERROR, CMDQV error maps, interrupts) and acknowledgement.
 */
#include "zoo_internal.h"

/* ill_when conditions (spec/README.md, commands.yaml). */
enum {
  ILL_ALWAYS = 1 << 0,
  ILL_SSEC = 1 << 1,
  ILL_NO_S1 = 1 << 2,
  ILL_NO_S2 = 1 << 3,
  ILL_NO_HYP = 1 << 4,
  ILL_NO_ATS = 1 << 5,
  ILL_NO_PRI = 1 << 6,
  ILL_NO_STALL = 1 << 7,
  ILL_NO_MPAM = 1 << 8,
  ILL_NO_DPT = 1 << 9,
  ILL_CS_RESERVED = 1 << 10,
  ILL_RESP_RESERVED = 1 << 11,
  ILL_IMPL_DEFINED = 1 << 12
};

/* What a VCMDQ whose VINTF has HYP_OWN = 0 does with an otherwise legal command. */
enum zoo_guest { GUEST_ACCEPT, GUEST_REJECT, GUEST_DISPUTED };

typedef struct zoo_cmd {
  uint8_t opcode;
  uint16_t ill_when;
  uint8_t guest; /* enum zoo_guest */
} zoo_cmd;

#define OP_CFGI_STE 0x03u
#define OP_CMD_SYNC 0x46u
#define IMPDEF(op) {op, ILL_IMPL_DEFINED, GUEST_DISPUTED}

/* spec/commands.yaml, every opcode in it; an absent opcode is Reserved (always CERROR_ILL). */
static const zoo_cmd zoo_cmds[] = {
    {0x01, ILL_SSEC, GUEST_REJECT},                 /* PREFETCH_CONFIG */
    {0x02, ILL_SSEC, GUEST_REJECT},                 /* PREFETCH_ADDR */
    {0x03, ILL_SSEC, GUEST_REJECT},                 /* CFGI_STE */
    {0x04, ILL_SSEC, GUEST_REJECT},                 /* CFGI_STE_RANGE */
    {0x05, ILL_SSEC | ILL_NO_S1, GUEST_REJECT},     /* CFGI_CD */
    {0x06, ILL_SSEC | ILL_NO_S1, GUEST_REJECT},     /* CFGI_CD_ALL */
    {0x07, ILL_NO_MPAM, GUEST_REJECT},              /* CFGI_VMS_PIDM */
    {0x10, ILL_NO_S1, GUEST_DISPUTED},              /* TLBI_NH_ALL */
    {0x11, ILL_NO_S1, GUEST_ACCEPT},                /* TLBI_NH_ASID */
    {0x12, ILL_NO_S1, GUEST_ACCEPT},                /* TLBI_NH_VA */
    {0x13, ILL_NO_S1, GUEST_DISPUTED},              /* TLBI_NH_VAA */
    {0x18, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_EL3_ALL */
    {0x1A, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_EL3_VA */
    {0x20, ILL_NO_HYP, GUEST_DISPUTED},             /* TLBI_EL2_ALL */
    {0x21, ILL_NO_HYP, GUEST_DISPUTED},             /* TLBI_EL2_ASID */
    {0x22, ILL_NO_HYP, GUEST_DISPUTED},             /* TLBI_EL2_VA */
    {0x23, ILL_NO_HYP, GUEST_DISPUTED},             /* TLBI_EL2_VAA */
    {0x28, ILL_NO_S2, GUEST_DISPUTED},              /* TLBI_S12_VMALL */
    {0x2A, ILL_NO_S2, GUEST_DISPUTED},              /* TLBI_S2_IPA */
    {0x30, 0, GUEST_DISPUTED},                      /* TLBI_NSNH_ALL */
    {0x40, ILL_NO_ATS, GUEST_ACCEPT},               /* ATC_INV */
    {0x41, ILL_NO_PRI | ILL_RESP_RESERVED, GUEST_REJECT}, /* PRI_RESP */
    {0x44, ILL_NO_STALL, GUEST_REJECT},             /* RESUME */
    {0x45, ILL_NO_STALL, GUEST_REJECT},             /* STALL_TERM */
    {0x46, ILL_CS_RESERVED, GUEST_ACCEPT},          /* CMD_SYNC */
    {0x50, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_S_EL2_ALL */
    {0x51, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_S_EL2_ASID */
    {0x52, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_S_EL2_VA */
    {0x53, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_S_EL2_VAA */
    {0x58, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_S_S12_VMALL */
    {0x5A, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_S_S2_IPA */
    {0x60, ILL_ALWAYS, GUEST_REJECT},               /* TLBI_SNH_ALL */
    {0x70, ILL_NO_DPT, GUEST_DISPUTED},             /* DPTI_ALL */
    {0x73, ILL_NO_DPT, GUEST_DISPUTED},             /* DPTI_PA */
    IMPDEF(0x80), IMPDEF(0x81), IMPDEF(0x82), IMPDEF(0x83),
    IMPDEF(0x84), IMPDEF(0x85), IMPDEF(0x86), IMPDEF(0x87),
    IMPDEF(0x88), IMPDEF(0x89), IMPDEF(0x8A), IMPDEF(0x8B),
    IMPDEF(0x8C), IMPDEF(0x8D), IMPDEF(0x8E), IMPDEF(0x8F),
};

static const zoo_cmd *lookup(uint32_t opcode) {
  size_t i;
  for (i = 0; i < sizeof zoo_cmds / sizeof zoo_cmds[0]; ++i) {
    if (zoo_cmds[i].opcode == opcode) {
      return &zoo_cmds[i];
    }
  }
  return NULL;
}

/* With IDR3.RIL = 1, a range invalidation (TLBI_NH_VA/VAA, TLBI_EL2_VA/VAA, TLBI_S2_IPA) with
 * TG != 0 and NUM = SCALE = 0 is Reserved when TTL = 0b00, or TTL = 0b01 with TG = 16KB and
 * IDR5.DS = 0 (which this device reports), and raises CERROR_ILL (IHI 0070 G.b 4.4.1.1). RES0
 * range fields (RIL = 0, or TG = 0) are ignored, one of the two outcomes 4.1.5 permits. */
static int range_reserved(const zoo_config *c, uint32_t opcode, uint64_t d0, uint64_t d1) {
  const uint32_t num = (uint32_t)(d0 >> 12) & 0x1Fu, scale = (uint32_t)(d0 >> 20) & 0x3Fu;
  const uint32_t ttl = (uint32_t)(d1 >> 8) & 3u, tg = (uint32_t)(d1 >> 10) & 3u;
  if (c->ril == 0 || !(opcode == 0x12u || opcode == 0x13u || opcode == 0x22u || opcode == 0x23u || opcode == 0x2Au)) {
    return 0;
  }
  return tg != 0 && num == 0 && scale == 0 && (ttl == 0 || (tg == 2 && ttl == 1));
}

/* 0 when the command is accepted, else the CONS.ERR code. */
static uint32_t check_command(const zoo_dev *d, uint64_t d0, uint64_t d1, int vcmdq, uint32_t hyp_own) {
  const zoo_config *c = &d->cfg;
  const uint32_t opcode = (uint32_t)(d0 & 0xFFu);
  const zoo_cmd *cmd = lookup(opcode);
  uint32_t w;
  if (cmd == NULL) {
    return ZOO_CERROR_ILL; /* Reserved */
  }
  w = cmd->ill_when;
  if ((w & (ILL_ALWAYS | ILL_IMPL_DEFINED)) != 0 ||
      ((w & ILL_SSEC) != 0 && ((d0 >> 10) & 1u) != 0) ||
      ((w & ILL_NO_S1) != 0 && c->s1p == 0) ||
      ((w & ILL_NO_S2) != 0 && c->s2p == 0) ||
      ((w & ILL_NO_HYP) != 0 && c->hyp == 0) ||
      ((w & ILL_NO_ATS) != 0 && c->ats == 0) ||
      ((w & ILL_NO_PRI) != 0 && c->pri == 0) ||
      ((w & ILL_NO_STALL) != 0 && c->stall_model == 1) ||
      ((w & ILL_NO_MPAM) != 0 && c->mpam == 0) ||
      ((w & ILL_NO_DPT) != 0 && c->dpt == 0) ||
      ((w & ILL_CS_RESERVED) != 0 && ((d0 >> 12) & 3u) == 3u) ||
      ((w & ILL_RESP_RESERVED) != 0 && ((d1 >> 12) & 3u) == 3u)) {
    return ZOO_CERROR_ILL;
  }
  if (range_reserved(c, opcode, d0, d1) && !ZOO_DEVIATES(ZOO_DEV_RANGE_RESERVED_EXECUTED)) {
    return ZOO_CERROR_ILL;
  }
  if (vcmdq && hyp_own == 0 && cmd->guest == GUEST_REJECT) {
    if (ZOO_DEVIATES(ZOO_DEV_GUEST_ACCEPTS_CFGI) && opcode == OP_CFGI_STE) {
      return 0;
    }
    return ZOO_CERROR_ILL;
  }
  return 0;
}

static void pulse(const zoo_dev *d, uint32_t line) {
  if (d->host.irq != NULL) {
    d->host.irq(d->host.ctx, line, 1);
    d->host.irq(d->host.ctx, line, 0);
  }
}

static uint32_t eff_log2size(uint64_t base, uint32_t cap) {
  const uint32_t l = (uint32_t)(base & 0x1Fu);
  return l < cap ? l : cap;
}

uint32_t zoo_cons_written(uint32_t old, uint32_t val, uint64_t base, uint32_t cap) {
  const uint32_t wrap_mask = (2u << eff_log2size(base, cap)) - 1u;
  const uint32_t stored = (old & ZOO_ERR_MASK) | (val & ZOO_IDX_MASK);
  return stored & (wrap_mask | ZOO_ERR_MASK);
}

/* One queue's registers, SMMU CMDQ or VCMDQ alike. */
typedef struct zoo_queue {
  uint32_t *cons, *gerror;
  uint32_t prod, gerrorn;
  uint64_t base_reg, addr_mask;
  uint32_t cap;
  int vcmdq;        /* 0: the SMMU CMDQ */
  uint32_t q;       /* VCMDQ index */
  uint32_t hyp_own; /* of the owning VINTF, VCMDQ only */
} zoo_queue;

static uint32_t advance(uint32_t cons, uint32_t wrap_mask) {
  return (cons & ~wrap_mask) | ((cons + 1u) & wrap_mask);
}

static void vcmdq_error(zoo_dev *d, uint32_t q) {
  uint32_t v, l;
  d->cmdq_err_map[q / 32u] |= 1u << (q % 32u);
  if (!zoo_vcmdq_owner(d, q, &v, &l)) {
    return; /* not reached: only mapped queues consume */
  }
  d->vintf[v].lvcmdq_err_map[l / 64u] |= UINT64_C(1) << (l % 64u);
  d->vi_err_map[v / 32u] |= 1u << (v % 32u);
  if ((d->vi_int_mask[v / 32u] & (1u << (v % 32u))) == 0) {
    pulse(d, CTS_IRQ_CMDQV_ERROR);
  }
}

static void drain(zoo_dev *d, const zoo_queue *qu) {
  const uint32_t log2size = eff_log2size(qu->base_reg, qu->cap);
  const uint32_t n = 1u << log2size;
  const uint32_t wrap_mask = 2u * n - 1u;
  const uint64_t span = (uint64_t)n * 16u < 32u ? 32u : (uint64_t)n * 16u;
  const uint64_t base = (qu->base_reg & qu->addr_mask) & ~(span - 1u);
  uint32_t *cons = qu->cons;

  while (((*qu->gerror ^ qu->gerrorn) & 1u) == 0 && ((qu->prod ^ *cons) & wrap_mask) != 0) {
    const uint64_t addr = base + (uint64_t)(*cons & (n - 1u)) * 16u;
    uint8_t buf[16];
    uint64_t d0 = 0, d1 = 0;
    uint32_t code;
    int i;
    if (d->host.dma_read == NULL || d->host.dma_read(d->host.ctx, addr, buf, 16) != 0) {
      code = ZOO_CERROR_ABT;
    } else {
      for (i = 7; i >= 0; --i) {
        d0 = d0 << 8 | buf[i];
        d1 = d1 << 8 | buf[8 + i];
      }
      code = check_command(d, d0, d1, qu->vcmdq, qu->hyp_own);
    }
    if (code != 0) {
      *cons = (*cons & ~ZOO_ERR_MASK) | code << ZOO_ERR_SHIFT;
      if (ZOO_DEVIATES(ZOO_DEV_ILL_ADVANCES_CONS) && code == ZOO_CERROR_ILL) {
        *cons = advance(*cons, wrap_mask);
      }
      *qu->gerror ^= 1u; /* CMDQ_ERR */
      if (qu->vcmdq) {
        vcmdq_error(d, qu->q);
      } else {
        if (d->irq_ctrlack & 1u) pulse(d, CTS_IRQ_SMMU_GERROR); /* GERROR_IRQEN */
      }
      return;
    }
    if (ZOO_DEVIATES(ZOO_DEV_WRAP_LOG2SIZE_0) && log2size == 0) {
      return; /* consumed, but CONS is left alone; stop so that run() returns */
    }
    *cons = advance(*cons, wrap_mask);
    if (!qu->vcmdq && (d0 & 0xFFu) == OP_CMD_SYNC && ((d0 >> 12) & 3u) == 1u) {
      pulse(d, CTS_IRQ_SMMU_CMDQ_SYNC);
    }
  }
}

void zoo_run(zoo_dev *d) {
  uint32_t q;
  if ((d->cr0ack & (1u << 3)) != 0 && !d->smmu_stuck) { /* CR0ACK.CMDQEN */
    zoo_queue qu;
    qu.cons = &d->cmdq_cons;
    qu.gerror = &d->gerror;
    qu.prod = d->cmdq_prod;
    qu.gerrorn = d->gerrorn;
    qu.base_reg = d->cmdq_base;
    qu.addr_mask = ((UINT64_C(1) << 52) - 1u) & ~UINT64_C(0x1F);
    qu.cap = d->cfg.cmdqs;
    qu.vcmdq = 0;
    qu.q = 0;
    qu.hyp_own = 0;
    drain(d, &qu);
  }
  if (d->cfg.profile == ZOO_PROFILE_SMMUV3 || (d->status & 1u) == 0) {
    return;
  }
  for (q = 0; q < d->vcmdqs; ++q) {
    zoo_vcmdq *c = &d->vcmdq[q];
    zoo_queue qu;
    uint32_t v, l;
    if (c->stuck || (c->status & 1u) == 0 || !zoo_vcmdq_owner(d, q, &v, &l) || (d->vintf[v].status & 1u) == 0) {
      continue;
    }
    qu.cons = &c->cons;
    qu.gerror = &c->gerror;
    qu.prod = c->prod;
    qu.gerrorn = c->gerrorn;
    qu.base_reg = c->base;
    qu.addr_mask = ((UINT64_C(1) << 48) - 1u) & ~UINT64_C(0x1F);
    qu.cap = 19u;
    qu.vcmdq = 1;
    qu.q = q;
    qu.hyp_own = zoo_vintf_hyp_own(d, v);
    drain(d, &qu);
  }
}

void zoo_smmu_gerrorn_written(zoo_dev *d, uint32_t was_active) {
  if (ZOO_DEVIATES(ZOO_DEV_GERRORN_NO_RESUME) && was_active && ((d->gerror ^ d->gerrorn) & 1u) == 0) {
    d->smmu_stuck = 1;
  }
}

void zoo_vcmdq_gerrorn_written(zoo_dev *d, uint32_t q, uint32_t was_active) {
  zoo_vcmdq *c = &d->vcmdq[q];
  uint32_t v, l;
  if (((c->gerror ^ c->gerrorn) & 1u) != 0) {
    return; /* CMDQ_ERR still active */
  }
  if (ZOO_DEVIATES(ZOO_DEV_GERRORN_NO_RESUME) && was_active) {
    c->stuck = 1;
  }
  d->cmdq_err_map[q / 32u] &= ~(1u << (q % 32u));
  if (zoo_vcmdq_owner(d, q, &v, &l)) {
    zoo_vintf *f = &d->vintf[v];
    f->lvcmdq_err_map[l / 64u] &= ~(UINT64_C(1) << (l % 64u));
    if (f->lvcmdq_err_map[0] == 0 && f->lvcmdq_err_map[1] == 0) {
      d->vi_err_map[v / 32u] &= ~(1u << (v % 32u));
    }
  }
}
