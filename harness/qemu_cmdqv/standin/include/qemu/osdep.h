/* SPDX-License-Identifier: MIT */
/*
 * cmdqv-cts stand-in for QEMU's qemu/osdep.h: the C library, the GLib subset and the small
 * utilities a QEMU device file expects to find after its first include. Clean-room, written
 * from the documented behaviour of each name. Everything a tree's file may need is reachable
 * from here, so that versions of the file that include fewer headers still compile.
 */
#ifndef CTS_QEMU_OSDEP_H
#define CTS_QEMU_OSDEP_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* as QEMU's build defines it */
#endif
#define CONFIG_LINUX 1

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "qemu/cts_glib.h"
#include "qemu/cts_bitops.h"
#include "qemu/cts_queue.h"
#include "qemu/cts_types.h"

#endif
