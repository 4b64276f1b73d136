/* SPDX-License-Identifier: MIT */
/*
 * The host behind QEMU's Tegra241 CMDQV file, as the qemu-cmdqv backend's stand-in sees it.
 *
 * The stand-in (compiled per QEMU tree into a plugin, standin/) finds these operations at
 * create() time through the one symbol the cmdqv-cts program exports,
 * cts_qemu_cmdqv_host(); the harness side (src/host_bridge.cpp) emulates what the kernel's
 * iommufd and tegra241-cmdqv driver do for a VMM, on a host-view CMDQV device of the suite,
 * and serves the guest's SMMU page from the reference model. Plain C: both sides use it.
 *
 * Every call returns 0 or a negative errno, as the kernel's ioctls do.
 */
#ifndef CMDQV_CTS_QEMU_CMDQV_HOST_H
#define CMDQV_CTS_QEMU_CMDQV_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "cmdqv_cts/device.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CTS_QCMDQV_HOST_VERSION 1
#define CTS_QCMDQV_HOST_SYMBOL "cts_qemu_cmdqv_host"

typedef struct cts_qcmdqv_host_ops {
  uint32_t version; /* CTS_QCMDQV_HOST_VERSION */
  /* Opens the host for one guest device: `host_spec` is a device string of the suite (opened in
   * the cmdqv-host profile; kept open and reset between guests), `fail_hw_queue` the HW queue
   * allocations that fail ("" none, "all", or N: the Nth of each guest, from 1), `guest` the
   * guest's RAM and IRQ lines. NULL with a one-line reason in err on failure. */
  void* (*open)(const char* host_spec, const char* fail_hw_queue, const cts_host* guest, char* err,
                size_t errlen);
  void (*close)(void* h);
  /* Opens the guest's SMMU page (the reference model, guest view) with IDR1.CMDQS = cmdqs. */
  int (*smmu_open)(void* h, uint32_t cmdqs);
  int (*smmu_read)(void* h, uint64_t off, uint32_t size, uint64_t* val);
  int (*smmu_write)(void* h, uint64_t off, uint32_t size, uint64_t val);
  /* IOMMU_GET_HW_INFO type TEGRA241_CMDQV. */
  int (*hw_info)(void* h, uint32_t* version, uint8_t* log2vcmdqs, uint8_t* log2vsids);
  /* IOMMU_VIOMMU_ALLOC type TEGRA241_CMDQV: a VINTF with HYP_OWN = 0. */
  int (*alloc_viommu)(void* h, uint32_t* viommu_id, uint64_t* mmap_offset);
  int (*alloc_veventq)(void* h, uint32_t viommu_id, uint32_t type, uint32_t* veventq_id);
  /* IOMMU_HW_QUEUE_ALLOC type TEGRA241_CMDQV, with the kernel's checks in the kernel's order. */
  int (*alloc_hw_queue)(void* h, uint32_t viommu_id, uint32_t type, uint32_t index, uint64_t addr,
                        uint64_t length, uint32_t* hw_queue_id);
  int (*free_id)(void* h, uint32_t id);
  /* The host VINTF page0 of the vIOMMU (what the mmap maps): offsets within the 64 KiB page. */
  int (*page0_read)(void* h, uint32_t off, uint32_t size, uint64_t* val);
  int (*page0_write)(void* h, uint32_t off, uint32_t size, uint64_t val);
  uint32_t (*page0_slots)(void* h); /* LVCMDQ slots in the page (host LVCMDQs per VINTF) */
  /* Progress: the host device and the guest SMMU page run; host errors become vEVENTs. */
  void (*run)(void* h);
  /* Takes the oldest pending vEVENT of type TEGRA241_CMDQV: 1 = one taken, 0 = none. */
  int (*next_vevent)(void* h, uint64_t lvcmdq_err_map[2]);
  /* One line: what the host did (allocations, frees, routed page0 accesses). */
  const char* (*summary)(void* h);
} cts_qcmdqv_host_ops;

const cts_qcmdqv_host_ops* cts_qemu_cmdqv_host(void);

#ifdef __cplusplus
}
#endif

#endif /* CMDQV_CTS_QEMU_CMDQV_HOST_H */
