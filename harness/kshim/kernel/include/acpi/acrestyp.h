/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <acpi/acrestyp.h>: ACPI resource descriptors (the two kinds a CMDQV companion
 * has). */
#ifndef KSHIM_ACPI_ACRESTYP_H
#define KSHIM_ACPI_ACRESTYP_H
#include <linux/types.h>
#define ACPI_RESOURCE_TYPE_ADDRESS64 13
#define ACPI_RESOURCE_TYPE_EXTENDED_IRQ 15
#define ACPI_RESOURCE_TYPE_END_TAG 7
struct acpi_resource_address64 {
  u64 minimum;
  u64 address_length;
};
struct acpi_resource_extended_irq {
  u8 interrupt_count;
  u32 interrupts[1];
};
struct acpi_resource {
  u32 type;
  u32 length;
  union {
    struct acpi_resource_address64 address64;
    struct acpi_resource_extended_irq extended_irq;
  } data;
};
#endif
