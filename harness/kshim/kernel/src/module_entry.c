// SPDX-License-Identifier: MIT
// The one symbol a built module exports: its table for the harness (kshim/module.h).
#include <linux/compiler.h>

#include "kshim/runtime_control.h"
#include "kshim_core.h"

#ifndef KSHIM_KERNEL_RELEASE
#define KSHIM_KERNEL_RELEASE "unknown"
#endif

void kshim_module_reset(void) {
  kshim_rt_reset();
  kshim_iommufd_reset();
}

static const struct kshim_module table = {
    .abi_version = KSHIM_MODULE_ABI_VERSION,
    .kernel_release = KSHIM_KERNEL_RELEASE,
    .configure = kshim_rt_configure,
    .set_param = kshim_rt_set_param,
    .set_cpu = kshim_rt_set_cpu,
    .raise_irq = kshim_rt_raise_irq,
    .irq_requested = kshim_rt_irq_requested,
    .event_count = kshim_rt_event_count,
    .live_allocations = kshim_rt_live_allocations,
    .live_mappings = kshim_rt_live_mappings,
    .device_refs = kshim_core_device_refs,
    .reset = kshim_module_reset,
    .probe = kshim_core_probe,
    .init_structures = kshim_core_init_structures,
    .device_reset = kshim_core_device_reset,
    .cmdqv_active = kshim_core_cmdqv_active,
    .issue = kshim_core_issue,
    .smmu_gerror = kshim_core_gerror,
    .remove = kshim_core_remove,
    .iommufd_supported = kshim_core_iommufd_supported,
    .viommu_alloc = kshim_core_viommu_alloc,
    .viommu_destroy = kshim_core_viommu_destroy,
    .hw_queue_alloc = kshim_core_hw_queue_alloc,
    .hw_queue_destroy = kshim_core_hw_queue_destroy,
    .mmap_target = kshim_core_mmap_target,
    .vevent_pop = kshim_core_vevent_pop,
};

__attribute__((visibility("default"))) const struct kshim_module* kshim_module_table(void) {
  return &table;
}
