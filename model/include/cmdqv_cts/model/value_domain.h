// SPDX-License-Identifier: MIT
// The value domain the model's transition functions are written against.
//
// "One source, two executions": every function that computes a register value or
// takes a decision that depends on one is a template over D. `Concrete` runs it on
// plain integers; a symbolic domain (z3::expr bit-vectors, see properties/) builds
// terms from the same code. Control flow that depends on a value goes through
// D::ite, never through `if` on a D::Word.
#pragma once

#include <cstdint>

namespace cts::model {

struct Concrete {
  using Word = std::uint64_t;  // a register value (32- or 64-bit, zero-extended)
  using Bool = bool;

  static constexpr Word lit(std::uint64_t v) { return v; }
  static constexpr Bool truth(bool b) { return b; }
  static constexpr Word ite(Bool c, Word a, Word b) { return c ? a : b; }
  static constexpr Bool ite_b(Bool c, Bool a, Bool b) { return c ? a : b; }
  static constexpr Bool eq(Word a, Word b) { return a == b; }
  static constexpr Bool ne(Word a, Word b) { return a != b; }
  static constexpr Bool ult(Word a, Word b) { return a < b; }
  static constexpr Bool ule(Word a, Word b) { return a <= b; }
  static constexpr Bool nonzero(Word a) { return a != 0; }
  static constexpr Bool land(Bool a, Bool b) { return a && b; }
  static constexpr Bool lor(Bool a, Bool b) { return a || b; }
  static constexpr Bool lnot(Bool a) { return !a; }
  // Shifts by a value (log2size comes from a register). Shift amounts >= 64 give 0.
  static constexpr Word shl(Word a, Word n) { return n >= 64 ? 0 : a << n; }
  static constexpr Word lshr(Word a, Word n) { return n >= 64 ? 0 : a >> n; }
  static constexpr Word umin(Word a, Word b) { return a < b ? a : b; }
  static constexpr Word umax(Word a, Word b) { return a < b ? b : a; }
  // Decisions the concrete model must take on a concrete value (e.g. which memory
  // address to fetch). A symbolic domain bounds or enumerates these.
  static constexpr bool concrete(Bool b) { return b; }
  static constexpr std::uint64_t concrete_word(Word w) { return w; }
};

}  // namespace cts::model
