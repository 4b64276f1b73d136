/* SPDX-License-Identifier: MIT */
/*
 * zoo:conforming-alt register file. SMMU page 0: Arm IHI 0070 G.b chapter 6.3 (section numbers
 * beside each register). CMDQV: the layout in the reference notes (cmdqv.md sections 1-2).
 */
#include "alt_device.h"

/* SMMU page 0 offsets (6.3.1 - 6.3.28). */
enum {
  IDR0 = 0x00,
  IDR1 = 0x04,
  IDR2 = 0x08,
  IDR3 = 0x0C,
  IDR4 = 0x10,
  IDR5 = 0x14,
  IIDR = 0x18,
  AIDR = 0x1C,
  CR0 = 0x20,
  CR0ACK = 0x24,
  CR1 = 0x28,
  CR2 = 0x2C,
  GBPA = 0x44,
  IRQ_CTRL = 0x50,
  IRQ_CTRLACK = 0x54,
  GERROR = 0x60,
  GERRORN = 0x64,
  GERROR_IRQ_CFG0 = 0x68,
  GERROR_IRQ_CFG1 = 0x70,
  GERROR_IRQ_CFG2 = 0x74,
  CMDQ_BASE = 0x90,
  CMDQ_PROD = 0x98,
  CMDQ_CONS = 0x9C,
};

#define CR0_SMMUEN (1u << 0)
#define CR0_PRIQEN (1u << 1)
#define CR0_EVTQEN (1u << 2)
#define CR0_CMDQEN (1u << 3)
#define CR0_ATSCHK (1u << 4)
#define CR0_DPT_WALK_EN (1u << 10)
/* OAS = 0b101 (48 bits): CMDQ_BASE.ADDR bits [55:48] are RES0 and not stored (6.3.26). */
#define ALT_OAS_FIELD 5u
#define ALT_CMDQ_BASE_MASK ((1ull << 62) | (((1ull << 48) - 1) & ~0x1Full) | 0x1Full)

/* CR0 fields that exist with this configuration; the others are RES0 and RAZ/WI (6.3.9). */
static uint32_t cr0_fields(const alt_dev* d) {
  uint32_t m = CR0_SMMUEN | CR0_EVTQEN | CR0_CMDQEN;
  if (d->pri) m |= CR0_PRIQEN;
  if (d->ats) m |= CR0_ATSCHK;
  if (d->dpt) m |= CR0_DPT_WALK_EN;
  return m; /* IDR0.VMW = 0: VMW [8:6] is RES0 */
}

/* IRQ_CTRL: GERROR_IRQEN 0, PRIQ_IRQEN 1 (with IDR0.PRI), EVENTQ_IRQEN 2 (6.3.16). */
static uint32_t irq_ctrl_fields(const alt_dev* d) {
  return 0x5u | (d->pri ? 0x2u : 0u);
}

/* GERROR/GERRORN fields present with this configuration (6.3.19, 6.3.20). */
static uint32_t gerror_fields(const alt_dev* d) {
  uint32_t m = (1u << 0) | (1u << 2) | (1u << 8);
  if (d->pri) m |= 1u << 3;
  if (d->msi) m |= (1u << 4) | (1u << 5) | (1u << 7);
  if (d->msi && d->pri) m |= 1u << 6;
  if (d->dpt) m |= 1u << 10;
  return m;
}

static uint32_t idr0(const alt_dev* d) {
  uint32_t v = 0;
  v |= (uint32_t)d->s2p << 0 | (uint32_t)d->s1p << 1;
  v |= 2u << 2; /* TTF: AArch64 */
  v |= 1u << 4; /* COHACC */
  v |= (uint32_t)d->hyp << 9 | (uint32_t)d->ats << 10;
  v |= 1u << 12; /* ASID16 */
  v |= (uint32_t)d->msi << 13 | (uint32_t)d->sev << 14 | (uint32_t)d->pri << 16;
  v |= 1u << 18; /* VMID16 */
  v |= 1u << 19; /* CD2L */
  v |= (d->stall_model & 3u) << 24;
  /* TERM_MODEL = 0; ST_LVL = 0b01 (2-level Stream table). */
  v |= 1u << 27;
  return v;
}

static uint32_t idr1(const alt_dev* d) {
  /* SIDSIZE 20, SSIDSIZE 0, PRIQS (with PRI), EVENTQS 17, CMDQS. */
  return 20u | (d->pri ? 17u << 11 : 0u) | 17u << 16 | (d->cmdqs & 0x1Fu) << 21;
}

