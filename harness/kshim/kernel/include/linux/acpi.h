/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/acpi.h>: ACPI companion devices and their resources. */
#ifndef KSHIM_LINUX_ACPI_H
#define KSHIM_LINUX_ACPI_H
#include <acpi/acrestyp.h>
#include <linux/container_of.h>
#include <linux/device.h>
#include <linux/resource_ext.h>
struct acpi_device {
  struct device dev;
  const char* kshim_hid;
};
#define to_acpi_device(d) container_of(d, struct acpi_device, dev)
/* Walks the companion's resources; preproc > 0 skips one, 0 adds it to list, < 0 aborts. */
int acpi_dev_get_resources(struct acpi_device* adev, struct list_head* list,
                           int (*preproc)(struct acpi_resource*, void*), void* preproc_data);
void acpi_dev_free_resource_list(struct list_head* list);
bool acpi_dev_resource_address_space(struct acpi_resource* ares, struct resource_win* win);
bool acpi_dev_resource_interrupt(struct acpi_resource* ares, int index, struct resource* res);
#endif
