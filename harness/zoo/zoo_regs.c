/* SPDX-License-Identifier: MIT */
/*
 * The zoo device: register file. Bus checks, 32/64-bit access splitting, VINTF logical page
 * aliasing through CMDQ_ALLOC, and the per-register semantics of spec/registers/smmu.yaml and
 * spec/registers/cmdqv.yaml (RW/RO masks, handshakes, CONS masking, GERRORN acknowledgement).
 */
#include "zoo_internal.h"

/* SMMU page 0 */
#define SMMU_IDR0 0x00u
#define SMMU_IDR1 0x04u
#define SMMU_IDR3 0x0Cu
#define SMMU_CR0 0x20u
#define SMMU_CR0ACK 0x24u
#define SMMU_IRQ_CTRL 0x50u
#define SMMU_IRQ_CTRLACK 0x54u
#define SMMU_IRQ_CTRL_MASK 0x7u /* GERROR_IRQEN PRIQ_IRQEN EVTQ_IRQEN */
#define SMMU_GERROR 0x60u
#define SMMU_GERRORN 0x64u
#define SMMU_CMDQ_BASE 0x90u
#define SMMU_CMDQ_PROD 0x98u
#define SMMU_CMDQ_CONS 0x9Cu

#define SMMU_CR0_MASK 0x1Fu
#define SMMU_GERROR_MASK 0x1FDu
#define SMMU_CMDQ_BASE_MASK (((UINT64_C(1) << 52) - 1u) | (UINT64_C(1) << 62)) /* LOG2SIZE ADDR RA */

/* CMDQV config page */
#define CMDQV_CONFIG 0x000u
#define CMDQV_PARAM 0x004u
#define CMDQV_STATUS 0x008u
#define CMDQV_VI_ERR_MAP_0 0x014u
#define CMDQV_VI_ERR_MAP_1 0x018u
#define CMDQV_VI_INT_MASK_0 0x01Cu
#define CMDQV_VI_INT_MASK_1 0x020u
#define CMDQV_CMDQ_ERR_MAP 0x024u /* 4 words */
#define CMDQV_CMDQ_ALLOC 0x200u   /* + 4q */
#define CMDQV_CONFIG_MASK 0x1FFFFFu

/* VINTF blocks */
#define VINTF_BASE 0x1000u
#define VINTF_STRIDE 0x100u
#define VINTF_CONFIG 0x00u
#define VINTF_STATUS 0x04u
#define VINTF_SID_MATCH 0x40u
#define VINTF_SID_REPLACE 0x80u
#define VINTF_LVCMDQ_ERR_MAP 0xC0u /* 2 x 64-bit */
#define VINTF_HYP_OWN (1u << 17)
#define VINTF_CONFIG_MASK 0x3FFFFu /* EN VMID HYP_OWN */
#define VINTF_SID_MATCH_MASK 0x1FFFFFu
#define VINTF_SID_REPLACE_MASK 0xFFFFFu

/* Global VCMDQ pages and VINTF logical pages */
#define VCMDQ_PAGE0 0x10000u
#define VCMDQ_PAGE1 0x20000u
#define VCMDQ_STRIDE 0x80u
#define VCMDQ_CONS 0x00u
#define VCMDQ_PROD 0x04u
#define VCMDQ_CONFIG 0x08u
#define VCMDQ_STATUS 0x0Cu
#define VCMDQ_GERROR 0x10u
#define VCMDQ_GERRORN 0x14u
#define VCMDQ_GERROR_MASK 0x7u
#define VCMDQ_BASE 0x00u
#define VCMDQ_CONS_INDX_BASE 0x08u
#define VCMDQ_BASE_MASK ((UINT64_C(1) << 48) - 1u)
#define VINTF_PAGES 0x30000u
#define VINTF_PAGES_STRIDE 0x20000u
#define PAGE_SIZE_64K 0x10000u

int zoo_vcmdq_owner(const zoo_dev *d, uint32_t q, uint32_t *v, uint32_t *l) {
  uint32_t a;
  if (q >= d->vcmdqs) {
    return 0;
  }
  a = d->cmdq_alloc[q];
  if ((a & ZOO_ALLOC_ALLOCATED) == 0 || ZOO_ALLOC_VINTF(a) >= d->vintfs ||
      ZOO_ALLOC_LVCMDQ(a) >= d->per_vintf) {
    return 0;
  }
  *v = ZOO_ALLOC_VINTF(a);
  *l = ZOO_ALLOC_LVCMDQ(a);
  return 1;
}

