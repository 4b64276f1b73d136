// SPDX-License-Identifier: MIT
// DisputedOutcomes (see disputed_outcomes.h).
#include "disputed_outcomes.h"

#include <algorithm>
#include <functional>

namespace cts::harness {
namespace {

// One permitted-outcome choice: the clause that permits it, and the two outcomes.
struct Dimension {
  const char* clause;
  bool cmdqv_only;  // a choice about VCMDQs or VINTFs: never adopted in the smmuv3 profile
  const char* if_set;
  const char* if_clear;
  bool (*get)(const model::ModelPolicy&);
  void (*set)(model::ModelPolicy&, bool);
};

const Dimension kDimensions[] = {
    {"CMD-8", true, "accepts the other invalidation commands on a HYP_OWN=0 VCMDQ",
     "rejects the other invalidation commands on a HYP_OWN=0 VCMDQ",
     [](const model::ModelPolicy& p) { return p.guest_accepts_disputed; },
     [](model::ModelPolicy& p, bool v) { p.guest_accepts_disputed = v; }},
    {"ERR-9", true, "reports a command a HYP_OWN=0 VCMDQ filters as CERROR_ILL (1)",
     "reports a command a HYP_OWN=0 VCMDQ filters as ILL_ACCESS (4)",
     [](const model::ModelPolicy& p) { return p.guest_reject_code == 1; },
     [](model::ModelPolicy& p, bool v) { p.guest_reject_code = v ? 1 : 4; }},
    {"CMD-9", false, "raises CERROR_ILL for IMPLEMENTATION DEFINED opcodes 0x80-0x8F",
     "executes IMPLEMENTATION DEFINED opcodes 0x80-0x8F without an error",
     [](const model::ModelPolicy& p) { return p.impl_defined_ill; },
     [](model::ModelPolicy& p, bool v) { p.impl_defined_ill = v; }},
    {"ERR-7", true, "clears the error-map bits when the VCMDQ error is acknowledged",
     "keeps the error-map bits after the VCMDQ error is acknowledged",
     [](const model::ModelPolicy& p) { return p.clear_err_maps_on_ack; },
     [](model::ModelPolicy& p, bool v) { p.clear_err_maps_on_ack = v; }},
    {"ERR-7", true, "shows in the error maps the active errors under the current CMDQ_ALLOC map",
     "keeps the error-map bits where the error was recorded when CMDQ_ALLOC changes",
     [](const model::ModelPolicy& p) { return p.err_maps_follow_alloc; },
     [](model::ModelPolicy& p, bool v) { p.err_maps_follow_alloc = v; }},
    {"ERR-12", false, "sets CONS.ERR from a software write of CONS (IHI 0070 G.b 6.3.28)",
     "ignores the ERR bits of a software write of CONS (IHI 0070 G.b 6.3.28)",
     [](const model::ModelPolicy& p) { return p.cons_err_takes_write; },
     [](model::ModelPolicy& p, bool v) { p.cons_err_takes_write = v; }},
    {"CMD-6", true,
     "accepts ATC_INV on a HYP_OWN=0 VCMDQ without IDR0.ATS (4.5.1 names only the SMMU's queues)",
     "raises CERROR_ILL for ATC_INV on a HYP_OWN=0 VCMDQ without IDR0.ATS",
     [](const model::ModelPolicy& p) { return p.guest_atc_inv_without_ats; },
     [](model::ModelPolicy& p, bool v) { p.guest_atc_inv_without_ats = v; }},
    {"ALLOC-5", true,
     "consumes from a VCMDQ allocated past its VINTF's LVCMDQ count (VINTF enabled)",
     "does not consume from a VCMDQ allocated past its VINTF's LVCMDQ count",
     [](const model::ModelPolicy& p) { return p.unmapped_alloc_consumes; },
     [](model::ModelPolicy& p, bool v) { p.unmapped_alloc_consumes = v; }},
    {"ALLOC-4", true,
     "backs a logical slot two CMDQ_ALLOC entries name with the highest-numbered VCMDQ",
     "backs a logical slot two CMDQ_ALLOC entries name with the lowest-numbered VCMDQ",
     [](const model::ModelPolicy& p) { return p.alias_highest_wins; },
     [](model::ModelPolicy& p, bool v) { p.alias_highest_wins = v; }},
};

// Flips tried together per search: the subsets of up to this many open outcomes (a device
// that differs in more is found over several sequences, as each adopted outcome closes one).
constexpr int kMaxFlips = 2;

}  // namespace

DisputedOutcomes::DisputedOutcomes(const model::ModelPolicy& start, bool cmdqv,
                                   const spec::Spec* spec)
    : start_(start), policy_(start), cmdqv_(cmdqv) {
  for (const spec::FieldRule& r : spec ? spec->field_rules : std::vector<spec::FieldRule>{}) {
    if (r.kind != spec::FieldRuleKind::Either) continue;
    std::string commands;
    for (std::uint8_t op : r.opcodes) {
      const spec::Opcode* e = spec->opcode(op);
      commands += (commands.empty() ? "" : "/") + (e ? e->name : spec::hex(op));
    }
    field_dims_.push_back({r.clause, commands + " with " + r.describe(), r.model_raises});
  }
}

std::string DisputedOutcomes::field_words(bool raises, const FieldDimension& d) {
  return std::string(raises ? "raises CERROR_ILL for " : "executes without an error ") + d.what;
}

bool DisputedOutcomes::either_ill(const model::ModelPolicy& p, const FieldDimension& d) const {
  const auto it = p.field_either_ill.find(d.clause);
  return it != p.field_either_ill.end() ? it->second : d.model_raises;
}

DisputedOutcomes::DisputedOutcomes(const model::ModelPolicy& start,
                                   const model::ModelPolicy& current, bool cmdqv,
                                   const spec::Spec* spec)
    : DisputedOutcomes(start, cmdqv, spec) {
  policy_ = current;
}

std::vector<model::ModelPolicy> DisputedOutcomes::alternatives() const {
  // Every outcome still at the model's default (one adopted is the device's and is not searched
  // again). Not only those the sequence tagged: a filtered command's error code (ERR-9) matters
  // to sequences whose tags name only the command's clause (CMD-8).
  // A flip of one outcome: a kDimensions entry or a field rule of kind either.
  std::vector<std::function<void(model::ModelPolicy&)>> open;
  for (const Dimension& d : kDimensions) {
    if (d.cmdqv_only && !cmdqv_) continue;  // no VCMDQ in this profile: nothing to choose
    if (d.get(policy_) == d.get(start_))
      open.push_back([&d](model::ModelPolicy& p) { d.set(p, !d.get(p)); });
  }
  for (const FieldDimension& d : field_dims_) {
    if (either_ill(policy_, d) == either_ill(start_, d))
      open.push_back(
          [this, &d](model::ModelPolicy& p) { p.field_either_ill[d.clause] = !either_ill(p, d); });
  }
  if (open.empty() || searches_ >= kSearches) return {};
  // Every non-empty subset of them flipped, fewest flips first.
  std::vector<std::pair<int, model::ModelPolicy>> candidates;
  for (unsigned mask = 1; mask < (1u << open.size()); ++mask) {
    if (__builtin_popcount(mask) > kMaxFlips) continue;
    model::ModelPolicy p = policy_;
    for (std::size_t i = 0; i < open.size(); ++i) {
      if (mask & (1u << i)) open[i](p);
    }
    const std::vector<std::string> flip = changed_clauses(policy_, p);
    if (std::find(refuted_.begin(), refuted_.end(), flip) != refuted_.end()) continue;
    candidates.emplace_back(__builtin_popcount(mask), p);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<model::ModelPolicy> out;
  for (const auto& c : candidates) out.push_back(c.second);
  return out;
}

bool DisputedOutcomes::searching() const {
  if (searches_ >= kSearches) return false;
  for (const Dimension& d : kDimensions) {
    if ((!d.cmdqv_only || cmdqv_) && d.get(policy_) == d.get(start_)) return true;
  }
  for (const FieldDimension& d : field_dims_) {
    if (either_ill(policy_, d) == either_ill(start_, d)) return true;
  }
  return false;
}

void DisputedOutcomes::adopt(const model::ModelPolicy& policy) {
  policy_ = policy;
}

void DisputedOutcomes::searched_in_vain() {
  ++searches_;
}

void DisputedOutcomes::refute(const model::ModelPolicy& before) {
  refuted_.push_back(changed_clauses(before, policy_));
  policy_ = before;
  ++searches_;
}

std::vector<std::string> DisputedOutcomes::changed_clauses(const model::ModelPolicy& from,
                                                           const model::ModelPolicy& to) const {
  std::vector<std::string> out;
  for (const Dimension& d : kDimensions) {
    if (d.get(from) != d.get(to)) out.push_back(d.clause);
  }
  for (const FieldDimension& d : field_dims_) {
    if (either_ill(from, d) != either_ill(to, d)) out.push_back(d.clause);
  }
  return out;
}

std::string DisputedOutcomes::describe(const model::ModelPolicy& policy,
                                       const model::ModelPolicy& against) const {
  std::string out;
  for (const Dimension& d : kDimensions) {
    if (d.get(policy) == d.get(against)) continue;
    if (!out.empty()) out += "; ";
    out += std::string(d.clause) + ": " + (d.get(policy) ? d.if_set : d.if_clear);
  }
  for (const FieldDimension& d : field_dims_) {
    const bool raises = either_ill(policy, d);
    if (raises == either_ill(against, d)) continue;
    if (!out.empty()) out += "; ";
    out += d.clause + ": " + field_words(raises, d);
  }
  return out;
}

std::vector<std::string> DisputedOutcomes::choices() const {
  std::vector<std::string> out;
  for (const Dimension& d : kDimensions) {
    const bool mine = d.get(policy_), model_default = d.get(start_);
    if (mine == model_default) continue;
    out.push_back(std::string(d.clause) + ": the device " + (mine ? d.if_set : d.if_clear) +
                  " (the model " + (model_default ? d.if_set : d.if_clear) + ")");
  }
  for (const FieldDimension& d : field_dims_) {
    const bool mine = either_ill(policy_, d), model_default = either_ill(start_, d);
    if (mine == model_default) continue;
    out.push_back(d.clause + ": the device " + field_words(mine, d) + " (the model " +
                  field_words(model_default, d) + ")");
  }
  return out;
}

}  // namespace cts::harness
