/* SPDX-License-Identifier: MIT */
/* Bit utilities (QEMU's qemu/bitops.h and qemu/host-utils.h names): extract/deposit, masks. */
#ifndef CTS_QEMU_BITOPS_H
#define CTS_QEMU_BITOPS_H

#include <stdint.h>

#define BIT(n) (1UL << (n))
#define BIT_ULL(n) (1ULL << (n))
#define MAKE_64BIT_MASK(shift, length) (((~0ULL) >> (64 - (length))) << (shift))
#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define QEMU_ALIGN_DOWN(n, m) ((n) / (m) * (m))
#define QEMU_ALIGN_UP(n, m) QEMU_ALIGN_DOWN((n) + (m) - 1, (m))
#define QEMU_IS_ALIGNED(n, m) (((n) % (m)) == 0)
#define QEMU_BUILD_BUG_ON(x) _Static_assert(!(x), #x)
#define QEMU_PACKED __attribute__((packed))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

static inline uint32_t extract32(uint32_t value, int start, int length) {
  return (value >> start) & (uint32_t)(~0U >> (32 - length));
}
static inline uint64_t extract64(uint64_t value, int start, int length) {
  return (value >> start) & (~0ULL >> (64 - length));
}
static inline int32_t sextract32(uint32_t value, int start, int length) {
  return ((int32_t)(value << (32 - length - start))) >> (32 - length);
}
static inline int64_t sextract64(uint64_t value, int start, int length) {
  return ((int64_t)(value << (64 - length - start))) >> (64 - length);
}
static inline uint32_t deposit32(uint32_t value, int start, int length, uint32_t field) {
  const uint32_t mask = (~0U >> (32 - length)) << start;
  return (value & ~mask) | ((field << start) & mask);
}
static inline uint64_t deposit64(uint64_t value, int start, int length, uint64_t field) {
  const uint64_t mask = (~0ULL >> (64 - length)) << start;
  return (value & ~mask) | ((field << start) & mask);
}
static inline int ctz32(uint32_t v) { return v ? __builtin_ctz(v) : 32; }
static inline int ctz64(uint64_t v) { return v ? __builtin_ctzll(v) : 64; }
static inline int clz32(uint32_t v) { return v ? __builtin_clz(v) : 32; }
static inline int clz64(uint64_t v) { return v ? __builtin_clzll(v) : 64; }
static inline int ctpop32(uint32_t v) { return __builtin_popcount(v); }
static inline int ctpop64(uint64_t v) { return __builtin_popcountll(v); }
static inline bool is_power_of_2(uint64_t v) { return v && !(v & (v - 1)); }

#endif
