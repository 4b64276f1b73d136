// SPDX-License-Identifier: MIT
// The part of arm-smmu-v3.c around the impl, as documented for 6.12 (cmdqv.md section 6,
// kshim.md): ACPI companion with a device reference, impl probe with the -ENODEV fallback
// rule and a managed remove action, SMMU page mapping, IDR1.CMDQS, the SMMU CMDQ, impl
// init_structures, CR0 enable with ACK polls, the initial invalidations, SMMUEN, impl
// device_reset; arm_smmu_get_cmdq's rule; unbind = CR0 off, then devres in reverse order.
// Stream tables, event and PRI queues are left out: tegra241-cmdqv.c never touches them.
#include <linux/acpi.h>
#include <linux/bitfield.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/kernel.h>

#ifdef KSHIM_API_PLATFORM_PROBE
#include <linux/platform_device.h>
#endif

#include "arm-smmu-v3.h"
#include "kshim/runtime_control.h"
#include "kshim_core.h"

#define KSHIM_SMMU_REG_SZ 0xe00

static struct device smmu_dev = {.kshim_name = "arm-smmu-v3.0.auto"};
#ifdef KSHIM_API_PLATFORM_PROBE
/* 7.x: the companion's physical node, a platform device (IORT names it). */
static struct platform_device cmdqv_pdev = {.dev = {.kshim_name = "NVDA200C:00"},
                                            .name = "tegra241-cmdqv"};
#define CMDQV_COMPANION (&cmdqv_pdev.dev)
#else
static struct acpi_device cmdqv_adev = {.dev = {.kshim_name = "NVDA200C:00"},
                                        .kshim_hid = "NVDA200C"};
#define CMDQV_COMPANION (&cmdqv_adev.dev)
#endif
static struct arm_smmu_device* smmu;
struct dentry* iommu_debugfs_dir;

static void impl_remove(void* data) {
  struct arm_smmu_device* s = data;
  if (s->impl_ops && s->impl_ops->device_remove) s->impl_ops->device_remove(s);
}

static void unmap_smmu(void* base) {
  iounmap(base);
}

static int write_reg_sync(u32 val, unsigned int reg, unsigned int ack) {
  u32 got;
  writel_relaxed(val, smmu->base + reg);
  return readl_relaxed_poll_timeout(smmu->base + ack, got, got == val, 1, ARM_SMMU_POLL_TIMEOUT_US);
}

#ifdef KSHIM_API_DEVICE_DISABLE
/* The core's devm disable action: the impl's device_disable, then CR0 off. */
static void disable_action(void* data) {
  struct arm_smmu_device* s = data;
  u32 got;
  if (s->impl_ops && s->impl_ops->device_disable) s->impl_ops->device_disable(s);
  writel_relaxed(0, s->base + ARM_SMMU_CR0);
  if (readl_relaxed_poll_timeout(s->base + ARM_SMMU_CR0ACK, got, got == 0, 1,
                                 ARM_SMMU_POLL_TIMEOUT_US))
    dev_err(s->dev, "failed to clear cr0\n");
}
#endif

int kshim_core_probe(void) {
  struct arm_smmu_device* impl;
  u32 reg;
  int ret;

  smmu = devm_kzalloc(&smmu_dev, sizeof(*smmu), GFP_KERNEL);
  if (!smmu) return -ENOMEM;
  smmu->dev = &smmu_dev;
  /* IORT names the CMDQV companion; finding it takes the reference the impl drops later. */
  smmu->impl_dev = get_device(CMDQV_COMPANION);
  smmu->options |= ARM_SMMU_OPT_TEGRA241_CMDQV;

  impl = tegra241_cmdqv_probe(smmu);
  if (impl == ERR_PTR(-ENODEV)) {
    impl = smmu; /* the core's rule: -ENODEV means "no impl, keep going with the original" */
  } else if (IS_ERR(impl)) {
    return (int)PTR_ERR(impl);
  } else {
#ifdef KSHIM_API_IOMMUFD
    /* 7.x: the vIOMMU size and init ops come in pairs. */
    if (impl->impl_ops &&
        WARN_ON(!impl->impl_ops->get_viommu_size != !impl->impl_ops->vsmmu_init)) {
      impl_remove(impl);
      return -EINVAL;
    }
#endif
    ret = devm_add_action_or_reset(impl->dev, impl_remove, impl);
    if (ret) return ret;
  }
  smmu = impl;

  smmu->base = ioremap(kshim_smmu_phys(), KSHIM_SMMU_REG_SZ);
  if (!smmu->base) return -ENOMEM;
  ret = devm_add_action_or_reset(smmu->dev, unmap_smmu, (void __force*)smmu->base);
  if (ret) return ret;
  smmu->page1 = smmu->base;

  reg = readl_relaxed(smmu->base + ARM_SMMU_IDR0);
  if (reg & IDR0_HYP) smmu->features |= ARM_SMMU_FEAT_HYP;
  if (reg & IDR0_SEV) smmu->features |= ARM_SMMU_FEAT_SEV;
  if (reg & IDR0_ATS) smmu->features |= ARM_SMMU_FEAT_ATS;
  if (reg & IDR0_PRI) smmu->features |= ARM_SMMU_FEAT_PRI;
  reg = readl_relaxed(smmu->base + ARM_SMMU_IDR1);
  smmu->cmdq.q.llq.max_n_shift = min_t(u32, CMDQ_MAX_SZ_SHIFT, FIELD_GET(IDR1_CMDQS, reg));
  /* The core needs room for a full batch plus its CMD_SYNC. */
  if (smmu->cmdq.q.llq.max_n_shift <= ilog2(CMDQ_BATCH_ENTRIES)) {
    dev_err(smmu->dev, "command queue size <= %d entries not supported\n", CMDQ_BATCH_ENTRIES);
    return -ENXIO;
  }
  return 0;
}

