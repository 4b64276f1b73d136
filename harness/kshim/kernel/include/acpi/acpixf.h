/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <acpi/acpixf.h>: ACPICA external interfaces (none used by the driver beyond
 * the types). */
#ifndef KSHIM_ACPI_ACPIXF_H
#define KSHIM_ACPI_ACPIXF_H
#include <acpi/acrestyp.h>
#endif
