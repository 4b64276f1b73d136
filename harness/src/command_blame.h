// SPDX-License-Identifier: MIT
// Blame at the decision, for command outcomes. The model reports each command it decides (its
// step records: which queue, which command, which outcome). When a queue's CONS differs, the
// decision where the device stopped following the model is found, and the clauses behind that
// decision are charged, with the opcode as the case. A wrong CONS is not blamed on every clause
// that names CONS.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/differential.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::harness {

struct Blame {
  std::vector<std::string> clauses;  // the clauses whose rule decided the command
  std::string case_name;             // the opcode ("ATC_INV"), "opcode 0x2b", "fetch abort"
  std::string why;                   // "the device executed ATC_INV, the model raised CERROR_ILL"
  // Another explanation that fits what the device shows as well, if any, and the index of the
  // queue entries whose rewriting as legal commands (kLegalEntry) tells the two apart: a replay
  // with them rewritten fails as one of them only (Differential::Impl::tell_apart). `or_else`
  // may have an alternative of its own, told apart once it is chosen; this one has none.
  std::shared_ptr<const Blame> or_else = nullptr;
  std::uint64_t told_apart_by = 0;
  std::uint64_t told_apart_count = 1;  // entries from that index on
  bool told_apart_unaligned_too = false;  // those from the base as written too
  // The entry is the one the decision in question fetched (which the replay may change).
  bool told_apart_fetched = false;
  // A replay that passes speaks for this explanation (the rewritten entry was the only cause of
  // the failure); otherwise each fails the replay as itself.
  bool replay_passes_if_this = false;
};

// What the device shows of a queue when a comparison of it failed.
struct DeviceQueue {
  std::uint64_t cons = 0;
  std::uint64_t prod = 0;     // the queue's PROD (software's, so the model's)
  bool error_active = false;  // its GERROR and GERRORN differ in CMDQ_ERR (CONS.ERR is meaningful)
  // The queue's base as written is not aligned to its size: a device may read other entries
  // than the model, so a replay that rewrites the model's entries may not reach it.
  bool unaligned_base = false;
};

// The queue's CONS differs: `model_cons` is the model's. The decisions are those of this queue
// since the queues last compared equal, oldest first. Nothing when no decision of the model
// explains the difference (the device consumed while the model did not): the caller blames the
// register instead.
// `fetched_elsewhere(d, device_did)`: whether the device's outcome at decision d is the outcome of
// the entry it would have read from the queue's base as written, not aligned down: a fetch
// decision, not a legality one.
using FetchCheck = std::function<bool(const Decision&, model::CmdError)>;
// `outcome_at(index)`: what the model's rules decide for the entry now at that index.
using EntryOutcome = std::function<model::CmdError(std::uint64_t index)>;
std::optional<Blame> blame_cons(const model::ReferenceModel& m,
                                const std::vector<Decision>& decisions, const DeviceQueue& device,
                                std::uint64_t model_cons, std::uint64_t log2size,
                                const FetchCheck& fetched_elsewhere,
                                const EntryOutcome& outcome_at);

// The queue's GERROR differs while its CONS agreed: the error the model raised (or raised again
// after resuming) that the device did not signal.
std::optional<Blame> blame_gerror(const std::vector<Decision>& decisions);

// The queues agree but the SMMU cmd-sync interrupt was pulsed a different number of times: the
// device consumed other commands than the model on the SMMU's queue (a later bring-up of the
// queue hides where). The latest decision where it can have parted from the model is blamed: a
// resume (the device did not resume), or an error the model raised (the device executed the
// command and went on to a CMD_SYNC). Failing those, when the device pulsed fewer, the model's
// last CMD_SYNC with CS = SIG_IRQ, which the device did not consume. Nothing otherwise.
std::optional<Blame> blame_sync_interrupt(const model::ReferenceModel& m,
                                          const std::vector<Decision>& decisions,
                                          bool device_pulsed_fewer);

// The clauses whose rule decides the outcome of `d` on its queue: the conditions that make it
// CERROR_ILL (those that hold, if the model raised it; all of its own, if the model executed
// it), the field rules its fields match, the HYP_OWN=0 filter on a guest VCMDQ, the abort of its
// fetch. `device` is what the device did instead (None: it executed the command).
std::vector<std::string> decision_clauses(const model::ReferenceModel& m, const Decision& d,
                                          model::CmdError device);

}  // namespace cts::harness
