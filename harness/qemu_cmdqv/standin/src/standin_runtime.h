/* SPDX-License-Identifier: MIT */
/* What the stand-in's pieces share inside one plugin process: the fd handlers QEMU's file
 * registered, the host page it mmap'd, and the log counters. One guest device per process. */
#ifndef CTS_STANDIN_RUNTIME_H
#define CTS_STANDIN_RUNTIME_H

#include "cmdqv_cts/qemu_cmdqv_host.h"
#include "qemu/osdep.h"

struct cts_standin_fd_handler {
  int fd;
  IOHandler* read;
  void* opaque;
};

typedef struct cts_standin {
  const cts_qcmdqv_host_ops* ops;
  void* host;
  void* page0; /* the host VINTF page0 QEMU mmap'd (NULL until then) */
  uint64_t page0_len;
  struct cts_standin_fd_handler fd_handlers[4];
  uint32_t vevent_sequence;
  bool vevent_peeked; /* `peeked` holds the next vEVENT, taken from the host */
  uint64_t peeked[2];
  uint64_t log_unimp, log_guest_error, errors_reported;
  char last_error[256];
} cts_standin;

/* The process's stand-in state (created zeroed on first use). */
cts_standin* cts_standin_state(void);
/* Whether the host has a vEVENT for QEMU to read (the vEVENTQ fd is readable). */
bool cts_standin_vevent_pending(void);
/* Runs the fd read handlers QEMU registered once: one turn of QEMU's main loop. */
void cts_standin_poll_fds(void);

#endif
