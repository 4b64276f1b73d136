/* SPDX-License-Identifier: MIT */
/*
 * zoo:conforming-alt command consumption: Arm IHI 0070 G.b chapter 4 (command legality, 4.1.3
 * - 4.7.3), 7.1 (command errors), 6.3.26 - 6.3.28 (queue registers); the Tegra241 VCMDQ rules
 * from the reference notes (cmdqv.md sections 4, 5 and 9).
 */

#include "alt_device.h"

enum { CERROR_NONE = 0, CERROR_ILL = 1, CERROR_ABT = 2, ILL_ACCESS = 4 };

static uint32_t field(uint64_t v, unsigned hi, unsigned lo) {
  return (uint32_t)((v >> lo) & ((1ull << (hi - lo + 1)) - 1));
}

/* 4.4.1.1, with IDR3.RIL = 1 (reported): TG != 0 with NUM = SCALE = 0 and TTL = 0b00 is a Reserved
 * combination; TTL = 0b01 with TG = 16KB is Reserved without IDR5.DS (reported 0) and treated as
 * 0b00, so it is Reserved too when NUM = SCALE = 0. */
static int range_reserved(uint64_t dw0, uint64_t dw1) {
  const uint32_t tg = field(dw1, 11, 10), ttl = field(dw1, 9, 8);
  const uint32_t num = field(dw0, 16, 12), scale = field(dw0, 25, 20);
  return tg != 0 && num == 0 && scale == 0 && (ttl == 0 || (tg == 2 && ttl == 1));
}

/* The CERROR_ILL conditions of the Non-secure Command queue (chapter 4): 0 = legal. */
static int smmu_illegal(const alt_dev* d, uint64_t dw0, uint64_t dw1) {
  const uint32_t op = field(dw0, 7, 0);
  const int ssec = field(dw0, 10, 10) != 0;
  switch (op) {
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x04:
      return ssec; /* 4.2, 4.3.1, 4.3.2: SSec */
    case 0x05:
    case 0x06:
      return ssec || !d->s1p; /* 4.3.3, 4.3.4 */
    case 0x07:
      return !d->mpam; /* 4.3.5 */
    case 0x10:
    case 0x11:
      return !d->s1p; /* 4.4.1, 4.4.2 */
    case 0x12:
    case 0x13:
      return !d->s1p || range_reserved(dw0, dw1);
    case 0x18:
    case 0x1A:
      return 1; /* 4.4.2.5, 4.4.2.6: Secure only */
    case 0x20:
    case 0x21:
      return !d->hyp; /* 4.4.2.7 - 4.4.2.10 */
    case 0x22:
    case 0x23:
      return !d->hyp || range_reserved(dw0, dw1);
    case 0x28:
      return !d->s2p; /* 4.4.3.1, 4.4.3.2 */
    case 0x2A:
      return !d->s2p || range_reserved(dw0, dw1);
    case 0x30:
      return 0; /* 4.4.4.1 */
    case 0x40:
      return !d->ats; /* 4.5.1 */
    case 0x41:
      return !d->pri || field(dw1, 13, 12) == 3; /* 4.5.2: RESP 0b11 Reserved */
    case 0x44:
    case 0x45:
      return d->stall_model == 1; /* 4.7.1, 4.7.2 */
    case 0x46:
      return field(dw0, 13, 12) == 3; /* 4.7.3: CS 0b11 Reserved */
    case 0x50:
    case 0x51:
    case 0x52:
    case 0x53:
    case 0x58:
    case 0x5A:
    case 0x60:
      return 1; /* Secure-only invalidations */
    case 0x70:
    case 0x73:
      return !d->dpt; /* 4.6 */
    default:
      /* IMPLEMENTATION DEFINED opcodes: this implementation executes them as no-ops. */
      if (op >= 0x80 && op <= 0x8F) return 0;
      return 1; /* Reserved opcode (4.1.3) */
  }
}

/* A VCMDQ: the SMMU rules, then the HYP_OWN = 0 filter (cmdqv.md 4, 5). With HYP_OWN = 0 only
 * TLBI_NH_ASID, TLBI_NH_VA, ATC_INV and CMD_SYNC are accepted; this device rejects every other
 * opcode with ILL_ACCESS (4). ATC_INV is accepted even without IDR0.ATS: 4.5.1 makes it ILLEGAL
 * on the Non-secure and Secure Command queues, and a VCMDQ is neither. */
static uint32_t vcmdq_error(const alt_dev* d, int hyp_own, uint64_t dw0, uint64_t dw1) {
  const uint32_t op = field(dw0, 7, 0);
  if (hyp_own) return smmu_illegal(d, dw0, dw1) ? CERROR_ILL : CERROR_NONE;
  if (op == 0x40) return CERROR_NONE;
  if (smmu_illegal(d, dw0, dw1)) return CERROR_ILL;
  switch (op) {
    case 0x11:
    case 0x12:
    case 0x46:
      return CERROR_NONE;
    default:
      return ILL_ACCESS;
  }
}

