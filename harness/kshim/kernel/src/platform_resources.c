// SPDX-License-Identifier: MIT
// The CMDQV companion's resources as a platform device offers them (7.x probes it that way):
// MMIO resource 0 and the optional interrupt 0, from the same firmware data as the ACPI walk.
#include <linux/errno.h>
#include <linux/platform_device.h>

static struct resource mem_resource;

struct resource* platform_get_resource(struct platform_device* pdev, unsigned int type,
                                       unsigned int num) {
  unsigned long long start, size;
  int irq;
  if (type != IORESOURCE_MEM || num != 0) return NULL;
  if (kshim_acpi_cmdqv_resources(pdev, &start, &size, &irq) != 0) return NULL;
  mem_resource.start = start;
  mem_resource.end = start + size - 1;
  mem_resource.flags = IORESOURCE_MEM;
  mem_resource.name = "tegra241-cmdqv";
  return &mem_resource;
}

int platform_get_irq_optional(struct platform_device* pdev, unsigned int num) {
  unsigned long long start, size;
  int irq;
  if (num != 0 || kshim_acpi_cmdqv_resources(pdev, &start, &size, &irq) != 0 || irq <= 0)
    return -ENXIO;
  return irq;
}
