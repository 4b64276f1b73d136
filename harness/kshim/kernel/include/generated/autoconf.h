/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <generated/autoconf.h>: the kernel configuration kshim models (an arm64 ACPI
 * server kernel). */
#ifndef KSHIM_GENERATED_AUTOCONF_H
#define KSHIM_GENERATED_AUTOCONF_H
#define CONFIG_64BIT 1
#define CONFIG_SMP 1
#define CONFIG_ACPI 1
#define CONFIG_ARM_SMMU_V3 1
#define CONFIG_TEGRA241_CMDQV 1
/* Not set: CONFIG_IOMMU_DEBUGFS, CONFIG_ARM_SMMU_V3_SVA, CONFIG_KUNIT, CONFIG_CMA_ALIGNMENT. */
#endif
