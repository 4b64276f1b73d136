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
static void build_cmd(u64* cmd, unsigned opcode) {
  cmd[0] = FIELD_PREP(CMDQ_0_OP, (u64)opcode);
  cmd[1] = 0;
  switch (opcode) {
    case CMDQ_OP_CFGI_ALL:
      cmd[1] |= FIELD_PREP(CMDQ_CFGI_1_RANGE, 31); /* every stream */
      break;
    case CMDQ_OP_ATC_INV:
      cmd[1] |= FIELD_PREP(CMDQ_ATC_1_SIZE, ATC_INV_SIZE_ALL);
      break;
    default: /* SID, ASID and VMID 0 */
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

/* Writes n commands (and a CMD_SYNC if sync) at PROD, publishes PROD, waits for the sync. */
static int issue_entries(struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq, const u64* in,
                         u32 n_in, bool sync) {
  struct arm_smmu_queue* q = &cmdq->q;
  u64 cmds[(CMDQ_BATCH_ENTRIES + 1) * CMDQ_ENT_DWORDS];
  u32 shift = q->llq.max_n_shift, prod, cons, n = 0, i, sync_idx = 0;
  int ret;

  for (i = 0; i < n_in && n < CMDQ_BATCH_ENTRIES; i++, n++) {
    cmds[n * CMDQ_ENT_DWORDS] = in[i * CMDQ_ENT_DWORDS];
    cmds[n * CMDQ_ENT_DWORDS + 1] = in[i * CMDQ_ENT_DWORDS + 1];
  }
  if (sync) kshim_build_sync(&cmds[n++ * CMDQ_ENT_DWORDS], smmu, cmdq);

  prod = q->llq.prod;
  ret = readl_relaxed_poll_timeout(
      q->cons_reg, cons, (1u << shift) - used(prod, cons & ((2u << shift) - 1), shift) >= n, 1,
      ARM_SMMU_POLL_TIMEOUT_US);
  if (ret) {
    dev_err(smmu->dev, "CMDQ timeout waiting for space\n");
    return ret;
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
  return ret;
}

#ifdef KSHIM_API_SMMU_CMD
/* 7.x exports it: the driver flushes a guest ATC_INV timeout with a CMD_SYNC on the SMMU CMDQ. */
int arm_smmu_cmdq_issue_cmdlist(struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq,
                                struct arm_smmu_cmd* cmds, int n, bool sync) {
  kshim_event_point("arm_smmu_cmdq_issue_cmdlist");
  return issue_entries(smmu, cmdq, &cmds[0].data[0], (u32)n, sync);
}
#endif

void kshim_core_issue_on(struct arm_smmu_device* smmu, unsigned opcode, unsigned long long raw_cmd0,
                         struct kshim_issue_result* out) {
  struct arm_smmu_cmdq* cmdq;
  u64 cmd[CMDQ_ENT_DWORDS];
  u32 n = 0;

  kshim_event_point("arm_smmu_cmdq_issue_cmdlist");
  kshim_take_cerror();
  build_cmd(cmd, opcode);
  {
#ifdef KSHIM_API_SMMU_CMD
    struct arm_smmu_cmd c;
    c.data[0] = cmd[0];
    c.data[1] = cmd[1];
    cmdq = kshim_core_get_cmdq(smmu, &c);
#else
    struct arm_smmu_cmdq_ent ent = {.opcode = (u8)opcode};
    cmdq = kshim_core_get_cmdq(smmu, &ent);
#endif
  }
  locate(cmdq, out);
  if (opcode != CMDQ_OP_CMD_SYNC) {
    if (raw_cmd0) cmd[0] = raw_cmd0;
    n = 1;
  }
  out->ret = issue_entries(smmu, cmdq, cmd, n, true);
  out->cerror = kshim_take_cerror();
}
