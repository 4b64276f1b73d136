/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/io.h>: MMIO accessors routed to the device under test, and ioremap. */
#ifndef KSHIM_LINUX_IO_H
#define KSHIM_LINUX_IO_H
#include <asm/barrier.h>
#include <kshim/kapi.h>
#include <linux/types.h>
/* Macros, not functions, so that the runtime sees the driver function as the caller. */
#define readl_relaxed(addr) ((u32)kshim_mmio_read((addr), 4))
#define readq_relaxed(addr) ((u64)kshim_mmio_read((addr), 8))
#define writel_relaxed(val, addr) kshim_mmio_write((addr), 4, (u32)(val))
#define writeq_relaxed(val, addr) kshim_mmio_write((addr), 8, (u64)(val))
#define readl(addr) readl_relaxed(addr)
#define readq(addr) readq_relaxed(addr)
#define writel(val, addr) writel_relaxed(val, addr)
#define writeq(val, addr) writeq_relaxed(val, addr)
#define ioremap(phys, size) kshim_ioremap((phys), (size))
#define iounmap(addr) kshim_iounmap(addr)
#endif