static uint32_t idr3(const alt_dev* d) {
  return (uint32_t)d->mpam << 7 | 1u << 10 /* RIL */ | (uint32_t)d->dpt << 15;
}

unsigned alt_smmu_qs(const alt_dev* d) {
  const unsigned log2size = (unsigned)(d->smmu.base & 0x1F);
  return log2size < d->cmdqs ? log2size : d->cmdqs; /* capped at IDR1.CMDQS (6.3.26) */
}

unsigned alt_vcmdq_qs(const alt_queue* q) {
  const unsigned log2size = (unsigned)(q->base & 0x1F);
  return log2size < 19 ? log2size : 19; /* RD/WR are 20-bit fields (cmdqv.md 2.3) */
}

uint32_t alt_cons_value(const alt_queue* q, unsigned qs) {
  /* RD bits [19:QS+1] are RAZ whatever was stored (6.3.28). */
  return (q->cons & ((2u << qs) - 1u)) | (q->err & 0x7Fu) << 24;
}

static int cmdq_guarded(const alt_dev* d) {
  return ((d->cr0 | d->cr0ack) & CR0_CMDQEN) != 0;
}

/* Software acknowledges by writing GERRORN; an error it did not raise is never activated by a
 * toggle of an inactive field (6.3.20 leaves that CONSTRAINED UNPREDICTABLE). */
static void write_gerrorn(alt_queue* q, uint32_t v, uint32_t fields) {
  q->gerrorn = v & fields;
  if (q->err_active && ((q->gerror ^ q->gerrorn) & 1u) == 0) q->err_active = 0;
}

uint32_t alt_smmu_read32(alt_dev* d, uint64_t off) {
  switch (off) {
    case IDR0:
      return idr0(d);
    case IDR1:
      return idr1(d);
    case IDR2:
      return 0;
    case IDR3:
      return idr3(d);
    case IDR4:
      return 0;
    case IDR5:
      return ALT_OAS_FIELD | 1u << 4 | 1u << 6; /* OAS 48 bits, 4KB and 64KB granules */
    case IIDR:
      return 0;
    case AIDR:
      return 0x02; /* SMMUv3.2 (6.3.8: ArchMajorRev 0, ArchMinorRev 2) */
    case CR0:
      return d->cr0;
    case CR0ACK:
      return d->cr0ack;
    case CR1:
      return d->cr1;
    case CR2:
      return d->cr2;
    case GBPA:
      return d->gbpa;
    case IRQ_CTRL:
      return d->irq_ctrl;
    case IRQ_CTRLACK:
      return d->irq_ctrlack;
    case GERROR:
      return d->smmu.gerror;
    case GERRORN:
      return d->smmu.gerrorn;
    case GERROR_IRQ_CFG0:
      return (uint32_t)d->gerror_irq_cfg0;
    case GERROR_IRQ_CFG0 + 4:
      return (uint32_t)(d->gerror_irq_cfg0 >> 32);
    case GERROR_IRQ_CFG1:
      return d->gerror_irq_cfg1;
    case GERROR_IRQ_CFG2:
      return d->gerror_irq_cfg2;
    case CMDQ_BASE:
      return (uint32_t)d->smmu.base;
    case CMDQ_BASE + 4:
      return (uint32_t)(d->smmu.base >> 32);
    case CMDQ_PROD:
      return d->smmu.prod;
    case CMDQ_CONS:
      return alt_cons_value(&d->smmu, alt_smmu_qs(d));
    default:
      return 0;
  }
}