uint32_t zoo_vintf_hyp_own(const zoo_dev *d, uint32_t v) {
  /* The guest's VINTF is HYP_OWN = 0 whatever its register shows. */
  if (d->cfg.profile == ZOO_PROFILE_GUEST) {
    return 0;
  }
  return (d->vintf[v].config & VINTF_HYP_OWN) != 0 ? 1u : 0u;
}

/*
 * Map a CMDQV offset in a VINTF logical page onto the global VCMDQ page it aliases.
 * Returns 0 with *goff set (unchanged for offsets outside the logical pages), or 1 when the
 * logical slot is not mapped (reads 0, writes dropped).
 */
static int resolve(const zoo_dev *d, cts_region r, uint64_t off, uint64_t *goff) {
  uint64_t rel, within, inpage;
  uint32_t i, l, q;
  *goff = off;
  if (r != CTS_REGION_CMDQV || off < VINTF_PAGES) {
    return 0;
  }
  rel = off - VINTF_PAGES;
  if (rel / VINTF_PAGES_STRIDE >= d->vintfs) {
    return 0; /* past the last VINTF: no register at all */
  }
  i = (uint32_t)(rel / VINTF_PAGES_STRIDE);
  within = rel % VINTF_PAGES_STRIDE;
  inpage = within % PAGE_SIZE_64K;
  if (inpage / VCMDQ_STRIDE >= d->per_vintf) {
    return 1;
  }
  l = (uint32_t)(inpage / VCMDQ_STRIDE);
  if (ZOO_DEVIATES(ZOO_DEV_ALIAS_NOT_MAPPED)) {
    return 1;
  }
  for (q = 0; q < d->vcmdqs; ++q) {
    const uint32_t a = d->cmdq_alloc[q];
    if ((a & ZOO_ALLOC_ALLOCATED) != 0 && ZOO_ALLOC_VINTF(a) == i && ZOO_ALLOC_LVCMDQ(a) == l) {
      *goff = (within < PAGE_SIZE_64K ? VCMDQ_PAGE0 : VCMDQ_PAGE1) + (uint64_t)VCMDQ_STRIDE * q +
              inpage % VCMDQ_STRIDE;
      return 0;
    }
  }
  return 1;
}

/* The 64-bit register starting at global offset goff, if any: storage and RW mask. */
static int find64(zoo_dev *d, cts_region r, uint64_t goff, uint64_t **p, uint64_t *rw) {
  if (r == CTS_REGION_SMMU) {
    if (goff == SMMU_CMDQ_BASE) {
      *p = &d->cmdq_base;
      *rw = SMMU_CMDQ_BASE_MASK;
      return 1;
    }
    return 0;
  }
  if (goff >= VINTF_BASE && goff < VINTF_BASE + (uint64_t)VINTF_STRIDE * d->vintfs) {
    const uint32_t v = (uint32_t)((goff - VINTF_BASE) / VINTF_STRIDE);
    const uint32_t rel = (uint32_t)((goff - VINTF_BASE) % VINTF_STRIDE);
    if (rel == VINTF_LVCMDQ_ERR_MAP || rel == VINTF_LVCMDQ_ERR_MAP + 8u) {
      *p = &d->vintf[v].lvcmdq_err_map[(rel - VINTF_LVCMDQ_ERR_MAP) / 8u];
      *rw = 0; /* RO */
      return 1;
    }
    return 0;
  }
  if (goff >= VCMDQ_PAGE1 && goff < VCMDQ_PAGE1 + (uint64_t)VCMDQ_STRIDE * d->vcmdqs) {
    const uint32_t q = (uint32_t)((goff - VCMDQ_PAGE1) / VCMDQ_STRIDE);
    const uint32_t rel = (uint32_t)((goff - VCMDQ_PAGE1) % VCMDQ_STRIDE);
    if (rel == VCMDQ_BASE) {
      *p = &d->vcmdq[q].base;
      *rw = VCMDQ_BASE_MASK;
      return 1;
    }
    if (rel == VCMDQ_CONS_INDX_BASE) {
      *p = &d->vcmdq[q].cons_indx_base;
      *rw = VCMDQ_BASE_MASK;
      return 1;
    }
  }
  return 0;
}

