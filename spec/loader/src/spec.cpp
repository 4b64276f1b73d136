// SPDX-License-Identifier: MIT
// The spec types' behaviour: locations, errors, enum spellings, parameters and name lookups.
#include "cmdqv_cts/spec/spec.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <utility>

#include "enum_names.h"

namespace cts::spec {

std::string hex(std::uint64_t value) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(value));
  return buf;
}

using detail::name_of;
using detail::value_of;

std::string SourceLoc::str() const {
  if (line == 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

SpecError::SpecError(SourceLoc loc, const std::string& message)
    : std::runtime_error(loc.str() + ": " + message), loc_(std::move(loc)), message_(message) {}

bool is_known_param(std::string_view name) {
  return std::find(std::begin(kKnownParams), std::end(kKnownParams), name) !=
         std::end(kKnownParams);
}

Params reference_geometry() {
  return {
      {"vintfs_log2", 2},
      {"vcmdqs_log2", 3},
      {"sids_log2", 4},
      {"vintfs", 4},
      {"vcmdqs", 8},
      {"lvcmdqs_per_vintf", 2},
      {"sids_per_vintf", 16},
      {"cmdqs", 19},
      {"s1p", 1},
      {"s2p", 1},
      {"hyp", 1},
      {"ats", 1},
      {"pri", 1},
      {"stall_model", 0},  // IDR0.STALL_MODEL 0b00: stall and terminate both supported
      {"msi", 1},
      {"sev", 1},
      {"mpam", 1},
      {"dpt", 1},
      {"vmw", 1},
      {"ril", 1},
      {"ds", 1},
      {"ssidsize", 20},
      {"oas", 56},
  };
}

std::uint64_t Field::mask_for(const Params& params) const {
  for (const std::string& feature : res0_unless) {
    if (Quantity{0, feature}.resolve(params) == 0) return 0;
  }
  std::uint64_t m = mask();
  if (!res0_from.empty()) {
    const std::uint64_t bits = Quantity{0, res0_from}.resolve(params);
    if (bits < 64) m &= (1ull << bits) - 1;
  }
  return m;
}

std::uint64_t Quantity::resolve(const Params& params) const {
  if (param.empty()) return literal;
  auto it = params.find(param);
  if (it == params.end()) throw std::out_of_range("spec parameter '" + param + "' has no value");
  return it->second;
}

std::string_view to_string(Access a) {
  return name_of(detail::kAccessNames, a);
}
std::optional<Access> access_from_string(std::string_view s) {
  return value_of(detail::kAccessNames, s);
}

std::string_view to_string(View v) {
  return name_of(detail::kViewNames, v);
}
std::optional<View> view_from_string(std::string_view s) {
  return value_of(detail::kViewNames, s);
}

std::string_view to_string(CheckedBy c) { return name_of(detail::kCheckedByNames, c); }
std::optional<CheckedBy> checked_by_from_string(std::string_view s) {
  return value_of(detail::kCheckedByNames, s);
}

std::string_view to_string(Confidence c) {
  return name_of(detail::kConfidenceNames, c);
}
std::optional<Confidence> confidence_from_string(std::string_view s) {
  return value_of(detail::kConfidenceNames, s);
}

std::string_view to_string(IllWhen w) {
  return name_of(detail::kIllWhenNames, w);
}
std::optional<IllWhen> ill_when_from_string(std::string_view s) {
  return value_of(detail::kIllWhenNames, s);
}

std::string_view to_string(GuestRule g) {
  return name_of(detail::kGuestRuleNames, g);
}
std::optional<GuestRule> guest_rule_from_string(std::string_view s) {
  return value_of(detail::kGuestRuleNames, s);
}
std::string_view to_string(FieldRuleKind k) {
  return name_of(detail::kFieldRuleKindNames, k);
}
std::optional<FieldRuleKind> field_rule_kind_from_string(std::string_view s) {
  return value_of(detail::kFieldRuleKindNames, s);
}
std::string_view to_string(FieldCond c) {
  return name_of(detail::kFieldCondNames, c);
}
std::optional<FieldCond> field_cond_from_string(std::string_view s) {
  return value_of(detail::kFieldCondNames, s);
}

std::string FieldTest::str() const {
  static constexpr const char* kOps[] = {"==", "!=", "<", "<=", ">", ">="};
  return field + " " + kOps[static_cast<int>(op)] + " " + std::to_string(value);
}

std::string FieldRule::describe() const {
  std::string out;
  for (const auto& alt : match) {
    if (!out.empty()) out += " or ";
    std::string conj;
    for (const FieldTest& t : alt) conj += (conj.empty() ? "" : ", ") + t.str();
    out += match.size() > 1 ? "(" + conj + ")" : conj;
  }
  return out;
}

const CommandField* Opcode::field(std::string_view n) const {
  for (const CommandField& f : fields) {
    if (f.name == n) return &f;
  }
  return nullptr;
}

namespace {

// First element of `items` whose key(item) equals `wanted`, or nullptr.
template <class T, class Key>
const T* find_by(const std::vector<T>& items, Key key, std::string_view wanted) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return key(t) == wanted; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Field* Register::field(std::string_view wanted) const {
  return find_by(
      fields, [](const Field& f) -> const std::string& { return f.name; }, wanted);
}

const Register* Block::reg(std::string_view wanted) const {
  return find_by(
      registers, [](const Register& r) -> const std::string& { return r.name; }, wanted);
}

const Block* RegionSpec::block(std::string_view wanted) const {
  return find_by(
      blocks, [](const Block& b) -> const std::string& { return b.name; }, wanted);
}

const RegionSpec* Spec::region(std::string_view wanted) const {
  return find_by(
      regions, [](const RegionSpec& r) -> const std::string& { return r.name; }, wanted);
}

const Clause* Spec::clause(std::string_view id) const {
  return find_by(
      clauses, [](const Clause& c) -> const std::string& { return c.id; }, id);
}

const Opcode* Spec::opcode(std::uint8_t op) const {
  auto it = std::find_if(opcodes.begin(), opcodes.end(),
                         [op](const Opcode& o) { return o.opcode == op; });
  return it == opcodes.end() ? nullptr : &*it;
}

}  // namespace cts::spec
