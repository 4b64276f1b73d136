/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/moduleparam.h>: module parameters, recorded so the harness can set them
 * by name. */
#ifndef KSHIM_LINUX_MODULEPARAM_H
#define KSHIM_LINUX_MODULEPARAM_H
#include <kshim/kapi.h>
#include <linux/types.h>
/* Each module_param() leaves a record in section kshim_params; the harness finds it by name. */
#define module_param(name, type, perm)                                      \
  static const struct kshim_module_param kshim_param_##name __attribute__(( \
      used, section("kshim_params"), aligned(sizeof(void*)))) = {#name, &name, sizeof(name)}
#define MODULE_PARM_DESC(name, desc)
#endif