static int fetch(const alt_dev* d, uint64_t addr, uint64_t* dw0, uint64_t* dw1) {
  unsigned char b[16];
  unsigned i;
  if (d->host.dma_read(d->host.ctx, addr, b, 16) != 0) return -1;
  *dw0 = *dw1 = 0;
  for (i = 0; i < 8; ++i) {
    *dw0 |= (uint64_t)b[i] << (8 * i);
    *dw1 |= (uint64_t)b[8 + i] << (8 * i);
  }
  return 0;
}

static void raise_error(alt_queue* q, uint32_t code) {
  q->err = code;
  q->gerror ^= 1u;
  q->err_active = 1;
}

/* Effective base: ADDR aligned to the larger of the queue size and 32 bytes (6.3.26). */
static uint64_t entry_address(uint64_t base, uint64_t addr_mask, unsigned qs, uint32_t index) {
  uint64_t bytes = 16ull << qs;
  if (bytes < 32) bytes = 32;
  return ((base & addr_mask) & ~(bytes - 1)) + 16ull * index;
}

/* Consumes from one queue until it is empty or stopped by an error; returns 1 on a new error. */
static int consume(alt_dev* d, alt_queue* q, unsigned qs, uint64_t addr_mask, int is_vcmdq,
                   int hyp_own) {
  const uint32_t wrap_mask = (2u << qs) - 1u;
  const uint32_t index_mask = (1u << qs) - 1u;
  uint32_t n;
  for (n = 0; n <= (2u << qs); ++n) {
    const uint32_t cons = q->cons & wrap_mask, prod = q->prod & wrap_mask;
    uint64_t dw0 = 0, dw1 = 0;
    uint32_t code;
    if (q->err_active || cons == prod) return 0;
    if (fetch(d, entry_address(q->base, addr_mask, qs, cons & index_mask), &dw0, &dw1) != 0) {
      raise_error(q, CERROR_ABT); /* 7.1: the fetch was aborted; CONS stays */
      return 1;
    }
    code =
        is_vcmdq ? vcmdq_error(d, hyp_own, dw0, dw1) : (smmu_illegal(d, dw0, dw1) ? CERROR_ILL : 0);
    if (code != CERROR_NONE) {
      raise_error(q, code); /* CONS stays at the failing command (6.3.28) */
      return 1;
    }
    if (!is_vcmdq && field(dw0, 7, 0) == 0x46 && field(dw0, 13, 12) == 1) {
      d->host.irq(d->host.ctx, CTS_IRQ_SMMU_CMDQ_SYNC, 1); /* CMD_SYNC CS = SIG_IRQ */
      d->host.irq(d->host.ctx, CTS_IRQ_SMMU_CMDQ_SYNC, 0);
    }
    q->cons = (cons + 1u) & wrap_mask; /* wrapped to the current size (6.3.28) */
  }
  return 0;
}

int alt_vcmdq_consumes(const alt_dev* d, unsigned q) {
  const uint32_t a = d->cmdq_alloc[q];
  const unsigned i = (a >> 15) & 0x3Fu;
  if (!(d->cmdqv_config & 1u) || !(d->vcmdq[q].config & 1u) || !(a & 1u)) return 0;
  /* EN-4 asks for ALLOCATED and an enabled VINTF; an LVCMDQ beyond the VINTF's count maps no
   * visible slot (ALLOC-5) but the queue still consumes, under that VINTF's HYP_OWN. */
  if (i >= alt_vintfs(d)) return 0;
  return (d->vintf_config[i] & 1u) != 0;
}

void alt_run(alt_dev* d) {
  unsigned q;
  if ((d->cr0ack & (1u << 3)) &&
      consume(d, &d->smmu, alt_smmu_qs(d), ((1ull << 48) - 1) & ~0x1Full, 0, 1)) {
    if (d->irq_ctrlack & 1u) d->pending_gerror_irq = 1;
  }
  if (d->cmdqv) {
    for (q = 0; q < alt_vcmdqs(d); ++q) {
      const uint32_t a = d->cmdq_alloc[q];
      const unsigned i = (a >> 15) & 0x3Fu;
      int hyp_own;
      if (!alt_vcmdq_consumes(d, q)) continue;
      hyp_own = !d->guest && (d->vintf_config[i] & (1u << 17)) != 0;
      if (consume(d, &d->vcmdq[q], alt_vcmdq_qs(&d->vcmdq[q]), ((1ull << 48) - 1) & ~0x1Full, 1,
                  hyp_own)) {
        if (!((d->vi_int_mask[i / 32] >> (i % 32)) & 1u)) d->pending_cmdqv_irq = 1;
      }
    }
  }
  /* New errors of this call are signalled once each line (interrupts may be coalesced). */
  if (d->pending_gerror_irq) {
    d->host.irq(d->host.ctx, CTS_IRQ_SMMU_GERROR, 1);
    d->host.irq(d->host.ctx, CTS_IRQ_SMMU_GERROR, 0);
    d->pending_gerror_irq = 0;
  }
  if (d->pending_cmdqv_irq) {
    d->host.irq(d->host.ctx, CTS_IRQ_CMDQV_ERROR, 1);
    d->host.irq(d->host.ctx, CTS_IRQ_CMDQV_ERROR, 0);
    d->pending_cmdqv_irq = 0;
  }
}