static uint32_t smmu_read32(const zoo_dev *d, uint64_t off) {
  switch (off) {
    case SMMU_IDR0: return d->idr0;
    case SMMU_IDR1: return d->idr1;
    case SMMU_IDR3: return d->idr3;
    case SMMU_CR0: return d->cr0;
    case SMMU_CR0ACK: return d->cr0ack;
    case SMMU_IRQ_CTRL: return d->irq_ctrl;
    case SMMU_IRQ_CTRLACK: return d->irq_ctrlack;
    case SMMU_GERROR: return d->gerror;
    case SMMU_GERRORN: return d->gerrorn;
    case SMMU_CMDQ_PROD: return d->cmdq_prod;
    case SMMU_CMDQ_CONS: return d->cmdq_cons;
    default: return 0;
  }
}

static void smmu_write32(zoo_dev *d, uint64_t off, uint32_t v) {
  switch (off) {
    case SMMU_CR0:
      d->cr0 = v & SMMU_CR0_MASK;
      d->cr0ack = d->cr0; /* the update takes effect at once */
      break;
    case SMMU_IRQ_CTRL:
      d->irq_ctrl = v & SMMU_IRQ_CTRL_MASK;
      d->irq_ctrlack = d->irq_ctrl;
      break;
    case SMMU_GERRORN: {
      const uint32_t was_active = (d->gerror ^ d->gerrorn) & 1u;
      d->gerrorn = v & SMMU_GERROR_MASK;
      zoo_smmu_gerrorn_written(d, was_active);
      break;
    }
    case SMMU_CMDQ_PROD: d->cmdq_prod = v & ZOO_IDX_MASK; break;
    case SMMU_CMDQ_CONS: d->cmdq_cons = zoo_cons_written(d->cmdq_cons, v, d->cmdq_base, d->cfg.cmdqs); break;
    default: break; /* RO, or no register */
  }
}

static uint32_t vcmdq_page0_read32(const zoo_dev *d, uint32_t q, uint32_t rel) {
  const zoo_vcmdq *c = &d->vcmdq[q];
  switch (rel) {
    case VCMDQ_CONS: return c->cons;
    case VCMDQ_PROD: return c->prod;
    case VCMDQ_CONFIG: return c->config;
    case VCMDQ_STATUS:
      if (ZOO_DEVIATES(ZOO_DEV_ENABLED_WITHOUT_EN) && (d->cmdq_alloc[q] & ZOO_ALLOC_ALLOCATED) != 0) {
        return c->status | 1u;
      }
      return c->status;
    case VCMDQ_GERROR: return c->gerror;
    case VCMDQ_GERRORN: return c->gerrorn;
    default: return 0;
  }
}

static void vcmdq_page0_write32(zoo_dev *d, uint32_t q, uint32_t rel, uint32_t v) {
  zoo_vcmdq *c = &d->vcmdq[q];
  switch (rel) {
    case VCMDQ_CONS: c->cons = zoo_cons_written(c->cons, v, c->base, 19u); break;
    case VCMDQ_PROD: c->prod = v & ZOO_IDX_MASK; break;
    case VCMDQ_CONFIG:
      c->config = v & 1u;
      c->status = c->config; /* STATUS.ENABLED follows CONFIG.EN at once */
      break;
    case VCMDQ_GERRORN: {
      const uint32_t was_active = (c->gerror ^ c->gerrorn) & 1u;
      c->gerrorn = v & VCMDQ_GERROR_MASK;
      zoo_vcmdq_gerrorn_written(d, q, was_active);
      break;
    }
    default: break;
  }
}

