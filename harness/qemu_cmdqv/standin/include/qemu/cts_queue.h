/* SPDX-License-Identifier: MIT */
/* The list macros of QEMU's qemu/queue.h that device headers declare members with. */
#ifndef CTS_QEMU_QUEUE_H
#define CTS_QEMU_QUEUE_H

#define QLIST_HEAD(name, type) \
  struct name {                \
    struct type *lh_first;     \
  }
#define QLIST_ENTRY(type)   \
  struct {                  \
    struct type *le_next;   \
    struct type **le_prev;  \
  }
#define QLIST_INIT(head) ((head)->lh_first = NULL)
#define QLIST_FIRST(head) ((head)->lh_first)
#define QLIST_EMPTY(head) ((head)->lh_first == NULL)
#define QTAILQ_HEAD(name, type) \
  struct name {                 \
    struct type *tqh_first;     \
    struct type **tqh_last;     \
  }
#define QTAILQ_ENTRY(type)   \
  struct {                   \
    struct type *tqe_next;   \
    struct type **tqe_prev;  \
  }
#define QSIMPLEQ_HEAD(name, type) \
  struct name {                   \
    struct type *sqh_first;       \
    struct type **sqh_last;       \
  }
#define QSIMPLEQ_ENTRY(type) \
  struct {                   \
    struct type *sqe_next;   \
  }

#endif
