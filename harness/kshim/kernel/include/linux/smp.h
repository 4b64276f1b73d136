/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/smp.h>: the CPU the code runs on (chosen by the harness). */
#ifndef KSHIM_LINUX_SMP_H
#define KSHIM_LINUX_SMP_H
#include <kshim/kapi.h>
#define raw_smp_processor_id() ((int)kshim_current_cpu())
#define smp_processor_id() raw_smp_processor_id()
#endif
