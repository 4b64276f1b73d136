// SPDX-License-Identifier: MIT
// Clauses with several permitted outcomes (confidence `disputed`, and the IMPLEMENTATION
// DEFINED opcodes of CMD-9) are model policies (model::ModelPolicy). A device may choose any
// of them. When a sequence fails, the run adopts another permitted outcome only if the failure
// reproduces under the current choice, the outcome applies to the profile, it changes the
// model's prediction on that sequence, and the replay under it passes (conformance_run.cpp).
// The sequences judged before are then judged again under it: a device whose choices
// contradict each other fails.
#pragma once

#include <string>
#include <vector>

#include "cmdqv_cts/model/config.h"

namespace cts::harness {

class DisputedOutcomes {
 public:
  // `cmdqv`: the profile has VCMDQs (the smmuv3 profile has none, so no choice about them).
  // `spec`: its field rules of kind `either` are dimensions too (spec/commands.yaml).
  DisputedOutcomes(const model::ModelPolicy& start, bool cmdqv, const spec::Spec* spec = nullptr);
  // Starts from outcomes `current` already adopted (a second pass of a campaign); choices()
  // still reports them against `start`, the model's own.
  DisputedOutcomes(const model::ModelPolicy& start, const model::ModelPolicy& current, bool cmdqv,
                   const spec::Spec* spec = nullptr);

  // A sequence failed: the policies that differ from the current one in outcomes not adopted
  // yet, fewest differences first. Empty once `kSearches` searches were in vain (a broken device
  // must not cost 2^n replays on the device per failing sequence).
  std::vector<model::ModelPolicy> alternatives() const;
  // alternatives() may still offer some (worth checking the failure reproduces first).
  bool searching() const;
  // One of them explained the device: it is the device's choice from now on.
  void adopt(const model::ModelPolicy& policy);
  // None of them explained a failure although some changed the model's prediction (and so were
  // replayed on the device). Only these count against the budget: an adoption closes an outcome,
  // so successes are bounded by the dimensions, and a failure that no outcome touches costs model
  // replays alone. A device with many real deviations keeps its search for its later choices.
  void searched_in_vain();
  // The outcome adopted last made an item that had passed fail: a deterministic device cannot
  // have chosen both, so the adoption was wrong (another deviation looked like the outcome on a
  // prefix, or the device switched outcomes). Goes back to `before`, and never offers the same
  // flip again. Counts as a search in vain.
  void refute(const model::ModelPolicy& before);
  const model::ModelPolicy& policy() const { return policy_; }
  // The clauses whose outcome differs between two policies, e.g. {"CMD-8"}.
  std::vector<std::string> changed_clauses(const model::ModelPolicy& from,
                                           const model::ModelPolicy& to) const;
  // What `policy` chooses where it differs from `against`, e.g. "CMD-8: rejects ...".
  std::string describe(const model::ModelPolicy& policy, const model::ModelPolicy& against) const;
  // One line per outcome the device was seen to choose against the model's default, e.g.
  // "CMD-8: the device rejects ... (the model accepts ...)".
  std::vector<std::string> choices() const;

 private:
  struct FieldDimension {
    std::string clause, what;   // what: the commands and field values the rule names
    bool model_raises = false;  // the spec's default
  };
  bool either_ill(const model::ModelPolicy& p, const FieldDimension& d) const;
  // "raises CERROR_ILL for <what>" or "executes without an error <what>".
  static std::string field_words(bool raises, const FieldDimension& d);
  std::vector<FieldDimension> field_dims_;
  model::ModelPolicy start_;
  model::ModelPolicy policy_;
  bool cmdqv_;
  std::vector<std::vector<std::string>> refuted_;  // flips (changed clauses) shown wrong
  static constexpr int kSearches = 8;
  int searches_ = 0;
};

}  // namespace cts::harness
