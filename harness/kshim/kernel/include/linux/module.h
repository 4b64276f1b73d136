/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/module.h>: module metadata (ignored). */
#ifndef KSHIM_LINUX_MODULE_H
#define KSHIM_LINUX_MODULE_H
#include <linux/moduleparam.h>
#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define EXPORT_SYMBOL(x)
#define EXPORT_SYMBOL_GPL(x)
#define MODULE_IMPORT_NS(ns)
#define THIS_MODULE ((void*)0)
#endif
