/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/errno.h>: error numbers (the Linux values). */
#ifndef KSHIM_LINUX_ERRNO_H
#define KSHIM_LINUX_ERRNO_H
#define EPERM 1
#define ENOENT 2
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define EOVERFLOW 75
#define ERANGE 34
#define EOPNOTSUPP 95
#define ETIMEDOUT 110
#define EPROBE_DEFER 517
#endif
