// SPDX-License-Identifier: MIT
// Small helpers shared by the obligation families.
#pragma once

#include <cstdint>
#include <string>

#include "obligation.h"
#include "symbolic_domain.h"

namespace cts::proofs {

using spec::hex;

// A 32-bit access's value: the bits an access of that size carries.
inline z3::expr fits(const z3::expr& w, unsigned size) {
  return size >= 8 ? Symbolic::truth(true) : z3::ule(w, Symbolic::lit(0xFFFFFFFFull));
}

inline SymAccess write_access(spec::View view, std::uint64_t off, unsigned size, const z3::expr& value,
                              std::string what) {
  return {CexAccess::Kind::Write, view, off, size, value, std::move(what)};
}
inline SymAccess read_access(spec::View view, std::uint64_t off, unsigned size, const z3::expr& value,
                             std::string what) {
  return {CexAccess::Kind::Read, view, off, size, value, std::move(what)};
}
inline SymAccess step_access(spec::View view, const z3::expr& outcome, std::string what) {
  return {CexAccess::Kind::Step, view, 0, 0, outcome, std::move(what)};
}

// Is the term unchanged (the same hash-consed AST)? Then every claim about it is unchanged too.
inline bool same(const z3::expr& a, const z3::expr& b) { return z3::eq(a, b); }

}  // namespace cts::proofs