int kshim_core_init_structures(void) {
  int ret = arm_smmu_init_one_queue(smmu, &smmu->cmdq.q, smmu->base, ARM_SMMU_CMDQ_PROD,
                                    ARM_SMMU_CMDQ_CONS, CMDQ_ENT_DWORDS, "cmdq");
  if (ret) return ret;
  ret = arm_smmu_cmdq_init(smmu, &smmu->cmdq);
  if (ret) return ret;
  if (smmu->impl_ops && smmu->impl_ops->init_structures)
    return smmu->impl_ops->init_structures(smmu);
  return 0;
}

static int issue_with_sync(u8 opcode) {
  struct kshim_issue_result r;
  kshim_core_issue(kshim_current_cpu(), opcode, 0, &r);
  return r.ret;
}

int kshim_core_device_reset(void) {
  u32 enables;
  int ret;

  ret = write_reg_sync(0, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
  if (ret) return ret;
  writeq_relaxed(smmu->cmdq.q.q_base, smmu->base + ARM_SMMU_CMDQ_BASE);
  writel_relaxed(smmu->cmdq.q.llq.prod, smmu->base + ARM_SMMU_CMDQ_PROD);
  writel_relaxed(smmu->cmdq.q.llq.cons, smmu->base + ARM_SMMU_CMDQ_CONS);
  enables = CR0_CMDQEN;
  ret = write_reg_sync(enables, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
  if (ret) return ret;
  /* The initial invalidations go through arm_smmu_get_cmdq (VINTF0 is still off). */
  issue_with_sync(CMDQ_OP_CFGI_ALL);
  if (smmu->features & ARM_SMMU_FEAT_HYP) issue_with_sync(CMDQ_OP_TLBI_EL2_ALL);
  issue_with_sync(CMDQ_OP_TLBI_NSNH_ALL);
  ret = write_reg_sync(IRQ_CTRL_GERROR_IRQEN, ARM_SMMU_IRQ_CTRL, ARM_SMMU_IRQ_CTRLACK);
  if (ret) return ret;
  enables |= CR0_SMMUEN;
  ret = write_reg_sync(enables, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
  if (ret) return ret;
  if (smmu->impl_ops && smmu->impl_ops->device_reset) {
    ret = smmu->impl_ops->device_reset(smmu);
    if (ret) dev_err(smmu->dev, "failed to reset impl\n");
  }
#ifdef KSHIM_API_DEVICE_DISABLE
  /* Registered last so that it unwinds first, while the SMMU CMDQ is still up. */
  if (!ret) ret = devm_add_action_or_reset(smmu->dev, disable_action, smmu);
#endif
  return ret;
}

int kshim_core_cmdqv_active(void) {
  return smmu && (smmu->options & ARM_SMMU_OPT_TEGRA241_CMDQV) ? 1 : 0;
}

int kshim_core_device_refs(void) {
  return kshim_rt_device_refs(CMDQV_COMPANION);
}

/* arm_smmu_get_cmdq: the impl's secondary queue if it offers one, else the SMMU's own. */
#ifdef KSHIM_API_SMMU_CMD
struct arm_smmu_cmdq* kshim_core_get_cmdq(struct arm_smmu_device* s, struct arm_smmu_cmd* ent)
#else
struct arm_smmu_cmdq* kshim_core_get_cmdq(struct arm_smmu_device* s, struct arm_smmu_cmdq_ent* ent)
#endif
{
  struct arm_smmu_cmdq* cmdq = NULL;
  if (s->impl_ops && s->impl_ops->get_secondary_cmdq)
    cmdq = s->impl_ops->get_secondary_cmdq(s, ent);
  return cmdq ? cmdq : &s->cmdq;
}

struct arm_smmu_device* kshim_core_smmu(void) {
  return smmu;
}

void kshim_core_issue(unsigned cpu, unsigned opcode, unsigned long long raw_cmd0,
                      struct kshim_issue_result* out) {
  kshim_rt_set_cpu(cpu);
  kshim_core_issue_on(smmu, opcode, raw_cmd0, out);
}

void kshim_core_gerror(void) {
  u32 gerror = readl_relaxed(smmu->base + ARM_SMMU_GERROR);
  u32 gerrorn = readl_relaxed(smmu->base + ARM_SMMU_GERRORN);
  u32 active = gerror ^ gerrorn;
  if (!active) return;
  if (active & GERROR_CMDQ_ERR) __arm_smmu_cmdq_skip_err(smmu, &smmu->cmdq);
  writel(gerror, smmu->base + ARM_SMMU_GERRORN);
}

void kshim_core_remove(void) {
  if (!smmu) return;
#ifndef KSHIM_API_DEVICE_DISABLE
  write_reg_sync(0, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
#endif
  smmu = NULL;
  kshim_devres_release_all(&smmu_dev);
}
