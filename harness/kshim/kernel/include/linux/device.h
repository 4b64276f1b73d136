/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/device.h>: devices, references and managed (devres) allocations. */
#ifndef KSHIM_LINUX_DEVICE_H
#define KSHIM_LINUX_DEVICE_H
#include <kshim/kapi.h>
#include <linux/dev_printk.h>
#include <linux/gfp_types.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/types.h>
struct device_node;
struct fwnode_handle;
struct device {
  const char* kshim_name;
  struct device_node* of_node;
  struct fwnode_handle* fwnode;
  void* driver_data;
};
static inline struct device* get_device(struct device* dev) {
  kshim_get_device(dev);
  return dev;
}
static inline void put_device(struct device* dev) {
  kshim_put_device(dev);
}
static inline void* devm_kmalloc(struct device* dev, size_t size, gfp_t gfp) {
  return kshim_devm_kmalloc(dev, size, !!(gfp & __GFP_ZERO));
}
static inline void* devm_kzalloc(struct device* dev, size_t size, gfp_t gfp) {
  (void)gfp;
  return kshim_devm_kmalloc(dev, size, 1);
}
static inline void* devm_kcalloc(struct device* dev, size_t n, size_t size, gfp_t gfp) {
  size_t bytes;
  if (__builtin_mul_overflow(n, size, &bytes)) return NULL;
  return devm_kzalloc(dev, bytes, gfp);
}
static inline void* devm_krealloc(struct device* dev, void* ptr, size_t size, gfp_t gfp) {
  return kshim_devm_krealloc(dev, ptr, size, !!(gfp & __GFP_ZERO));
}
static inline int devm_add_action(struct device* dev, void (*action)(void*), void* data) {
  return kshim_devm_add_action(dev, action, data);
}
/* On failure the action runs at once, as the kernel's helper does. */
static inline int devm_add_action_or_reset(struct device* dev, void (*action)(void*), void* data) {
  int ret = kshim_devm_add_action(dev, action, data);
  if (ret) action(data);
  return ret;
}
static inline void* dev_get_drvdata(const struct device* dev) {
  return dev->driver_data;
}
static inline void dev_set_drvdata(struct device* dev, void* data) {
  dev->driver_data = data;
}
#endif
