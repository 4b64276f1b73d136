// SPDX-License-Identifier: MIT
// Issuing one command with a CMD_SYNC the way the SMMU core does for a single CPU: choose the
// queue with arm_smmu_get_cmdq (the impl's get_secondary_cmdq first), build the command and a
// sync (CS = NONE on a busy-polled VCMDQ), wait for space, write the entries, publish PROD,
// then poll CONS until the sync was consumed. The lock-free multi-producer protocol of the
// real arm_smmu_cmdq_issue_cmdlist is not modelled: the harness is single-threaded.
#include <linux/bitfield.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/kernel.h>

#include "arm-smmu-v3.h"
#include "kshim_core.h"

/* The command word encodings of arm-smmu-v3.h for the fields this harness sets. */
static void build_cmd(u64* cmd, const struct arm_smmu_cmdq_ent* ent) {
  cmd[0] = FIELD_PREP(CMDQ_0_OP, ent->opcode);
  cmd[1] = 0;
  switch (ent->opcode) {
    case CMDQ_OP_CFGI_ALL:
      cmd[1] |= FIELD_PREP(CMDQ_CFGI_1_RANGE, 31); /* every stream */
      break;
    case CMDQ_OP_CFGI_STE:
    case CMDQ_OP_CFGI_CD:
    case CMDQ_OP_CFGI_CD_ALL:
    case CMDQ_OP_PREFETCH_CFG:
      cmd[0] |= FIELD_PREP(CMDQ_CFGI_0_SID, ent->cfgi.sid);
      cmd[1] |= ent->cfgi.leaf ? CMDQ_CFGI_1_LEAF : 0;
      break;
    case CMDQ_OP_TLBI_NH_ASID:
    case CMDQ_OP_TLBI_NH_VA:
    case CMDQ_OP_TLBI_EL2_ASID:
    case CMDQ_OP_TLBI_EL2_VA:
      cmd[0] |= FIELD_PREP(CMDQ_TLBI_0_ASID, ent->tlbi.asid);
      cmd[0] |= FIELD_PREP(CMDQ_TLBI_0_VMID, ent->tlbi.vmid);
      break;
    case CMDQ_OP_TLBI_S12_VMALL:
    case CMDQ_OP_TLBI_S2_IPA:
      cmd[0] |= FIELD_PREP(CMDQ_TLBI_0_VMID, ent->tlbi.vmid);
      break;
    case CMDQ_OP_ATC_INV:
      cmd[0] |= FIELD_PREP(CMDQ_ATC_0_SID, ent->atc.sid);
      cmd[1] |= FIELD_PREP(CMDQ_ATC_1_SIZE, ATC_INV_SIZE_ALL);
      break;
    default:
      break;
  }
}

static u32 wrap_index(u32 v, u32 shift) {
  return v & ((2u << shift) - 1);
}

/* Entries the device still has to consume between cons and prod (index + wrap bit). */
static u32 used(u32 prod, u32 cons, u32 shift) {
  return wrap_index(prod - cons, shift);
}

/* Has the device consumed the entry at `idx` (it moved past it)? */
static bool consumed(u32 cons, u32 idx, u32 shift) {
  u32 ahead = wrap_index(cons - idx, shift);
  return ahead != 0 && ahead <= (1u << shift);
}

static int locate(struct arm_smmu_cmdq* cmdq, struct kshim_issue_result* out) {
  unsigned region;
  unsigned long long off;
  out->vcmdq = -1;
  out->lvcmdq = -1;
  if (kshim_iomem_locate(cmdq->q.prod_reg, &region, &off) != 0 || region != KSHIM_REGION_CMDQV)
    return 0;
  /* The driver maps VINTF i's logical pages at 0x30000 + 0x20000 * i; only VINTF0 is in-kernel. */
  if (off >= 0x30000 && off < 0x40000) {
    out->lvcmdq = (int)((off - 0x30000) / 0x80);
    out->vcmdq = out->lvcmdq;
  }
  return 0;
}

void kshim_core_issue_on(struct arm_smmu_device* smmu, unsigned opcode, unsigned long long raw_cmd0,
                         struct kshim_issue_result* out) {
  struct arm_smmu_cmdq_ent ent = {.opcode = (u8)opcode};
  struct arm_smmu_cmdq* cmdq;
  struct arm_smmu_queue* q;
  u64 cmds[2 * CMDQ_ENT_DWORDS];
  u32 shift, prod, cons, n = 0, i, sync_idx;
  int ret;

  kshim_event_point("arm_smmu_cmdq_issue_cmdlist");
  kshim_take_cerror();
  cmdq = kshim_core_get_cmdq(smmu, &ent);
  locate(cmdq, out);
  q = &cmdq->q;
  shift = q->llq.max_n_shift;
  if (opcode != CMDQ_OP_CMD_SYNC) {
    build_cmd(&cmds[0], &ent);
    if (raw_cmd0) cmds[0] = raw_cmd0;
    n = 1;
  }
  kshim_build_sync(&cmds[n * CMDQ_ENT_DWORDS], smmu, cmdq);
  n++;

  prod = q->llq.prod;
  ret = readl_relaxed_poll_timeout(
      q->cons_reg, cons, (1u << shift) - used(prod, cons & ((2u << shift) - 1), shift) >= n, 1,
      ARM_SMMU_POLL_TIMEOUT_US);
  if (ret) {
    dev_err(smmu->dev, "CMDQ timeout waiting for space\n");
    out->ret = ret;
    return;
  }
  for (i = 0; i < n; i++) {
    u32 idx = prod & ((1u << shift) - 1);
    q->base[idx * q->ent_dwords] = cmds[i * CMDQ_ENT_DWORDS];
    q->base[idx * q->ent_dwords + 1] = cmds[i * CMDQ_ENT_DWORDS + 1];
    sync_idx = prod;
    prod = wrap_index(prod + 1, shift);
  }
  q->llq.prod = prod;
  dma_wmb();
  writel_relaxed(prod, q->prod_reg);

  ret = readl_relaxed_poll_timeout(q->cons_reg, cons,
                                   consumed(cons & ((2u << shift) - 1), sync_idx, shift), 1,
                                   ARM_SMMU_POLL_TIMEOUT_US);
  q->llq.cons = cons & ((2u << shift) - 1);
  if (ret)
    dev_err(smmu->dev, "CMD_SYNC timeout at 0x%08x [hwprod 0x%08x, hwcons 0x%08x]\n", sync_idx,
            prod, cons);
  out->ret = ret;
  out->cerror = kshim_take_cerror();
}
