/* SPDX-License-Identifier: MIT */
/*
 * QEMU's register/field declaration macros (REG32, FIELD, FIELD_EX32, FIELD_DP32, ...),
 * re-implemented from their documented meaning: REG32(R, addr) names A_R (byte offset) and
 * R_R (word index); FIELD(R, F, shift, length) names R_R_F_SHIFT, _LENGTH and _MASK.
 */
#ifndef CTS_HW_REGISTERFIELDS_H
#define CTS_HW_REGISTERFIELDS_H
#include "qemu/osdep.h"

#define REG8(reg, addr) enum { A_##reg = (addr) }; enum { R_##reg = (addr) };
#define REG16(reg, addr) enum { A_##reg = (addr) }; enum { R_##reg = (addr) / 2 };
#define REG32(reg, addr) enum { A_##reg = (addr) }; enum { R_##reg = (addr) / 4 };
#define REG64(reg, addr) enum { A_##reg = (addr) }; enum { R_##reg = (addr) / 8 };

#define FIELD(reg, field, shift, length)                                  \
  enum { R_##reg##_##field##_SHIFT = (shift) };                           \
  enum { R_##reg##_##field##_LENGTH = (length) };                         \
  enum { R_##reg##_##field##_MASK = MAKE_64BIT_MASK(shift, length) };

#define FIELD_EX8(s, reg, field) extract8((s), R_##reg##_##field##_SHIFT, R_##reg##_##field##_LENGTH)
#define FIELD_EX32(s, reg, field) \
  extract32((s), R_##reg##_##field##_SHIFT, R_##reg##_##field##_LENGTH)
#define FIELD_EX64(s, reg, field) \
  extract64((s), R_##reg##_##field##_SHIFT, R_##reg##_##field##_LENGTH)
#define FIELD_SEX32(s, reg, field) \
  sextract32((s), R_##reg##_##field##_SHIFT, R_##reg##_##field##_LENGTH)
#define FIELD_SEX64(s, reg, field) \
  sextract64((s), R_##reg##_##field##_SHIFT, R_##reg##_##field##_LENGTH)
#define FIELD_DP32(s, reg, field, val) \
  deposit32((s), R_##reg##_##field##_SHIFT, R_##reg##_##field##_LENGTH, (val))
#define FIELD_DP64(s, reg, field, val) \
  deposit64((s), R_##reg##_##field##_SHIFT, R_##reg##_##field##_LENGTH, (val))
#define ARRAY_FIELD_EX32(regs, reg, field) FIELD_EX32((regs)[R_##reg], reg, field)
#define ARRAY_FIELD_EX64(regs, reg, field) FIELD_EX64((regs)[R_##reg], reg, field)
#define ARRAY_FIELD_DP32(regs, reg, field, val) \
  ((regs)[R_##reg] = FIELD_DP32((regs)[R_##reg], reg, field, val))
#define ARRAY_FIELD_DP64(regs, reg, field, val) \
  ((regs)[R_##reg] = FIELD_DP64((regs)[R_##reg], reg, field, val))
#endif