void alt_smmu_write32(alt_dev* d, uint64_t off, uint32_t v) {
  switch (off) {
    case CR0:
      /* Update completes at once: CR0ACK mirrors the implemented fields. */
      d->cr0 = v & cr0_fields(d);
      d->cr0ack = d->cr0;
      break;
    case CR1:
      d->cr1 = v & 0x3Fu;
      break;
    case CR2:
      d->cr2 = v & 0x7u;
      break;
    case GBPA:
      if (v & (1u << 31)) d->gbpa = v & 0x001F3F1Fu;
      break;
    case IRQ_CTRL:
      d->irq_ctrl = v & irq_ctrl_fields(d);
      d->irq_ctrlack = d->irq_ctrl;
      break;
    case GERRORN:
      write_gerrorn(&d->smmu, v, gerror_fields(d));
      break;
    case GERROR_IRQ_CFG0:
      d->gerror_irq_cfg0 = (d->gerror_irq_cfg0 & ~0xFFFFFFFFull) | (v & ~3u);
      break;
    case GERROR_IRQ_CFG0 + 4:
      d->gerror_irq_cfg0 =
          (d->gerror_irq_cfg0 & 0xFFFFFFFFull) | ((uint64_t)v << 32 & ((1ull << 48) - 1));
      break;
    case GERROR_IRQ_CFG1:
      d->gerror_irq_cfg1 = v;
      break;
    case GERROR_IRQ_CFG2:
      d->gerror_irq_cfg2 = v & 0x3Fu;
      break;
    /* CMDQ_BASE and CMDQ_CONS are Guarded by CMDQEN: in SMMUv3.2 a write while it (or its
     * acknowledgement) is 1 is IGNORED (6.3.26, 6.3.28). */
    case CMDQ_BASE:
      if (!cmdq_guarded(d))
        d->smmu.base = ((d->smmu.base & ~0xFFFFFFFFull) | v) & ALT_CMDQ_BASE_MASK;
      break;
    case CMDQ_BASE + 4:
      if (!cmdq_guarded(d)) {
        d->smmu.base = ((d->smmu.base & 0xFFFFFFFFull) | (uint64_t)v << 32) & ALT_CMDQ_BASE_MASK;
      }
      break;
    case CMDQ_PROD:
      d->smmu.prod = v & 0xFFFFFu;
      break;
    case CMDQ_CONS:
      if (!cmdq_guarded(d)) {
        d->smmu.cons = v & 0xFFFFFu;
        d->smmu.err = (v >> 24) & 0x7Fu; /* ERR takes the written value (6.3.28 permits it) */
      }
      break;
    default:
      break;
  }
}

/* ---- CMDQV (cmdqv.md section 2) ---- */

enum {
  CMDQV_CONFIG = 0x000,
  CMDQV_PARAM = 0x004,
  CMDQV_STATUS = 0x008,
  VI_ERR_MAP = 0x014,
  VI_INT_MASK = 0x01C,
  CMDQ_ERR_MAP = 0x024,
  CMDQ_ALLOC = 0x200,
  VINTF_BLOCK = 0x1000,
  VCMDQ_PAGE0 = 0x10000,
  VCMDQ_PAGE1 = 0x20000,
  VINTF_PAGE0 = 0x30000,
};

int alt_logical_to_global(const alt_dev* d, unsigned i, unsigned l) {
  int q;
  if (i >= alt_vintfs(d) || l >= alt_lvcmdqs_per_vintf(d)) return -1;
  /* Two entries naming one slot (ALLOC-4): the highest-numbered one backs it. */
  for (q = (int)alt_vcmdqs(d) - 1; q >= 0; --q) {
    const uint32_t a = d->cmdq_alloc[q];
    if ((a & 1u) && ((a >> 15) & 0x3Fu) == i && ((a >> 1) & 0x7Fu) == l) return q;
  }
  return -1;
}

static int vcmdq_error_active(const alt_dev* d, unsigned q) {
  return d->vcmdq[q].err_active;
}

/* The error maps follow the current error state and the current CMDQ_ALLOC map. */
static uint64_t lvcmdq_err_map(const alt_dev* d, unsigned i, unsigned word) {
  uint64_t m = 0;
  unsigned b;
  for (b = 0; b < 64; ++b) {
    const int q = alt_logical_to_global(d, i, 64 * word + b);
    if (q >= 0 && vcmdq_error_active(d, (unsigned)q)) m |= 1ull << b;
  }
  return m;
}

static uint32_t vi_err_map(const alt_dev* d, unsigned word) {
  uint32_t m = 0;
  unsigned b;
  for (b = 0; b < 32; ++b) {
    const unsigned i = 32 * word + b;
    if (i < alt_vintfs(d) && (lvcmdq_err_map(d, i, 0) | lvcmdq_err_map(d, i, 1)) != 0) m |= 1u << b;
  }
  return m;
}

static uint32_t cmdq_err_map(const alt_dev* d, unsigned word) {
  uint32_t m = 0;
  unsigned b;
  for (b = 0; b < 32; ++b) {
    const unsigned q = 32 * word + b;
    if (q < alt_vcmdqs(d) && vcmdq_error_active(d, q)) m |= 1u << b;
  }
  return m;
}

