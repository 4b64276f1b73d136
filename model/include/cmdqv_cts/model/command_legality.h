// SPDX-License-Identifier: MIT
// Command legality over a value domain: the one evaluator of spec/commands.yaml. The per-opcode
// rules (ill_when) and the field rules (field_rules, over the fields of the command's layout)
// are evaluated with D operations; the fold over all 256 opcodes with D::ite makes a symbolic
// dword0 one term. Features, the queue kind and the policy are D values too, so a proof covers
// every SMMU feature set and every permitted outcome at once, and the device models run the
// same code on concrete commands (CommandRules::smmu_error / vcmdq_error).
#pragma once

#include <cstdint>
#include <vector>

#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/value_domain.h"

namespace cts::model {

// SMMU features (IDR0/IDR1/IDR3/IDR5, AIDR) as D::Bool.
template <class D>
struct FeatureBits {
  typename D::Bool s1p, s2p, hyp, ats, pri, stall, mpam, dpt;
  typename D::Bool ril, ds, sev, msi, ssid, v3_0;
  static FeatureBits of(const Features& f) {
    return {D::truth(f.s1p),   D::truth(f.s2p),  D::truth(f.hyp),  D::truth(f.ats), D::truth(f.pri),
            D::truth(f.stall), D::truth(f.mpam), D::truth(f.dpt),  D::truth(f.ril), D::truth(f.ds),
            D::truth(f.sev),   D::truth(f.msi),  D::truth(f.ssid), D::truth(f.v3_0)};
  }
};

// The model's choices where the spec permits several outcomes (ModelPolicy), as D values.
template <class D>
struct PolicyBits {
  typename D::Bool guest_accepts_disputed;  // CMD-8
  typename D::Word guest_reject_code;       // CMD-7 / ERR-9
  typename D::Bool impl_defined_ill;        // CMD-9
  typename D::Bool
      guest_atc_inv_without_ats;             // CMD-6: ATC_INV on a HYP_OWN=0 VCMDQ without IDR0.ATS
  std::vector<typename D::Bool> either_ill;  // per spec field rule: an `either` rule raises
  static PolicyBits of(const CommandRules& rules) {
    const ModelPolicy& p = rules.policy();
    PolicyBits b{D::truth(p.guest_accepts_disputed),
                 D::lit(p.guest_reject_code),
                 D::truth(p.impl_defined_ill),
                 D::truth(p.guest_atc_inv_without_ats),
                 {}};
    for (std::size_t k = 0; k < rules.all_field_rules().size(); ++k)
      b.either_ill.push_back(D::truth(rules.either_ill(k)));
    return b;
  }
};

// The condition of a field rule (all of `when`) for these features and this queue.
template <class D>
typename D::Bool field_condition(const spec::FieldRule& r, const FeatureBits<D>& f,
                                 const typename D::Bool& on_vcmdq) {
  typename D::Bool all = D::truth(true);
  using C = spec::FieldCond;
  for (C c : r.when) {
    typename D::Bool b = D::truth(true);
    switch (c) {
      case C::Ril:
        b = f.ril;
        break;
      case C::NoRil:
        b = D::lnot(f.ril);
        break;
      case C::Ds:
        b = f.ds;
        break;
      case C::NoDs:
        b = D::lnot(f.ds);
        break;
      case C::Sev:
        b = f.sev;
        break;
      case C::NoSev:
        b = D::lnot(f.sev);
        break;
      case C::Msi:
        b = f.msi;
        break;
      case C::NoMsi:
        b = D::lnot(f.msi);
        break;
      case C::Ats:
        b = f.ats;
        break;
      case C::NoAts:
        b = D::lnot(f.ats);
        break;
      case C::Pri:
        b = f.pri;
        break;
      case C::NoPri:
        b = D::lnot(f.pri);
        break;
      case C::Ssid:
        b = f.ssid;
        break;
      case C::NoSsid:
        b = D::lnot(f.ssid);
        break;
      case C::Stage1Only:
        b = D::land(f.s1p, D::lnot(f.s2p));
        break;
      case C::V3_0:
        b = f.v3_0;
        break;
      case C::V3_1Plus:
        b = D::lnot(f.v3_0);
        break;
      case C::SmmuQueue:
        b = D::lnot(on_vcmdq);
        break;
      case C::Vcmdq:
        b = on_vcmdq;
        break;
    }
    all = D::land(all, b);
  }
  return all;
}

// Does the command's field values match one of the rule's alternatives?
template <class D>
typename D::Bool field_match(const ResolvedRule& r, const typename D::Word& dword0,
                             const typename D::Word& dword1) {
  typename D::Bool any = D::truth(false);
  for (const auto& alt : r.match) {
    typename D::Bool all = D::truth(true);
    for (const ResolvedTest& t : alt) {
      const typename D::Word& dw = t.dword == 0 ? dword0 : dword1;
      const typename D::Word v = D::lshr(dw, D::lit(t.shift)) & D::lit(t.max);
      const typename D::Word k = D::lit(t.value);
      using Op = spec::FieldTest::Op;
      typename D::Bool b = D::truth(true);
      switch (t.op) {
        case Op::Eq:
          b = D::eq(v, k);
          break;
        case Op::Ne:
          b = D::ne(v, k);
          break;
        case Op::Lt:
          b = D::ult(v, k);
          break;
        case Op::Le:
          b = D::ule(v, k);
          break;
        case Op::Gt:
          b = D::lnot(D::ule(v, k));
          break;
        case Op::Ge:
          b = D::lnot(D::ult(v, k));
          break;
      }
      all = D::land(all, b);
    }
    any = D::lor(any, all);
  }
  return any;
}

// CERROR_ILL from the field rules of this opcode: a matching must-raise rule, or a matching
// either rule whose policy bit says raise. Must-not-raise rules add nothing here: they say that
// no rule above may fire for those values (checked by the loader's tests and the proofs).
template <class D>
typename D::Bool fields_ill(const CommandRules& rules, std::uint8_t opcode, const FeatureBits<D>& f,
                            const PolicyBits<D>& p, const typename D::Word& dword0,
                            const typename D::Word& dword1, const typename D::Bool& on_vcmdq) {
  typename D::Bool ill = D::truth(false);
  for (const ResolvedRule& r : rules.field_rules(opcode)) {
    if (r.rule->kind == spec::FieldRuleKind::MustNotRaise) continue;
    typename D::Bool hit =
        D::land(field_condition<D>(*r.rule, f, on_vcmdq), field_match<D>(r, dword0, dword1));
    if (r.rule->kind == spec::FieldRuleKind::Either) hit = D::land(hit, p.either_ill[r.index]);
    ill = D::lor(ill, hit);
  }
  return ill;
}

// Is the command CERROR_ILL on the Non-secure SMMU command queue by its opcode's rules? `e` is
// the table entry of its opcode (null = Reserved, CMD-1).
template <class D>
typename D::Bool opcode_ill(const spec::Opcode* e, const FeatureBits<D>& f, const PolicyBits<D>& p,
                            const typename D::Word& dword0, const typename D::Word& dword1) {
  if (!e) return D::truth(true);  // CMD-1
  typename D::Bool ill = D::truth(false);
  using W = spec::IllWhen;
  for (W w : e->ill_when) {
    typename D::Bool c = D::truth(false);
    switch (w) {
      case W::Always:
        c = D::truth(true);
        break;  // CMD-4
      case W::SSec:
        c = D::nonzero(cmd::SSec::get<D>(dword0));
        break;  // CMD-3
      case W::NoS1:
        c = D::lnot(f.s1p);
        break;  // CMD-2
      case W::NoS2:
        c = D::lnot(f.s2p);
        break;
      case W::NoHyp:
        c = D::lnot(f.hyp);
        break;
      case W::NoAts:
        c = D::lnot(f.ats);
        break;
      case W::NoPri:
        c = D::lnot(f.pri);
        break;
      case W::NoStall:
        c = D::lnot(f.stall);
        break;
      case W::NoMpam:
        c = D::lnot(f.mpam);
        break;
      case W::NoDpt:
        c = D::lnot(f.dpt);
        break;
      case W::CsReserved:
        c = D::eq(cmd::SyncCs::get<D>(dword0), D::lit(3));
        break;  // CMD-5
      case W::RespReserved:
        c = D::eq(cmd::PriResp::get<D>(dword1), D::lit(3));
        break;
      case W::ImplDefined:
        c = p.impl_defined_ill;
        break;  // CMD-9
    }
    ill = D::lor(ill, c);
  }
  return ill;
}

// CONS.ERR code a queue raises for a command of this opcode: the SMMU rules (opcode and fields),
// then, on a VCMDQ whose VINTF has HYP_OWN = 0, the guest filter (HYP-3, HYP-4, CMD-6..CMD-8).
// 0 = accepted. The SMMU command queue is hyp_own = true, on_vcmdq = false.
template <class D>
typename D::Word opcode_vcmdq_error(const CommandRules& rules, std::uint8_t opcode,
                                    const FeatureBits<D>& f, const PolicyBits<D>& p,
                                    const typename D::Word& dword0, const typename D::Word& dword1,
                                    const typename D::Bool& hyp_own,
                                    const typename D::Bool& on_vcmdq) {
  const spec::Opcode* e = rules.entry(opcode);
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
  illegal = D::lor(illegal, fields_ill<D>(rules, opcode, f, p, dword0, dword1, on_vcmdq));
  return D::ite(illegal, ill,
                D::ite(D::lor(hyp_own, guest_accepts), D::lit(0), p.guest_reject_code));
}

// The fold over all 256 opcodes: one term for a symbolic dword0.
template <class D>
typename D::Word vcmdq_error_code(const CommandRules& rules, const FeatureBits<D>& f,
                                  const PolicyBits<D>& p, const typename D::Word& dword0,
                                  const typename D::Word& dword1, const typename D::Bool& hyp_own,
                                  const typename D::Bool& on_vcmdq = D::truth(true)) {
  const typename D::Word op = cmd::Opcode::get<D>(dword0);
  typename D::Word code =
      opcode_vcmdq_error<D>(rules, 255, f, p, dword0, dword1, hyp_own, on_vcmdq);
  for (unsigned k = 255; k-- > 0;) {
    const auto opcode = static_cast<std::uint8_t>(k);
    code =
        D::ite(D::eq(op, D::lit(k)),
               opcode_vcmdq_error<D>(rules, opcode, f, p, dword0, dword1, hyp_own, on_vcmdq), code);
  }
  return code;
}

// The SMMU command queue's code: a VCMDQ with HYP_OWN = 1 applies exactly the SMMU rules.
template <class D>
typename D::Word smmu_error_code(const CommandRules& rules, const FeatureBits<D>& f,
                                 const PolicyBits<D>& p, const typename D::Word& dword0,
                                 const typename D::Word& dword1) {
  return vcmdq_error_code<D>(rules, f, p, dword0, dword1, D::truth(true), D::truth(false));
}

}  // namespace cts::model
