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

/* arm_smmu_get_cmdq's rule; `cmd` is the tree's command type (struct arm_smmu_cmd in 7.x,
 * struct arm_smmu_cmdq_ent in 6.12). */
#ifdef KSHIM_API_SMMU_CMD
struct arm_smmu_cmd;
struct arm_smmu_cmdq* kshim_core_get_cmdq(struct arm_smmu_device* smmu, struct arm_smmu_cmd* cmd);
#else
struct arm_smmu_cmdq_ent;
struct arm_smmu_cmdq* kshim_core_get_cmdq(struct arm_smmu_device* smmu,
                                          struct arm_smmu_cmdq_ent* ent);
/* The iommufd side (kernel/src/iommufd_core.c); see struct kshim_module. */
int kshim_core_iommufd_supported(void);
void kshim_core_viommu_alloc(int with_data, unsigned vmid, struct kshim_viommu_result* out);
int kshim_core_viommu_destroy(int id);
int kshim_core_hw_queue_alloc(int viommu, unsigned type, unsigned index, unsigned long long base_pa,
                              unsigned long long length, int* id);
int kshim_core_hw_queue_destroy(int id);
int kshim_core_mmap_target(unsigned long long offset, unsigned long long* phys,
                           unsigned long long* length);
int kshim_core_vevent_pop(int viommu, unsigned* type, unsigned long long* data, unsigned max_words);

#endif
/* The live SMMU (the impl's, after probe), or NULL. */
struct arm_smmu_device* kshim_core_smmu(void);
/* Forget the iommufd core's objects (a new, independent run). */
void kshim_iommufd_reset(void);
void kshim_module_reset(void);
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

/* The iommufd side (kernel/src/iommufd_core.c); see struct kshim_module. */
int kshim_core_iommufd_supported(void);
void kshim_core_viommu_alloc(int with_data, unsigned vmid, struct kshim_viommu_result* out);
int kshim_core_viommu_destroy(int id);
int kshim_core_hw_queue_alloc(int viommu, unsigned type, unsigned index, unsigned long long base_pa,
                              unsigned long long length, int* id);
int kshim_core_hw_queue_destroy(int id);
int kshim_core_mmap_target(unsigned long long offset, unsigned long long* phys,
                           unsigned long long* length);
int kshim_core_vevent_pop(int viommu, unsigned* type, unsigned long long* data, unsigned max_words);

#endif