/* VCMDQ page0 slot (offset within the 0x80 slot). */
static uint32_t vcmdq_page0_read(const alt_dev* d, unsigned q, uint64_t o) {
  const alt_queue* vq = &d->vcmdq[q];
  switch (o) {
    case 0x00:
      return alt_cons_value(vq, alt_vcmdq_qs(vq));
    case 0x04:
      return vq->prod;
    case 0x08:
      return vq->config;
    case 0x0C:
      return vq->config & 1u; /* STATUS.ENABLED follows CONFIG.EN at once */
    case 0x10:
      return vq->gerror;
    case 0x14:
      return vq->gerrorn;
    default:
      return 0;
  }
}

static void vcmdq_page0_write(alt_dev* d, unsigned q, uint64_t o, uint32_t v) {
  alt_queue* vq = &d->vcmdq[q];
  switch (o) {
    case 0x00:
      vq->cons = v & 0xFFFFFu;
      vq->err = (v >> 24) & 0x7Fu;
      break;
    case 0x04:
      vq->prod = v & 0xFFFFFu;
      break;
    case 0x08:
      vq->config = v & 1u;
      break;
    case 0x14:
      write_gerrorn(vq, v, 0x7u);
      break;
    default:
      break;
  }
}

static uint32_t vcmdq_page1_read(const alt_dev* d, unsigned q, uint64_t o) {
  const alt_queue* vq = &d->vcmdq[q];
  switch (o) {
    case 0x00:
      return (uint32_t)vq->base;
    case 0x04:
      return (uint32_t)(vq->base >> 32);
    case 0x08:
      return (uint32_t)vq->cons_indx_base;
    case 0x0C:
      return (uint32_t)(vq->cons_indx_base >> 32);
    default:
      return 0;
  }
}

static void vcmdq_page1_write(alt_dev* d, unsigned q, uint64_t o, uint32_t v) {
  alt_queue* vq = &d->vcmdq[q];
  const uint64_t base_mask = ((1ull << 48) - 1) & ~0x1Full; /* ADDR [47:5] */
  switch (o) {
    case 0x00:
      vq->base = (vq->base & ~0xFFFFFFFFull) | (v & ((uint32_t)base_mask | 0x1Fu));
      break;
    case 0x04:
      vq->base = (vq->base & 0xFFFFFFFFull) | (((uint64_t)v << 32) & base_mask);
      break;
    case 0x08:
      vq->cons_indx_base = (vq->cons_indx_base & ~0xFFFFFFFFull) | v;
      break;
    case 0x0C:
      vq->cons_indx_base =
          (vq->cons_indx_base & 0xFFFFFFFFull) | (((uint64_t)v << 32) & ((1ull << 48) - 1));
      break;
    default:
      break;
  }
}

static uint32_t vintf_read(const alt_dev* d, unsigned i, uint64_t o) {
  const unsigned sids = 1u << d->sids_log2;
  if (o == 0x000) return d->vintf_config[i];
  if (o == 0x004) return d->vintf_config[i] & 1u;
  if (o >= 0x040 && o < 0x040 + 4u * sids) return d->sid_match[i][(o - 0x040) / 4];
  if (o >= 0x080 && o < 0x080 + 4u * sids) return d->sid_replace[i][(o - 0x080) / 4];
  if (o >= 0x0C0 && o < 0x0D0) {
    const uint64_t m = lvcmdq_err_map(d, i, (unsigned)((o - 0x0C0) / 8));
    return (o & 4) ? (uint32_t)(m >> 32) : (uint32_t)m;
  }
  return 0;
}

static void vintf_write(alt_dev* d, unsigned i, uint64_t o, uint32_t v) {
  const unsigned sids = 1u << d->sids_log2;
  if (o == 0x000) {
    /* EN [0], VMID [16:1], HYP_OWN [17]; a VM's view wires HYP_OWN to 0 (cmdqv.md 4). */
    d->vintf_config[i] = v & (d->guest ? 0x1FFFFu : 0x3FFFFu);
  } else if (o >= 0x040 && o < 0x040 + 4u * sids) {
    d->sid_match[i][(o - 0x040) / 4] = v & 0x1FFFFFu;
  } else if (o >= 0x080 && o < 0x080 + 4u * sids) {
    d->sid_replace[i][(o - 0x080) / 4] = v & 0xFFFFFu;
  }
}

