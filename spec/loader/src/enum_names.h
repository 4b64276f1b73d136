// SPDX-License-Identifier: MIT
// YAML spelling of every spec enum, shared by to_string/from_string and loader messages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "cmdqv_cts/spec/spec.h"

namespace cts::spec::detail {

template <class E>
struct Named {
  E value;
  std::string_view name;
};

inline constexpr Named<Access> kAccessNames[] = {
    {Access::RW, "RW"},         {Access::RO, "RO"},     {Access::W1C, "W1C"},
    {Access::RAZ_WI, "RAZ/WI"}, {Access::RES0, "RES0"}, {Access::WIRED0_GUEST, "wired-0-in-guest"},
};
inline constexpr Named<View> kViewNames[] = {{View::Host, "host"}, {View::Guest, "guest"}};
inline constexpr Named<Confidence> kConfidenceNames[] = {
    {Confidence::Normative, "normative"},
    {Confidence::Inferred, "inferred"},
    {Confidence::Disputed, "disputed"},
};
inline constexpr Named<CheckedBy> kCheckedByNames[] = {
    {CheckedBy::Registers, "registers"},
    {CheckedBy::Behaviour, "behaviour"},
    {CheckedBy::Driver, "driver"},
};
inline constexpr Named<IllWhen> kIllWhenNames[] = {
    {IllWhen::Always, "always"},
    {IllWhen::SSec, "ssec"},
    {IllWhen::NoS1, "no_s1"},
    {IllWhen::NoS2, "no_s2"},
    {IllWhen::NoHyp, "no_hyp"},
    {IllWhen::NoAts, "no_ats"},
    {IllWhen::NoPri, "no_pri"},
    {IllWhen::NoStall, "no_stall"},
    {IllWhen::NoMpam, "no_mpam"},
    {IllWhen::NoDpt, "no_dpt"},
    {IllWhen::CsReserved, "cs_reserved"},
    {IllWhen::RespReserved, "resp_reserved"},
    {IllWhen::ImplDefined, "impl_defined"},
};
inline constexpr Named<FieldRuleKind> kFieldRuleKindNames[] = {
    {FieldRuleKind::MustRaise, "must-raise"},
    {FieldRuleKind::MustNotRaise, "must-not-raise"},
    {FieldRuleKind::Either, "either"},
};
inline constexpr Named<FieldCond> kFieldCondNames[] = {
    {FieldCond::Ril, "ril"},
    {FieldCond::NoRil, "no_ril"},
    {FieldCond::Ds, "ds"},
    {FieldCond::NoDs, "no_ds"},
    {FieldCond::Sev, "sev"},
    {FieldCond::NoSev, "no_sev"},
    {FieldCond::Msi, "msi"},
    {FieldCond::NoMsi, "no_msi"},
    {FieldCond::Ats, "ats"},
    {FieldCond::NoAts, "no_ats"},
    {FieldCond::Pri, "pri"},
    {FieldCond::NoPri, "no_pri"},
    {FieldCond::Ssid, "ssid"},
    {FieldCond::NoSsid, "no_ssid"},
    {FieldCond::Stage1Only, "stage1_only"},
    {FieldCond::V3_0, "v3_0"},
    {FieldCond::V3_1Plus, "v3_1_plus"},
    {FieldCond::SmmuQueue, "smmu_queue"},
    {FieldCond::Vcmdq, "vcmdq"},
};
inline constexpr Named<GuestRule> kGuestRuleNames[] = {
    {GuestRule::Accept, "accept"},
    {GuestRule::Reject, "reject"},
    {GuestRule::Disputed, "disputed"},
};

template <class E, std::size_t N>
constexpr std::string_view name_of(const Named<E> (&table)[N], E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";  // unreachable for a valid enumerator
}

template <class E, std::size_t N>
constexpr std::optional<E> value_of(const Named<E> (&table)[N], std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

// "a, b, c": the allowed spellings, for "expected one of ..." messages.
template <class E, std::size_t N>
std::string names_of(const Named<E> (&table)[N]) {
  std::string out;
  for (const auto& entry : table) {
    if (!out.empty()) out += ", ";
    out += entry.name;
  }
  return out;
}

}  // namespace cts::spec::detail
