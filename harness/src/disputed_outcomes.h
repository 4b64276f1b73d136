// SPDX-License-Identifier: MIT
// Clauses with several permitted outcomes (confidence `disputed`, and the IMPLEMENTATION
// DEFINED opcodes of CMD-9) are model policies (model::ModelPolicy). A device may choose any
// of them: when a sequence that exercised such a clause fails, the run replays it on the model
// with the other permitted outcomes, and if one explains the device, adopts it for the rest of
// the run and reports the device's choice instead of a failure.
#pragma once

#include <string>
#include <vector>

#include "cmdqv_cts/model/config.h"

namespace cts::harness {

class DisputedOutcomes {
 public:
  // `spec`: its field rules of kind `either` are dimensions too (spec/commands.yaml).
  explicit DisputedOutcomes(const model::ModelPolicy& start, const spec::Spec* spec = nullptr);

  // A sequence failed: the policies that differ from the current one in outcomes not adopted
  // yet, fewest differences first. Empty once `kSearches` failures have been searched (a broken
  // device must not cost 2^n replays per failing sequence).
  std::vector<model::ModelPolicy> alternatives();
  // One of them explained the device: it is the device's choice from now on.
  void adopt(const model::ModelPolicy& policy);

  const model::ModelPolicy& policy() const { return policy_; }
  // One line per outcome the device was seen to choose against the model's default, e.g.
  // "CMD-8: the device rejects ... (the model accepts ...)".
  std::vector<std::string> choices() const;

 private:
  struct FieldDimension {
    std::string clause, what;   // what: the commands and field values the rule names
    bool model_raises = false;  // the spec's default
  };
  bool either_ill(const model::ModelPolicy& p, const FieldDimension& d) const;
  std::vector<FieldDimension> field_dims_;
  model::ModelPolicy start_;
  model::ModelPolicy policy_;
  static constexpr int kSearches = 8;
  int searches_ = 0;
};

}  // namespace cts::harness
