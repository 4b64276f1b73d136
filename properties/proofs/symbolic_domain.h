// SPDX-License-Identifier: MIT
// The symbolic value domain: the model's value templates instantiated over z3::expr.
//
// `Symbolic` has the static interface of cts::model::Concrete (value_domain.h): register values
// are 64-bit bit-vectors, flags are Booleans, D::ite is Z3's if-then-else. Instantiating a model
// template with it builds the Z3 term of what the concrete model computes, from the same code.
//
// The context: the domain's interface has no context argument (Concrete needs none), so every
// Symbolic operation builds terms in the thread's current z3::context, named by a scope guard:
//
//     z3::context ctx;
//     SymbolicScope scope(ctx);           // Symbolic::lit(...) now builds terms in ctx
//
// Scopes nest (the innermost wins) and are per thread; using Symbolic outside one throws
// SymbolicScopeError. The pointer is the only global of the proofs (a thread_local).
#pragma once

#include <z3++.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace cts::proofs {

// A C++ decision (D::concrete, D::concrete_word) was asked of a value that still holds a free
// variable. Value-dependent control flow must go through D::ite; this is a bug in the caller.
class SymbolicControlFlowError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Symbolic used with no SymbolicScope on this thread.
class SymbolicScopeError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class SymbolicScope {
 public:
  explicit SymbolicScope(z3::context& ctx);
  ~SymbolicScope();
  SymbolicScope(const SymbolicScope&) = delete;
  SymbolicScope& operator=(const SymbolicScope&) = delete;

  // The innermost scope's context; throws SymbolicScopeError if there is none.
  static z3::context& context();

 private:
  z3::context* previous_;
};

struct Symbolic {
  using Word = z3::expr;  // (_ BitVec 64)
  using Bool = z3::expr;  // Bool
  static constexpr unsigned kWidth = 64;

  static Word lit(std::uint64_t v) { return SymbolicScope::context().bv_val(v, kWidth); }
  static Bool truth(bool b) { return SymbolicScope::context().bool_val(b); }
  static Word ite(const Bool& c, const Word& a, const Word& b) { return z3::ite(c, a, b); }
  static Bool ite_b(const Bool& c, const Bool& a, const Bool& b) { return z3::ite(c, a, b); }
  static Bool eq(const Word& a, const Word& b) { return a == b; }
  static Bool ne(const Word& a, const Word& b) { return a != b; }
  static Bool ult(const Word& a, const Word& b) { return z3::ult(a, b); }
  static Bool ule(const Word& a, const Word& b) { return z3::ule(a, b); }
  static Bool nonzero(const Word& a) { return a != lit(0); }
  static Bool land(const Bool& a, const Bool& b) { return a && b; }
  static Bool lor(const Bool& a, const Bool& b) { return a || b; }
  static Bool lnot(const Bool& a) { return !a; }
  // SMT-LIB bvshl/bvlshr give 0 for a shift amount >= 64, as Concrete does.
  static Word shl(const Word& a, const Word& n) { return z3::shl(a, n); }
  static Word lshr(const Word& a, const Word& n) { return z3::lshr(a, n); }
  static Word umin(const Word& a, const Word& b) { return z3::ite(z3::ult(a, b), a, b); }
  static Word umax(const Word& a, const Word& b) { return z3::ite(z3::ult(a, b), b, a); }

  // A decision the model takes in C++. Allowed only on a ground value (no free variable, e.g.
  // the CMDQ_ALLOC map a proof fixes): it is simplified to a literal. A value with a free
  // variable throws SymbolicControlFlowError, naming the term.
  static bool concrete(const Bool& b);
  static std::uint64_t concrete_word(const Word& w);

  // Proof helpers, not part of the domain interface: fresh named variables.
  static Word var(const std::string& name) { return SymbolicScope::context().bv_const(name.c_str(), kWidth); }
  static Bool flag(const std::string& name) { return SymbolicScope::context().bool_const(name.c_str()); }
};

}  // namespace cts::proofs