static uint32_t vintf_read32(const zoo_dev *d, uint32_t v, uint32_t rel) {
  const zoo_vintf *f = &d->vintf[v];
  if (rel == VINTF_CONFIG) {
    return f->config;
  }
  if (rel == VINTF_STATUS) {
    return f->status;
  }
  if (rel >= VINTF_SID_MATCH && rel < VINTF_SID_MATCH + 4u * d->sids) {
    return (rel & 3u) == 0 ? f->sid_match[(rel - VINTF_SID_MATCH) / 4u] : 0;
  }
  if (rel >= VINTF_SID_REPLACE && rel < VINTF_SID_REPLACE + 4u * d->sids) {
    return (rel & 3u) == 0 ? f->sid_replace[(rel - VINTF_SID_REPLACE) / 4u] : 0;
  }
  return 0;
}

static void vintf_write32(zoo_dev *d, uint32_t v, uint32_t rel, uint32_t val) {
  zoo_vintf *f = &d->vintf[v];
  if (rel == VINTF_CONFIG) {
    uint32_t mask = VINTF_CONFIG_MASK;
    if (d->cfg.profile == ZOO_PROFILE_GUEST && !ZOO_DEVIATES(ZOO_DEV_HYP_OWN_NOT_MASKED)) {
      mask &= ~VINTF_HYP_OWN; /* wired to 0 in the guest view */
    }
    f->config = val & mask;
    f->status = f->config & 1u; /* STATUS.ENABLED follows EN; STATUS[3:1] stays 0 */
  } else if (rel >= VINTF_SID_MATCH && rel < VINTF_SID_MATCH + 4u * d->sids) {
    f->sid_match[(rel - VINTF_SID_MATCH) / 4u] = val & VINTF_SID_MATCH_MASK;
  } else if (rel >= VINTF_SID_REPLACE && rel < VINTF_SID_REPLACE + 4u * d->sids) {
    f->sid_replace[(rel - VINTF_SID_REPLACE) / 4u] = val & VINTF_SID_REPLACE_MASK;
  }
}

static uint32_t cmdqv_read32(const zoo_dev *d, uint64_t off) {
  if (off < VINTF_BASE) {
    switch (off) {
      case CMDQV_CONFIG: return d->config;
      case CMDQV_PARAM:
        return 1u | d->cfg.vcmdqs_log2 << 4 | d->cfg.vintfs_log2 << 8 | d->cfg.sids_log2 << 12;
      case CMDQV_STATUS: return d->status;
      case CMDQV_VI_ERR_MAP_0: return d->vi_err_map[0];
      case CMDQV_VI_ERR_MAP_1: return d->vi_err_map[1];
      case CMDQV_VI_INT_MASK_0: return d->vi_int_mask[0];
      case CMDQV_VI_INT_MASK_1: return d->vi_int_mask[1];
      default: break;
    }
    if (off >= CMDQV_CMDQ_ERR_MAP && off < CMDQV_CMDQ_ERR_MAP + 16u) {
      return d->cmdq_err_map[(off - CMDQV_CMDQ_ERR_MAP) / 4u];
    }
    if (off >= CMDQV_CMDQ_ALLOC && off < CMDQV_CMDQ_ALLOC + 4u * (uint64_t)d->vcmdqs) {
      return d->cmdq_alloc[(off - CMDQV_CMDQ_ALLOC) / 4u];
    }
    return 0;
  }
  if (off < VINTF_BASE + (uint64_t)VINTF_STRIDE * d->vintfs) {
    return vintf_read32(d, (uint32_t)((off - VINTF_BASE) / VINTF_STRIDE),
                        (uint32_t)((off - VINTF_BASE) % VINTF_STRIDE));
  }
  if (off >= VCMDQ_PAGE0 && off < VCMDQ_PAGE0 + (uint64_t)VCMDQ_STRIDE * d->vcmdqs) {
    return vcmdq_page0_read32(d, (uint32_t)((off - VCMDQ_PAGE0) / VCMDQ_STRIDE),
                              (uint32_t)((off - VCMDQ_PAGE0) % VCMDQ_STRIDE));
  }
  return 0; /* page1 registers are all 64-bit (find64) */
}

