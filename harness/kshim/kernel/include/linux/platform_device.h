/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/platform_device.h>: the CMDQV companion as a platform device (7.x
 * probes it this way); its resources come from the same ACPI data as the 6.12 walk
 * (kernel/src/platform_resources.c). */
#ifndef KSHIM_LINUX_PLATFORM_DEVICE_H
#define KSHIM_LINUX_PLATFORM_DEVICE_H
#include <linux/container_of.h>
#include <linux/device.h>
#include <linux/ioport.h>
struct platform_device {
  struct device dev;
  const char* name;
  int id;
  u32 num_resources;
  struct resource* resource;
};
#define to_platform_device(x) container_of((x), struct platform_device, dev)
struct resource* platform_get_resource(struct platform_device* pdev, unsigned int type,
                                       unsigned int num);
int platform_get_irq_optional(struct platform_device* pdev, unsigned int num);
static inline void* platform_get_drvdata(const struct platform_device* pdev) {
  return dev_get_drvdata(&pdev->dev);
}
static inline void platform_set_drvdata(struct platform_device* pdev, void* data) {
  dev_set_drvdata(&pdev->dev, data);
}
#endif
