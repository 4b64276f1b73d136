// SPDX-License-Identifier: MIT
// Stand-ins for the arm-smmu-v3.c queue functions tegra241-cmdqv.c calls, written from their
// documented behaviour (not from arm-smmu-v3.c), plus a single-producer command issue:
//   arm_smmu_init_one_queue  coherent ring of 2^max_n_shift entries (halving while the
//                            allocation fails and is at least a page), PROD/CONS registers,
//                            q_base = RWA | ADDR | LOG2SIZE, shadow indices at 0;
//   arm_smmu_cmdq_init       lock/owner at 0, a managed bitmap of one bit per entry;
//   __arm_smmu_cmdq_skip_err reads CONS; ILL (and unknown codes) overwrite the entry at CONS
//                            with a CMD_SYNC (CS = NONE on a busy-polled VCMDQ); ABT, ATC_INV
//                            and NONE leave the queue alone. CONS never moves.
#include <linux/bitfield.h>
#include <linux/bitmap.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/kernel.h>

#include "arm-smmu-v3.h"
#include "kshim_core.h"

int arm_smmu_init_one_queue(struct arm_smmu_device* smmu, struct arm_smmu_queue* q,
                            void __iomem* page, unsigned long prod_off, unsigned long cons_off,
                            size_t dwords, const char* name) {
  size_t bytes;
  kshim_event_point("arm_smmu_init_one_queue");
  for (;;) {
    bytes = ((size_t)1 << q->llq.max_n_shift) * dwords * 8;
    q->base = dmam_alloc_coherent(smmu->dev, bytes, &q->base_dma, GFP_KERNEL);
    if (q->base || bytes < PAGE_SIZE) break;
    q->llq.max_n_shift--;
  }
  if (!q->base) {
    dev_err(smmu->dev, "failed to allocate queue (0x%zx bytes) for %s\n", bytes, name);
    return -ENOMEM;
  }
  if (WARN_ON(q->base_dma & (bytes - 1))) return -EINVAL;
  q->prod_reg = (u32 __iomem*)((char __iomem*)page + prod_off);
  q->cons_reg = (u32 __iomem*)((char __iomem*)page + cons_off);
  q->ent_dwords = dwords;
  q->q_base = Q_BASE_RWA | (q->base_dma & Q_BASE_ADDR_MASK) |
              FIELD_PREP(Q_BASE_LOG2SIZE, q->llq.max_n_shift);
  q->llq.prod = 0;
  q->llq.cons = 0;
  return 0;
}

int arm_smmu_cmdq_init(struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq) {
  unsigned int entries = 1u << cmdq->q.llq.max_n_shift;
  kshim_event_point("arm_smmu_cmdq_init");
  atomic_set(&cmdq->owner_prod, 0);
  atomic_set(&cmdq->lock, 0);
  cmdq->valid_map = (atomic_long_t*)devm_bitmap_zalloc(smmu->dev, entries, GFP_KERNEL);
  return cmdq->valid_map ? 0 : -ENOMEM;
}

/* A VCMDQ (any queue but the SMMU's own when CMDQV is in use) completes CMD_SYNC by polling. */
bool kshim_cmdq_busy_polled(struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq) {
  return cmdq != &smmu->cmdq && (smmu->options & ARM_SMMU_OPT_TEGRA241_CMDQV);
}

void kshim_build_sync(u64* cmd, struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq) {
  cmd[0] = FIELD_PREP(CMDQ_0_OP, CMDQ_OP_CMD_SYNC);
  cmd[1] = 0;
  /* No MSI polling here: CS = SEV on the SMMU CMDQ, NONE on a busy-polled VCMDQ. */
  u64p_replace_bits(&cmd[0],
                    kshim_cmdq_busy_polled(smmu, cmdq) ? CMDQ_SYNC_0_CS_NONE : CMDQ_SYNC_0_CS_SEV,
                    CMDQ_SYNC_0_CS);
}

static unsigned int last_cerror;

unsigned int kshim_take_cerror(void) {
  unsigned int c = last_cerror;
  last_cerror = 0;
  return c;
}

void __arm_smmu_cmdq_skip_err(struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq) {
  struct arm_smmu_queue* q = &cmdq->q;
  u32 cons = readl_relaxed(q->cons_reg);
  u32 code = FIELD_GET(CMDQ_CONS_ERR, cons);
  u64 cmd[CMDQ_ENT_DWORDS];
  size_t i;

  last_cerror = code;
  dev_err(smmu->dev, "CMDQ error (cons 0x%08x): code %u\n", cons, code);
  if (code == CMDQ_ERR_CERROR_NONE_IDX || code == CMDQ_ERR_CERROR_ABT_IDX ||
      code == CMDQ_ERR_CERROR_ATC_INV_IDX)
    return;
  /* Other producers may be active: only the entry at CONS is touched, never the shadow state. */
  for (i = 0; i < CMDQ_ENT_DWORDS; i++) cmd[i] = q->base[Q_IDX(&q->llq, cons) * q->ent_dwords + i];
  dev_err(smmu->dev, "skipping command in error state: 0x%016llx 0x%016llx\n", cmd[0], cmd[1]);
  kshim_build_sync(cmd, smmu, cmdq);
  for (i = 0; i < CMDQ_ENT_DWORDS; i++) q->base[Q_IDX(&q->llq, cons) * q->ent_dwords + i] = cmd[i];
}
