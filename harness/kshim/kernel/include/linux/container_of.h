/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/container_of.h>: the enclosing structure of a member. */
#ifndef KSHIM_LINUX_CONTAINER_OF_H
#define KSHIM_LINUX_CONTAINER_OF_H
#include <linux/stddef.h>
#define container_of(ptr, type, member) ((type*)((char*)(ptr)-offsetof(type, member)))
#endif
