/* SPDX-License-Identifier: MIT */
/* Shared by kshim's kernel-side stand-ins (compiled with the tree's arm-smmu-v3.h). */
#ifndef KSHIM_CORE_H
#define KSHIM_CORE_H

#include <linux/types.h>

#include "kshim/module.h"

struct arm_smmu_device;
struct arm_smmu_cmdq;

bool kshim_cmdq_busy_polled(struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq);
void kshim_build_sync(u64* cmd, struct arm_smmu_device* smmu, struct arm_smmu_cmdq* cmdq);
/* The CONS.ERR code the last __arm_smmu_cmdq_skip_err found (0 if none since the last call). */
unsigned int kshim_take_cerror(void);

struct arm_smmu_cmdq_ent;
struct arm_smmu_cmdq* kshim_core_get_cmdq(struct arm_smmu_device* smmu,
                                          struct arm_smmu_cmdq_ent* ent);
void kshim_core_issue_on(struct arm_smmu_device* smmu, unsigned opcode, unsigned long long raw_cmd0,
                         struct kshim_issue_result* out);

int kshim_core_probe(void);
int kshim_core_init_structures(void);
int kshim_core_device_reset(void);
int kshim_core_cmdqv_active(void);
int kshim_core_device_refs(void);
void kshim_core_issue(unsigned cpu, unsigned opcode, unsigned long long raw_cmd0,
                      struct kshim_issue_result* out);
void kshim_core_gerror(void);
void kshim_core_remove(void);

#endif
