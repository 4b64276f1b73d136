/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/bitmap.h>: bitmaps. */
#ifndef KSHIM_LINUX_BITMAP_H
#define KSHIM_LINUX_BITMAP_H
#include <linux/bitops.h>
#include <linux/device.h>
static inline unsigned long* devm_bitmap_zalloc(struct device* dev, unsigned int nbits,
                                                gfp_t flags) {
  return (unsigned long*)devm_kcalloc(dev, BITS_TO_LONGS(nbits), sizeof(unsigned long), flags);
}
#endif
