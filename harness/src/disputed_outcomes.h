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
  DisputedOutcomes(const model::ModelPolicy& start, bool cmdqv);
  // Starts from outcomes `current` already adopted (a second pass of a campaign); choices()
  // still reports them against `start`, the model's own.
  DisputedOutcomes(const model::ModelPolicy& start, const model::ModelPolicy& current, bool cmdqv);

  // A sequence failed: the policies that differ from the current one in outcomes not adopted
  // yet, fewest differences first. Empty once `kSearches` failures have been searched in vain (a
  // broken device must not cost 2^n replays per failing sequence).
  std::vector<model::ModelPolicy> alternatives();
  // alternatives() may still offer some (worth checking the failure reproduces first).
  bool searching() const;
  // One of them explained the device: it is the device's choice from now on.
  void adopt(const model::ModelPolicy& policy);

  const model::ModelPolicy& policy() const { return policy_; }
  // The clauses whose outcome differs between two policies, e.g. {"CMD-8"}.
  static std::vector<std::string> changed_clauses(const model::ModelPolicy& from,
                                                  const model::ModelPolicy& to);
  // What `policy` chooses where it differs from `against`, e.g. "CMD-8: rejects ...".
  static std::string describe(const model::ModelPolicy& policy, const model::ModelPolicy& against);
  // One line per outcome the device was seen to choose against the model's default, e.g.
  // "CMD-8: the device rejects ... (the model accepts ...)".
  std::vector<std::string> choices() const;

 private:
  model::ModelPolicy start_;
  model::ModelPolicy policy_;
  bool cmdqv_;
  static constexpr int kSearches = 8;
  int searches_ = 0;
};

}  // namespace cts::harness
