/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/rbtree_types.h>: red-black tree nodes (layout). */
#ifndef KSHIM_LINUX_RBTREE_TYPES_H
#define KSHIM_LINUX_RBTREE_TYPES_H
struct rb_node {
  unsigned long parent_color;
  struct rb_node *right, *left;
};
struct rb_root {
  struct rb_node* rb_node;
};
#endif
