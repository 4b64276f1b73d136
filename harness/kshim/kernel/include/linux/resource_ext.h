/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/resource_ext.h>: resource list entries. */
#ifndef KSHIM_LINUX_RESOURCE_EXT_H
#define KSHIM_LINUX_RESOURCE_EXT_H
#include <linux/ioport.h>
#include <linux/list.h>
struct resource_win {
  struct resource res;
  resource_size_t offset;
};
struct resource_entry {
  struct list_head node;
  struct resource* res;
  resource_size_t offset;
  struct resource __res;
};
#endif
