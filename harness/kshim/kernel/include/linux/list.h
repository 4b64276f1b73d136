/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/list.h>: doubly linked lists. */
#ifndef KSHIM_LINUX_LIST_H
#define KSHIM_LINUX_LIST_H
#include <linux/container_of.h>
#include <linux/types.h>
#define LIST_HEAD_INIT(name) \
  { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
static inline void INIT_LIST_HEAD(struct list_head* l) {
  l->next = l;
  l->prev = l;
}
static inline void kshim_list_link(struct list_head* n, struct list_head* prev,
                                   struct list_head* next) {
  next->prev = n;
  n->next = next;
  n->prev = prev;
  prev->next = n;
}
static inline void list_add(struct list_head* n, struct list_head* head) {
  kshim_list_link(n, head, head->next);
}
static inline void list_add_tail(struct list_head* n, struct list_head* head) {
  kshim_list_link(n, head->prev, head);
}
static inline void list_del(struct list_head* e) {
  e->next->prev = e->prev;
  e->prev->next = e->next;
  e->next = NULL;
  e->prev = NULL;
}
static inline int list_empty(const struct list_head* head) {
  return head->next == head;
}
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_first_entry_or_null(ptr, type, member) \
  (list_empty(ptr) ? NULL : list_first_entry(ptr, type, member))
#define list_next_entry(pos, member) list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_for_each_entry(pos, head, member)                                         \
  for (pos = list_first_entry(head, __typeof__(*pos), member); &pos->member != (head); \
       pos = list_next_entry(pos, member))
#define list_for_each_entry_safe(pos, n, head, member)                                           \
  for (pos = list_first_entry(head, __typeof__(*pos), member), n = list_next_entry(pos, member); \
       &pos->member != (head); pos = n, n = list_next_entry(n, member))
#endif
