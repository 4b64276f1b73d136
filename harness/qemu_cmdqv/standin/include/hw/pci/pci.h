/* SPDX-License-Identifier: MIT */
/* Stand-in for QEMU's hw/pci/pci.h: everything it declares is in qemu/osdep.h (see qemu/cts_types.h). */
#ifndef CTS_HW_PCI_PCI_H
#define CTS_HW_PCI_PCI_H
#include "qemu/osdep.h"
#endif