/* Decodes a VCMDQ page offset: global (page0/page1) or a VINTF's logical page. Returns the
 * global queue (or -1: an unmapped logical slot or no queue), the page (0/1) and the offset
 * within the slot. */
static int decode_vcmdq(const alt_dev* d, uint64_t off, int* page, uint64_t* o) {
  if (off >= VCMDQ_PAGE0 && off < VCMDQ_PAGE0 + 0x20000) {
    const uint64_t rel = off - VCMDQ_PAGE0;
    const uint64_t q = (rel & 0xFFFF) / 0x80;
    *page = rel >= 0x10000;
    *o = rel & 0x7F;
    return q < alt_vcmdqs(d) ? (int)q : -1;
  }
  if (off >= VINTF_PAGE0) {
    const uint64_t rel = off - VINTF_PAGE0;
    const uint64_t i = rel / 0x20000;
    const uint64_t l = (rel & 0xFFFF) / 0x80;
    if (i >= alt_vintfs(d)) return -1;
    *page = (rel % 0x20000) >= 0x10000;
    *o = rel & 0x7F;
    return alt_logical_to_global(d, (unsigned)i, (unsigned)l);
  }
  return -1;
}

uint32_t alt_cmdqv_read32(alt_dev* d, uint64_t off) {
  int page = 0, q;
  uint64_t o = 0;
  if (off == CMDQV_CONFIG) return d->cmdqv_config;
  if (off == CMDQV_PARAM) {
    return 1u | d->vcmdqs_log2 << 4 | d->vintfs_log2 << 8 | d->sids_log2 << 12;
  }
  if (off == CMDQV_STATUS) return d->cmdqv_config & 1u;
  if (off == VI_ERR_MAP || off == VI_ERR_MAP + 4)
    return vi_err_map(d, (unsigned)(off - VI_ERR_MAP) / 4);
  if (off == VI_INT_MASK || off == VI_INT_MASK + 4) return d->vi_int_mask[(off - VI_INT_MASK) / 4];
  if (off >= CMDQ_ERR_MAP && off < CMDQ_ERR_MAP + 16)
    return cmdq_err_map(d, (unsigned)(off - CMDQ_ERR_MAP) / 4);
  if (off >= CMDQ_ALLOC && off < CMDQ_ALLOC + 4u * alt_vcmdqs(d))
    return d->cmdq_alloc[(off - CMDQ_ALLOC) / 4];
  if (off >= VINTF_BLOCK && off < VINTF_BLOCK + 0x100u * alt_vintfs(d)) {
    return vintf_read(d, (unsigned)((off - VINTF_BLOCK) / 0x100), (off - VINTF_BLOCK) % 0x100);
  }
  q = decode_vcmdq(d, off, &page, &o);
  if (q < 0) return 0; /* an unmapped logical slot reads 0 */
  return page ? vcmdq_page1_read(d, (unsigned)q, o) : vcmdq_page0_read(d, (unsigned)q, o);
}

void alt_cmdqv_write32(alt_dev* d, uint64_t off, uint32_t v) {
  int page = 0, q;
  uint64_t o = 0;
  if (off == CMDQV_CONFIG) {
    d->cmdqv_config = v & 1u; /* CMDQV_EN; the other bits are RAZ/WI here */
    return;
  }
  if (off == VI_INT_MASK || off == VI_INT_MASK + 4) {
    d->vi_int_mask[(off - VI_INT_MASK) / 4] = v;
    return;
  }
  if (off >= CMDQ_ALLOC && off < CMDQ_ALLOC + 4u * alt_vcmdqs(d)) {
    d->cmdq_alloc[(off - CMDQ_ALLOC) / 4] = v & 0x1F80FFu; /* ALLOCATED, LVCMDQ, VINTF */
    return;
  }
  if (off >= VINTF_BLOCK && off < VINTF_BLOCK + 0x100u * alt_vintfs(d)) {
    vintf_write(d, (unsigned)((off - VINTF_BLOCK) / 0x100), (off - VINTF_BLOCK) % 0x100, v);
    return;
  }
  q = decode_vcmdq(d, off, &page, &o);
  if (q < 0) return; /* dropped: no register, or an unmapped logical slot */
  if (page) {
    vcmdq_page1_write(d, (unsigned)q, o, v);
  } else {
    vcmdq_page0_write(d, (unsigned)q, o, v);
  }
}
