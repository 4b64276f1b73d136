/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/debugfs.h>: debugfs (compiled out: CONFIG_DEBUG_FS is not modelled). */
#ifndef KSHIM_LINUX_DEBUGFS_H
#define KSHIM_LINUX_DEBUGFS_H
#include <linux/types.h>
struct dentry;
static inline struct dentry* debugfs_create_dir(const char* name, struct dentry* parent) {
  (void)name;
  (void)parent;
  return NULL;
}
static inline void debugfs_create_bool(const char* name, unsigned short mode, struct dentry* parent,
                                       bool* value) {
  (void)name;
  (void)mode;
  (void)parent;
  (void)value;
}
#endif
