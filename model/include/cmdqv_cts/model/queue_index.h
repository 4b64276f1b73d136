// SPDX-License-Identifier: MIT
// SMMUv3 queue index arithmetic (Arm IHI 0070 G.b 3.5.1, 6.3.26-6.3.28; clauses Q-1..Q-3).
// A pointer is (wrap | index) in its low log2size+1 bits; VCMDQs use the same encoding.
// Every function is a template over the value domain D so that proofs run this code.
#pragma once

#include "cmdqv_cts/model/value_domain.h"

namespace cts::model::queue {

// n = 2^log2size entries.
template <class D>
typename D::Word entries(const typename D::Word& log2size) {
  return D::shl(D::lit(1), log2size);
}
// index = p & (n - 1).
template <class D>
typename D::Word index(const typename D::Word& p, const typename D::Word& log2size) {
  return p & (entries<D>(log2size) - D::lit(1));
}
// wrap = bit log2size of p (returned in place, i.e. as p & n).
template <class D>
typename D::Word wrap(const typename D::Word& p, const typename D::Word& log2size) {
  return p & entries<D>(log2size);
}
// (wrap | index): the part of a pointer the queue logic looks at.
template <class D>
typename D::Word wrap_index(const typename D::Word& p, const typename D::Word& log2size) {
  return p & (D::shl(D::lit(2), log2size) - D::lit(1));
}
//
template <class D>
typename D::Bool empty(const typename D::Word& prod, const typename D::Word& cons,
                       const typename D::Word& log2size) {
  return D::eq(wrap_index<D>(prod, log2size), wrap_index<D>(cons, log2size));
}
template <class D>
typename D::Bool full(const typename D::Word& prod, const typename D::Word& cons,
                      const typename D::Word& log2size) {
  return D::land(D::eq(index<D>(prod, log2size), index<D>(cons, log2size)),
                 D::ne(wrap<D>(prod, log2size), wrap<D>(cons, log2size)));
}
// Entries between cons and prod (0..n).
template <class D>
typename D::Word used(const typename D::Word& prod, const typename D::Word& cons,
                      const typename D::Word& log2size) {
  typename D::Word span = D::shl(D::lit(2), log2size) - D::lit(1);
  return ((prod & span) - (cons & span)) & span;
}
// free slots = n - used.
template <class D>
typename D::Word space(const typename D::Word& prod, const typename D::Word& cons,
                       const typename D::Word& log2size) {
  return entries<D>(log2size) - used<D>(prod, cons, log2size);
}
// advance by k modulo 2n; bits above the wrap bit are kept (PROD may store them).
template <class D>
typename D::Word advance(const typename D::Word& p, const typename D::Word& k,
                         const typename D::Word& log2size) {
  typename D::Word span = D::shl(D::lit(2), log2size) - D::lit(1);
  return (p & ~span) | ((p + k) & span);
}
// Has entry `entry` (a pointer with wrap) been consumed by `cons`?
template <class D>
typename D::Bool consumed(const typename D::Word& cons, const typename D::Word& entry,
                          const typename D::Word& log2size) {
  typename D::Bool same_wrap = D::eq(wrap<D>(cons, log2size), wrap<D>(entry, log2size));
  typename D::Word ci = index<D>(cons, log2size);
  typename D::Word ei = index<D>(entry, log2size);
  return D::ite_b(same_wrap, D::ult(ei, ci), D::ule(ci, ei));
}
// the log2size in effect, capped at the implementation's maximum.
template <class D>
typename D::Word effective_log2size(const typename D::Word& field, const typename D::Word& max) {
  return D::umin(field, max);
}
// the base in effect is aligned to max(queue bytes, 32).
template <class D>
typename D::Word effective_base(const typename D::Word& addr, const typename D::Word& log2size) {
  typename D::Word bytes = D::umax(D::shl(D::lit(16), log2size), D::lit(32));
  return addr & ~(bytes - D::lit(1));
}
// address of the entry `p` points at.
template <class D>
typename D::Word entry_address(const typename D::Word& base, const typename D::Word& p,
                               const typename D::Word& log2size) {
  return base + D::shl(index<D>(p, log2size), D::lit(4));
}

}  // namespace cts::model::queue
