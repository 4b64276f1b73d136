/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/types.h>: fixed-width and kernel scalar types (arm64 LP64). */
#ifndef KSHIM_LINUX_TYPES_H
#define KSHIM_LINUX_TYPES_H
#include <linux/stddef.h>
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef s32 __s32;
typedef s64 __s64;
typedef _Bool bool;
typedef long ssize_t;
typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;
typedef u64 __aligned_u64 __attribute__((aligned(8)));
typedef __le64 __aligned_le64 __attribute__((aligned(8)));
typedef u64 dma_addr_t;
typedef u64 phys_addr_t;
typedef phys_addr_t resource_size_t;
typedef unsigned int gfp_t;
typedef u32 ioasid_t;
typedef s64 ktime_t;
typedef struct {
  int counter;
} atomic_t;
typedef struct {
  long counter;
} atomic_long_t;
typedef struct {
  s64 counter;
} atomic64_t;
struct list_head {
  struct list_head *next, *prev;
};
struct hlist_head {
  struct hlist_node* first;
};
struct hlist_node {
  struct hlist_node *next, **pprev;
};
struct rcu_head {
  struct rcu_head* next;
  void (*func)(struct rcu_head* head);
};
#endif
