/* SPDX-License-Identifier: MIT */
/* The Arm SMMU property enums QEMU's QAPI generates; values are not used by the stand-in. */
#ifndef CTS_QAPI_TYPES_MISC_ARM_H
#define CTS_QAPI_TYPES_MISC_ARM_H
#include "qemu/osdep.h"
typedef enum OasMode { OAS_MODE_AUTO, OAS_MODE_44, OAS_MODE_48, OAS_MODE__MAX } OasMode;
typedef enum SsidSizeMode { SSID_SIZE_MODE_AUTO, SSID_SIZE_MODE__MAX } SsidSizeMode;
#endif
