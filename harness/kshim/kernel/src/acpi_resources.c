// SPDX-License-Identifier: MIT
// The ACPI resource walk as documented for drivers (include/linux/acpi.h kernel-doc): the
// companion's _CRS resources are offered to preproc one by one; a positive return skips one,
// zero converts it into a resource_entry on the list, a negative return aborts the walk. The
// CMDQV companion has one QWord memory window and, optionally, one extended interrupt.
#include <linux/acpi.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>

const char* dev_name(const struct device* dev) {
  if (!dev) return "(NULL device *)";
  return dev->kshim_name ? dev->kshim_name : "";
}

static int add_entry(struct list_head* list, const struct resource* res) {
  struct resource_entry* e = kzalloc(sizeof(*e), GFP_KERNEL);
  if (!e) return -ENOMEM;
  e->__res = *res;
  e->res = &e->__res;
  list_add_tail(&e->node, list);
  return 0;
}

bool acpi_dev_resource_address_space(struct acpi_resource* ares, struct resource_win* win) {
  if (ares->type != ACPI_RESOURCE_TYPE_ADDRESS64) return false;
  win->res.start = ares->data.address64.minimum;
  win->res.end = ares->data.address64.minimum + ares->data.address64.address_length - 1;
  win->res.flags = IORESOURCE_MEM;
  win->offset = 0;
  return true;
}

bool acpi_dev_resource_interrupt(struct acpi_resource* ares, int index, struct resource* res) {
  if (ares->type != ACPI_RESOURCE_TYPE_EXTENDED_IRQ ||
      index >= ares->data.extended_irq.interrupt_count)
    return false;
  res->start = ares->data.extended_irq.interrupts[index];
  res->end = res->start;
  res->flags = IORESOURCE_IRQ;
  return true;
}

int acpi_dev_get_resources(struct acpi_device* adev, struct list_head* list,
                           int (*preproc)(struct acpi_resource*, void*), void* preproc_data) {
  struct acpi_resource crs[2];
  unsigned long long start, size;
  int irq, n = 0, count = 0, i;

  if (kshim_acpi_cmdqv_resources(adev, &start, &size, &irq) != 0) return -ENODEV;
  crs[n].type = ACPI_RESOURCE_TYPE_ADDRESS64;
  crs[n].length = sizeof(crs[n]);
  crs[n].data.address64.minimum = start;
  crs[n].data.address64.address_length = size;
  n++;
  if (irq > 0) {
    crs[n].type = ACPI_RESOURCE_TYPE_EXTENDED_IRQ;
    crs[n].length = sizeof(crs[n]);
    crs[n].data.extended_irq.interrupt_count = 1;
    crs[n].data.extended_irq.interrupts[0] = (u32)irq;
    n++;
  }
  for (i = 0; i < n; i++) {
    struct resource_win win = {0};
    struct resource r = {0};
    int ret = preproc ? preproc(&crs[i], preproc_data) : 0;
    if (ret < 0) return ret;
    if (ret > 0) continue;
    if (acpi_dev_resource_address_space(&crs[i], &win)) {
      r = win.res;
    } else if (!acpi_dev_resource_interrupt(&crs[i], 0, &r)) {
      continue;
    }
    ret = add_entry(list, &r);
    if (ret) return ret;
    count++;
  }
  return count;
}

void acpi_dev_free_resource_list(struct list_head* list) {
  struct resource_entry *e, *tmp;
  list_for_each_entry_safe(e, tmp, list, node) {
    list_del(&e->node);
    kfree(e);
  }
}
