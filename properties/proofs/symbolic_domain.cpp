// SPDX-License-Identifier: MIT
// Symbolic domain: the per-thread context scope and the C++ decisions on ground values.
#include "symbolic_domain.h"

#include <sstream>

namespace cts::proofs {
namespace {

thread_local z3::context* t_context = nullptr;

std::string shown(const z3::expr& e) {
  std::ostringstream os;
  os << e;
  std::string s = os.str();
  constexpr std::size_t kMax = 160;
  return s.size() > kMax ? s.substr(0, kMax) + " ..." : s;
}

}  // namespace

SymbolicScope::SymbolicScope(z3::context& ctx) : previous_(t_context) { t_context = &ctx; }
SymbolicScope::~SymbolicScope() { t_context = previous_; }

z3::context& SymbolicScope::context() {
  if (!t_context) throw SymbolicScopeError("cts::proofs::Symbolic used outside a SymbolicScope");
  return *t_context;
}

bool Symbolic::concrete(const Bool& b) {
  const z3::expr s = b.simplify();
  if (s.is_true()) return true;
  if (s.is_false()) return false;
  throw SymbolicControlFlowError("control flow on a symbolic Bool (use D::ite_b/D::ite): " + shown(b));
}

std::uint64_t Symbolic::concrete_word(const Word& w) {
  const z3::expr s = w.simplify();
  std::uint64_t v = 0;
  if (s.is_numeral() && s.is_numeral_u64(v)) return v;
  throw SymbolicControlFlowError("control flow on a symbolic Word (use D::ite): " + shown(w));
}

}  // namespace cts::proofs
