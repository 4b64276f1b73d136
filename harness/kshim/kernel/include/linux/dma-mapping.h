/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/dma-mapping.h>: coherent DMA memory (device-managed), mirrored to the
 * device. */
#ifndef KSHIM_LINUX_DMA_MAPPING_H
#define KSHIM_LINUX_DMA_MAPPING_H
#include <kshim/kapi.h>
#include <linux/device.h>
#include <linux/types.h>
static inline void* dmam_alloc_coherent(struct device* dev, size_t size, dma_addr_t* dma,
                                        gfp_t gfp) {
  (void)gfp;
  return kshim_dmam_alloc_coherent(dev, size, dma);
}
#endif
