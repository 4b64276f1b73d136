/* SPDX-License-Identifier: MIT */
/* kshim stand-in for <linux/bitfield.h>: FIELD_PREP/FIELD_GET over a mask, and the *_replace_bits
 * helpers. */
#ifndef KSHIM_LINUX_BITFIELD_H
#define KSHIM_LINUX_BITFIELD_H
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/types.h>
/* A field's shift is the position of its mask's lowest set bit. */
#define KSHIM_FIELD_SHIFT(mask) (__builtin_ctzll((unsigned long long)(mask)))
#define FIELD_PREP(mask, val) \
  ((__typeof__(mask))(((__typeof__(mask))(val) << KSHIM_FIELD_SHIFT(mask)) & (mask)))
#define FIELD_GET(mask, reg) ((__typeof__(mask))(((reg) & (mask)) >> KSHIM_FIELD_SHIFT(mask)))
#define FIELD_FIT(mask, val) (!((((__typeof__(mask))(val)) << KSHIM_FIELD_SHIFT(mask)) & ~(mask)))
#define FIELD_MAX(mask) ((__typeof__(mask))((mask) >> KSHIM_FIELD_SHIFT(mask)))
static inline u64 u64_encode_bits(u64 v, u64 field) {
  return (v << KSHIM_FIELD_SHIFT(field)) & field;
}
static inline u64 u64_get_bits(u64 v, u64 field) {
  return (v & field) >> KSHIM_FIELD_SHIFT(field);
}
static inline void u64p_replace_bits(u64* p, u64 val, u64 field) {
  *p = (*p & ~field) | u64_encode_bits(val, field);
}
static inline u32 u32_encode_bits(u32 v, u32 field) {
  return (v << KSHIM_FIELD_SHIFT(field)) & field;
}
static inline void u32p_replace_bits(u32* p, u32 val, u32 field) {
  *p = (*p & ~field) | u32_encode_bits(val, field);
}
static inline __le64 le64_encode_bits(u64 v, u64 field) {
  return u64_encode_bits(v, field);
}
#endif