static void cmdqv_write32(zoo_dev *d, uint64_t off, uint32_t v) {
  if (off < VINTF_BASE) {
    switch (off) {
      case CMDQV_CONFIG:
        d->config = v & CMDQV_CONFIG_MASK;
        d->status = d->config & 1u; /* STATUS.CMDQV_ENABLED follows CMDQV_EN at once */
        return;
      case CMDQV_VI_INT_MASK_0: d->vi_int_mask[0] = v; return;
      case CMDQV_VI_INT_MASK_1: d->vi_int_mask[1] = v; return;
      default: break;
    }
    if (off >= CMDQV_CMDQ_ALLOC && off < CMDQV_CMDQ_ALLOC + 4u * (uint64_t)d->vcmdqs) {
      d->cmdq_alloc[(off - CMDQV_CMDQ_ALLOC) / 4u] = v & ZOO_ALLOC_MASK;
    }
    return;
  }
  if (off < VINTF_BASE + (uint64_t)VINTF_STRIDE * d->vintfs) {
    vintf_write32(d, (uint32_t)((off - VINTF_BASE) / VINTF_STRIDE), (uint32_t)((off - VINTF_BASE) % VINTF_STRIDE),
                  v);
    return;
  }
  if (off >= VCMDQ_PAGE0 && off < VCMDQ_PAGE0 + (uint64_t)VCMDQ_STRIDE * d->vcmdqs) {
    vcmdq_page0_write32(d, (uint32_t)((off - VCMDQ_PAGE0) / VCMDQ_STRIDE),
                        (uint32_t)((off - VCMDQ_PAGE0) % VCMDQ_STRIDE), v);
  }
}

static uint32_t read32(zoo_dev *d, cts_region r, uint64_t off) {
  uint64_t goff, rw;
  uint64_t *p;
  if (resolve(d, r, off, &goff) != 0) {
    return 0;
  }
  if (find64(d, r, goff & ~UINT64_C(7), &p, &rw)) {
    return (uint32_t)(*p >> ((goff & 4u) * 8u));
  }
  return r == CTS_REGION_SMMU ? smmu_read32(d, goff) : cmdqv_read32(d, goff);
}

static void write32(zoo_dev *d, cts_region r, uint64_t off, uint32_t v) {
  uint64_t goff, rw;
  uint64_t *p;
  if (resolve(d, r, off, &goff) != 0) {
    return;
  }
  if (find64(d, r, goff & ~UINT64_C(7), &p, &rw)) {
    const unsigned shift = (unsigned)((goff & 4u) * 8u);
    const uint64_t half = UINT64_C(0xFFFFFFFF) << shift;
    const uint64_t merged = (*p & ~half) | ((uint64_t)v << shift);
    *p = (*p & ~rw) | (merged & rw);
    return;
  }
  if (r == CTS_REGION_SMMU) {
    smmu_write32(d, goff, v);
  } else {
    cmdqv_write32(d, goff, v);
  }
}

static int bad_access(const zoo_dev *d, cts_region r, uint64_t off, uint32_t size) {
  if (size != 4 && size != 8) {
    return 1;
  }
  if (off % size != 0) {
    return 1;
  }
  if (r == CTS_REGION_SMMU) {
    return 0;
  }
  return r != CTS_REGION_CMDQV || d->cfg.profile == ZOO_PROFILE_SMMUV3;
}

int zoo_read(zoo_dev *d, cts_region r, uint64_t off, uint32_t size, uint64_t *val) {
  uint64_t goff, rw;
  uint64_t *p;
  if (d == NULL || val == NULL || bad_access(d, r, off, size)) {
    return 1;
  }
  if (size == 8) {
    if (resolve(d, r, off, &goff) == 0 && find64(d, r, goff, &p, &rw)) {
      *val = *p;
    } else {
      *val = (uint64_t)read32(d, r, off) | (uint64_t)read32(d, r, off + 4u) << 32;
    }
    return 0;
  }
  *val = read32(d, r, off);
  return 0;
}

int zoo_write(zoo_dev *d, cts_region r, uint64_t off, uint32_t size, uint64_t val) {
  uint64_t goff, rw;
  uint64_t *p;
  if (d == NULL || bad_access(d, r, off, size)) {
    return 1;
  }
  if (size == 8) {
    const int mapped = resolve(d, r, off, &goff) == 0;
    if (mapped && find64(d, r, goff, &p, &rw)) {
      *p = (*p & ~rw) | (val & rw);
    } else {
      write32(d, r, off, (uint32_t)val);
      write32(d, r, off + 4u, (uint32_t)(val >> 32));
    }
    return 0;
  }
  write32(d, r, off, (uint32_t)val);
  return 0;
}
