// SPDX-License-Identifier: MIT
// Evaluates symbolic terms under a valuation of their free variables (substitution, then
// simplification to a literal): how the agreement tests compare a symbolic result with the
// concrete model's.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "symbolic_domain.h"

namespace cts::proofs {

class Valuation {
 public:
  explicit Valuation(z3::context& ctx) : from_(ctx), to_(ctx) {}

  // A fresh 64-bit variable bound to `value`.
  z3::expr word(const std::string& name, std::uint64_t value) {
    const z3::expr v = Symbolic::var(name);
    bind(v, Symbolic::lit(value));
    return v;
  }
  z3::expr flag(const std::string& name, bool value) {
    const z3::expr v = Symbolic::flag(name);
    bind(v, Symbolic::truth(value));
    return v;
  }
  void bind(const z3::expr& var, const z3::expr& value) {
    from_.push_back(var);
    to_.push_back(value);
  }

  // The literal `e` takes; throws if a free variable is left unbound.
  std::uint64_t eval(const z3::expr& e) const {
    z3::expr term = e;
    const z3::expr s = term.substitute(from_, to_).simplify();
    if (s.is_true()) return 1;
    if (s.is_false()) return 0;
    std::uint64_t v = 0;
    if (s.is_numeral() && s.is_numeral_u64(v)) return v;
    throw std::logic_error("term does not evaluate to a literal: " + s.to_string());
  }
  bool truth(const z3::expr& e) const { return eval(e) != 0; }

 private:
  z3::expr_vector from_, to_;
};

}  // namespace cts::proofs
