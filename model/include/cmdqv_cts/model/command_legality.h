// SPDX-License-Identifier: MIT
// Command legality over a value domain: the per-opcode rules of spec/commands.yaml (the table
// CommandRules holds) evaluated with D operations, folded over all 256 opcodes with D::ite so
// that a symbolic dword0 yields one term. Features and policy are D::Bool too, so a proof covers
// every SMMU feature set and every permitted model policy at once.
//
// CommandRules (commands.cpp) is the evaluator the device models call on concrete commands; the
// agreement test in properties/proofs checks, exhaustively over opcode, the dword fields the rules
// read, every feature set and hyp_own, that vcmdq_error_code<Concrete> equals
// CommandRules::vcmdq_error, and that the symbolic instantiation evaluates to the same codes.
#pragma once

#include <cstdint>

#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/value_domain.h"

namespace cts::model {

// SMMU features (IDR0/IDR3) as D::Bool.
template <class D>
struct FeatureBits {
  typename D::Bool s1p, s2p, hyp, ats, pri, stall, mpam, dpt;
  static FeatureBits of(const Features& f) {
    return {D::truth(f.s1p), D::truth(f.s2p), D::truth(f.hyp),  D::truth(f.ats),
            D::truth(f.pri), D::truth(f.stall), D::truth(f.mpam), D::truth(f.dpt)};
  }
};

// The model's choices where the spec permits several outcomes (ModelPolicy), as D values.
template <class D>
struct PolicyBits {
  typename D::Bool guest_accepts_disputed;  // CMD-8
  typename D::Word guest_reject_code;       // CMD-7 / ERR-9
  typename D::Bool impl_defined_ill;        // CMD-9
  typename D::Bool guest_atc_inv_without_ats;  // CMD-6: ATC_INV on a HYP_OWN=0 VCMDQ without IDR0.ATS
  static PolicyBits of(const ModelPolicy& p) {
    return {D::truth(p.guest_accepts_disputed), D::lit(p.guest_reject_code), D::truth(p.impl_defined_ill),
            D::truth(p.guest_atc_inv_without_ats)};
  }
};

// Is the command CERROR_ILL on the Non-secure SMMU command queue? `e` is the table entry of its
// opcode (null = Reserved, CMD-1).
template <class D>
typename D::Bool opcode_ill(const spec::Opcode* e, const FeatureBits<D>& f, const PolicyBits<D>& p,
                            const typename D::Word& dword0, const typename D::Word& dword1) {
  if (!e) return D::truth(true);  // CMD-1
  typename D::Bool ill = D::truth(false);
  using W = spec::IllWhen;
  for (W w : e->ill_when) {
    typename D::Bool c = D::truth(false);
    switch (w) {
      case W::Always: c = D::truth(true); break;                                           // CMD-4
      case W::SSec: c = D::nonzero(cmd::SSec::get<D>(dword0)); break;                      // CMD-3
      case W::NoS1: c = D::lnot(f.s1p); break;                                             // CMD-2
      case W::NoS2: c = D::lnot(f.s2p); break;
      case W::NoHyp: c = D::lnot(f.hyp); break;
      case W::NoAts: c = D::lnot(f.ats); break;
      case W::NoPri: c = D::lnot(f.pri); break;
      case W::NoStall: c = D::lnot(f.stall); break;
      case W::NoMpam: c = D::lnot(f.mpam); break;
      case W::NoDpt: c = D::lnot(f.dpt); break;
      case W::CsReserved: c = D::eq(cmd::SyncCs::get<D>(dword0), D::lit(3)); break;    // CMD-5
      case W::RespReserved: c = D::eq(cmd::PriResp::get<D>(dword1), D::lit(3)); break;
      case W::ImplDefined: c = p.impl_defined_ill; break;                                 // CMD-9
    }
    ill = D::lor(ill, c);
  }
  return ill;
}

// CONS.ERR code a VCMDQ raises for a command of this opcode: the SMMU rules, then, unless
// hyp_own, the HYP_OWN = 0 filter (HYP-3, HYP-4, CMD-6..CMD-8). 0 = accepted.
template <class D>
typename D::Word opcode_vcmdq_error(const spec::Opcode* e, const FeatureBits<D>& f, const PolicyBits<D>& p,
                                    const typename D::Word& dword0, const typename D::Word& dword1,
                                    const typename D::Bool& hyp_own) {
  const typename D::Word ill = D::lit(static_cast<std::uint64_t>(CmdError::Ill));
  if (!e) return ill;
  typename D::Bool guest_accepts = D::truth(e->guest == spec::GuestRule::Accept);
  if (e->guest == spec::GuestRule::Disputed) guest_accepts = p.guest_accepts_disputed;
  typename D::Bool illegal = opcode_ill<D>(e, f, p, dword0, dword1);
  if (e->opcode == 0x40) {  // ATC_INV: ILLEGAL without ATS only on the SMMU's own queues (4.5.1)
    FeatureBits<D> with_ats = f;
    with_ats.ats = D::truth(true);
    const typename D::Bool lenient = D::land(D::lnot(hyp_own), p.guest_atc_inv_without_ats);
    illegal = D::lor(D::land(lenient, opcode_ill<D>(e, with_ats, p, dword0, dword1)),
                     D::land(D::lnot(lenient), illegal));
  }
  return D::ite(illegal, ill,
                D::ite(D::lor(hyp_own, guest_accepts), D::lit(0), p.guest_reject_code));
}

// The fold over all 256 opcodes: one term for a symbolic dword0.
template <class D>
typename D::Word vcmdq_error_code(const CommandRules& rules, const FeatureBits<D>& f, const PolicyBits<D>& p,
                                  const typename D::Word& dword0, const typename D::Word& dword1,
                                  const typename D::Bool& hyp_own) {
  const typename D::Word op = cmd::Opcode::get<D>(dword0);
  typename D::Word code = opcode_vcmdq_error<D>(rules.entry(255), f, p, dword0, dword1, hyp_own);
  for (unsigned k = 255; k-- > 0;) {
    const auto opcode = static_cast<std::uint8_t>(k);
    code = D::ite(D::eq(op, D::lit(k)), opcode_vcmdq_error<D>(rules.entry(opcode), f, p, dword0, dword1, hyp_own),
                  code);
  }
  return code;
}

// The SMMU command queue's code: a VCMDQ with HYP_OWN = 1 applies exactly the SMMU rules.
template <class D>
typename D::Word smmu_error_code(const CommandRules& rules, const FeatureBits<D>& f, const PolicyBits<D>& p,
                                 const typename D::Word& dword0, const typename D::Word& dword1) {
  return vcmdq_error_code<D>(rules, f, p, dword0, dword1, D::truth(true));
}

}  // namespace cts::model
