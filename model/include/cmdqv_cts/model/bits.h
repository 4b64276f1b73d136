// SPDX-License-Identifier: MIT
// Compile-time field descriptors, the C++20 form of Linux's GENMASK/FIELD_GET/FIELD_PREP.
// A field is declared once (msb, lsb); its mask, shift and the value checks derive from it.
#pragma once

#include <cstdint>

namespace cts::model {

template <unsigned Msb, unsigned Lsb>
struct Bits {
  static_assert(Msb >= Lsb, "field msb below lsb");
  static_assert(Msb < 64, "field beyond a 64-bit register");
  static constexpr unsigned lsb = Lsb;
  static constexpr unsigned width = Msb - Lsb + 1;
  static constexpr std::uint64_t max = width == 64 ? ~0ull : ((1ull << width) - 1);
  static constexpr std::uint64_t mask = max << Lsb;

  template <class D>
  static typename D::Word get(const typename D::Word& reg) {
    return D::lshr(reg & D::lit(mask), D::lit(Lsb));
  }
  template <class D>
  static typename D::Word set(const typename D::Word& reg, const typename D::Word& v) {
    return (reg & D::lit(~mask)) | (D::shl(v, D::lit(Lsb)) & D::lit(mask));
  }
  // FIELD_PREP for constants: refuses at compile time a value that does not fit.
  static consteval std::uint64_t prep(std::uint64_t v) {
    if (v > max) throw "value does not fit the field";
    return v << Lsb;
  }
  static constexpr std::uint64_t get(std::uint64_t reg) { return (reg & mask) >> Lsb; }
};

template <unsigned N>
using Bit = Bits<N, N>;

}  // namespace cts::model
