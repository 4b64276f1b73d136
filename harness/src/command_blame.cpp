// SPDX-License-Identifier: MIT
// Blame at the decision for command outcomes (see command_blame.h).
#include "command_blame.h"

#include <algorithm>

#include "cmdqv_cts/model/command_legality.h"
#include "cmdqv_cts/model/queue_engine.h"

namespace cts::harness {
namespace {

using model::CmdError;

// The clause that states each CERROR_ILL condition of commands.yaml (spec/clauses/cmd.yaml).
const char* condition_clause(spec::IllWhen w) {
  using W = spec::IllWhen;
  switch (w) {
    case W::Always:
      return "CMD-4";
    case W::SSec:
      return "CMD-3";
    case W::CsReserved:
    case W::RespReserved:
      return "CMD-5";
    case W::ImplDefined:
      return "CMD-9";
    default:
      return "CMD-2";  // a feature the SMMU does not implement
  }
}

bool condition_holds(const spec::Opcode& e, spec::IllWhen w, const model::ReferenceModel& m,
                     const model::ConsumedCommand& c) {
  spec::Opcode one = e;
  one.ill_when = {w};
  using D = model::Concrete;
  return D::concrete(
      model::opcode_ill<D>(&one, model::FeatureBits<D>::of(model::Features::from(m.config())),
                           model::PolicyBits<D>::of(m.rules()), c.dword0, c.dword1));
}

void add(std::vector<std::string>& out, const std::string& id) {
  if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
}

// Decision j re-executes an entry after an acknowledged error at the same CONS (ERR-3).
bool resumed_at(const std::vector<Decision>& decisions, std::size_t j) {
  for (std::size_t k = j; k-- > 0;) {
    const Decision& d = decisions[k];
    if (d.step.command.cons != decisions[j].step.command.cons) return false;
    if (d.kind == Decision::Kind::Resume && !d.carried) return true;
  }
  return false;
}

// ERR-1: the device raised `e` at CONS `at` and moved CONS on to `to` anyway.
Blame moved_on(CmdError e, std::uint64_t at, std::uint64_t to) {
  return Blame{{"ERR-1"},
               "CONS after an error",
               "the device raised " + std::string(model::to_string(e)) + " at CONS " +
                   spec::hex(at) + " and moved CONS to " + spec::hex(to) +
                   "; the model leaves CONS at the failing command"};
}

std::string outcome(CmdError e) {
  return e == CmdError::None ? "executed it" : std::string("raised ") + model::to_string(e);
}

}  // namespace

std::optional<Blame> blame_gerror(const std::vector<Decision>& decisions) {
  for (std::size_t j = decisions.size(); j-- > 0;) {
    const Decision& d = decisions[j];
    if (d.kind != Decision::Kind::Command || d.step.command.error == CmdError::None) continue;
    // The model's last error: raised again after an acknowledgement at the same CONS, the
    // device did not resume to raise it; otherwise it did not signal it.
    for (std::size_t k = j; k-- > 0;) {
      if (decisions[k].kind == Decision::Kind::Resume && !decisions[k].carried &&
          decisions[k].step.command.cons == d.step.command.cons)
        return Blame{{"ERR-3"},
                     "resume after GERRORN",
                     "the device did not resume after the error was acknowledged; the model "
                     "re-executed the entry at CONS and raised " +
                         std::string(model::to_string(d.step.command.error)) + " again"};
    }
    return Blame{{"ERR-1"},
                 "GERROR after an error",
                 "the device did not toggle GERROR.CMDQ_ERR for the " +
                     std::string(model::to_string(d.step.command.error)) + " the model raised"};
  }
  return std::nullopt;
}

// CONS.RD with its wrap flag, at most bits [19:0] (the ERR field lies above).
constexpr std::uint64_t kConsRd = 0xFFFFF;

std::optional<Blame> blame_sync_interrupt(const model::ReferenceModel& m,
                                          const std::vector<Decision>& decisions,
                                          bool device_pulsed_fewer) {
  const Decision* last_sync = nullptr;  // the model's last CMD_SYNC with CS = SIG_IRQ
  for (std::size_t j = decisions.size(); j-- > 0;) {
    const Decision& d = decisions[j];
    // VCMDQs do not pulse this line; a carried resume decided nothing the device could show.
    if (d.step.region != model::Region::Smmu || d.carried) continue;
    if (d.kind == Decision::Kind::Resume) {
      return Blame{{"ERR-3"},
                   "resume after GERRORN",
                   "the model resumed at CONS " + spec::hex(d.step.command.cons & kConsRd) +
                       " after the error was acknowledged; the device consumed otherwise"};
    }
    const model::ConsumedCommand& c = d.step.command;
    const auto opcode = static_cast<std::uint8_t>(c.dword0 & 0xFF);
    if (c.error == CmdError::None) {
      if (!last_sync && opcode == model::cmd::kCmdSync &&
          model::cmd::SyncCs::get(c.dword0) == model::cmd::kCsIrq)
        last_sync = &d;
      continue;
    }
    return Blame{decision_clauses(m, d, CmdError::None),
                 c.error == CmdError::Abt  ? "fetch abort"
                 : m.rules().entry(opcode) ? m.rules().name(opcode)
                                           : "Reserved opcode",
                 "the model " + outcome(c.error) + " at CONS " + spec::hex(c.cons & kConsRd) +
                     " (" + m.rules().name(opcode) + "); the device consumed otherwise"};
  }
  if (device_pulsed_fewer && last_sync) {
    return Blame{{"Q-3"},
                 "CONS advance",
                 "the device did not consume the CMD_SYNC (CS = SIG_IRQ) at CONS " +
                     spec::hex(last_sync->step.command.cons & kConsRd) +
                     ", which the model consumed"};
  }
  return std::nullopt;
}

std::vector<std::string> decision_clauses(const model::ReferenceModel& m, const Decision& d,
                                          CmdError device) {
  const model::ConsumedCommand& c = d.step.command;
  const CmdError model = c.error;
  std::vector<std::string> out;
  if (model == CmdError::Abt || device == CmdError::Abt) return {"ERR-4"};
  const auto opcode = static_cast<std::uint8_t>(c.dword0 & 0xFF);
  const spec::Opcode* e = m.rules().entry(opcode);
  if (!e) return {"CMD-1"};
  const bool vcmdq = d.step.region == model::Region::Cmdqv;
  const bool guest = vcmdq && !d.hyp_own;
  // What the SMMU's own rules say: if they accept the command, any error on a VCMDQ came from
  // the HYP_OWN filter, which decided this outcome.
  const CmdError smmu = m.rules().smmu_error(c.dword0, c.dword1, model::Features::from(m.config()));
  const bool filtered =
      vcmdq && smmu == CmdError::None && (model != CmdError::None || device != CmdError::None);
  if (filtered && guest) {
    // The HYP_OWN=0 filter decided: which commands it passes (HYP-4, CMD-6..8), and with which
    // code it reports those it does not (ERR-9).
    if (model != CmdError::None && device != CmdError::None) return {"ERR-9"};
    if (opcode == 0x40) add(out, "CMD-6");
    add(out, e->guest == spec::GuestRule::Reject     ? "CMD-7"
             : e->guest == spec::GuestRule::Disputed ? "CMD-8"
                                                     : "HYP-4");
    return out;
  }
  if (filtered) return {"HYP-3"};  // a HYP_OWN=1 VCMDQ filtered as if it were a guest's
  // Legality on the SMMU's rules: the conditions that made it CERROR_ILL, or, if the model
  // executed it, every condition under which it would have been.
  for (spec::IllWhen w : e->ill_when) {
    if (model == CmdError::None || condition_holds(*e, w, m, c)) add(out, condition_clause(w));
  }
  // The field rules (spec/commands.yaml) the command's fields match on this queue: those that
  // made it CERROR_ILL if the model raised it; if the model executed it, those that say it
  // executes (must-not-raise, or an `either` rule the model ignores).
  const model::Features features = model::Features::from(m.config());
  for (const model::ResolvedRule& r : m.rules().field_rules(opcode)) {
    if (!model::field_rule_applies(*r.rule, features, vcmdq) ||
        !model::field_match<model::Concrete>(r, c.dword0, c.dword1))
      continue;
    const bool raises =
        r.rule->kind == spec::FieldRuleKind::MustRaise ||
        (r.rule->kind == spec::FieldRuleKind::Either && m.rules().either_ill(r.index));
    if (raises == (model != CmdError::None)) add(out, r.rule->clause);
  }
  if (guest && opcode == 0x40) add(out, "CMD-6");
  if (out.empty()) add(out, "CMD-1");  // a legal opcode in every configuration: 4.1.1's table
  return out;
}

std::optional<Blame> blame_cons(const model::ReferenceModel& m,
                                const std::vector<Decision>& decisions, const DeviceQueue& device,
                                std::uint64_t model_cons, std::uint64_t log2size,
                                const FetchCheck& fetched_elsewhere,
                                const EntryOutcome& outcome_at) {
  const std::uint64_t span = (std::uint64_t{2} << log2size) - 1;
  const std::uint64_t device_index = device.cons & span, model_index = model_cons & span;
  // CONS.ERR is UNKNOWN while no error is active (ERR-5): only an active error's code counts.
  const auto device_err =
      device.error_active ? static_cast<CmdError>(model::ConsErr::get<model::Concrete>(device.cons))
                          : CmdError::None;
  auto command_blame = [&](const Decision& d, CmdError device_did) {
    Blame b;
    const model::ConsumedCommand& c = d.step.command;
    if (fetched_elsewhere && fetched_elsewhere(d, device_did)) {
      // A device that aligns the base and decided this command otherwise shows the same. A
      // replay with the unaligned entry rewritten charged QEMU 7.2, which reads from the base as
      // written, to the command instead (not yet understood), so the unaligned fetch is charged
      // alone, as before.
      return Blame{{"Q-5"},
                   "unaligned base",
                   "the device " + outcome(device_did) + " at CONS " + spec::hex(c.cons & span) +
                       " as the entry at the queue's unaligned base would make it; the model "
                       "reads from the base aligned down to the queue size"};
    }
    const auto opcode = static_cast<std::uint8_t>(c.dword0 & 0xFF);
    b.case_name = c.error == CmdError::Abt || device_did == CmdError::Abt ? "fetch abort"
                  : m.rules().entry(opcode)                               ? m.rules().name(opcode)
                                                                          : "Reserved opcode";
    b.clauses = decision_clauses(m, d, device_did);
    b.why = "at CONS " + spec::hex(c.cons & span) + " (" + m.rules().name(opcode) +
            ") the device " + outcome(device_did) + ", the model " + outcome(c.error);
    return b;
  };
  // The device stands where the model stood before decision j: it did not follow that
  // decision. Nothing if the difference is not about j after all.
  auto stood_before = [&](std::size_t j) -> std::optional<Blame> {
    const Decision& d = decisions[j];
    if (d.kind == Decision::Kind::Resume) {
      return Blame{{"ERR-3"},
                   "resume after GERRORN",
                   "the device did not resume at CONS " + spec::hex(device_index) +
                       " after the error was acknowledged, the model did"};
    }
    const CmdError model_did = d.step.command.error;
    if (model_did == CmdError::None && resumed_at(decisions, j)) {
      return Blame{{"ERR-3"},
                   "resume after GERRORN",
                   "the device did not resume at CONS " + spec::hex(device_index) +
                       " after the error was acknowledged; the model re-executed the entry there"};
    }
    if (model_did == CmdError::None) {
      // The model executed it. A device that raised an error here decided the command
      // differently; one that stands here without an error did not advance CONS over it.
      if (device_err == CmdError::None) {
        return Blame{{"Q-3"},
                     "CONS advance",
                     "the device did not advance CONS over the entry at " +
                         spec::hex(device_index) + ", which the model consumed (" +
                         m.rules().name(static_cast<std::uint8_t>(d.step.command.dword0 & 0xFF)) +
                         ")"};
      }
      return command_blame(d, device_err);
    }
    // The model faulted here too, and nothing followed: only the code can differ, or the device
    // shows no error at all. Then it never took the entry: after an acknowledgement that is the
    // resume it did not make (ERR-3), otherwise the error it did not raise (ERR-1).
    if (j + 1 != decisions.size() || device_index != model_index) return std::nullopt;
    if (device_err != CmdError::None)
      return device_err != model_did ? std::optional<Blame>(command_blame(d, device_err))
                                     : std::nullopt;
    const std::string raised = model::to_string(model_did);
    if (j > 0 && decisions[j - 1].kind == Decision::Kind::Resume) {
      return Blame{
          {"ERR-3"},
          "resume after GERRORN",
          "the device did not resume after the error was acknowledged: it stands at CONS " +
              spec::hex(device_index) +
              " with no error, where the model fetched the entry "
              "and raised " +
              raised};
    }
    return Blame{{"ERR-1"},
                 "GERROR after an error",
                 "the device shows no error at CONS " + spec::hex(device_index) +
                     ", where the model raised " + raised};
  };
  // The latest such decision, as the model may pass one index more than once.
  for (std::size_t j = decisions.size(); j-- > 0;) {
    const Decision& d = decisions[j];
    if ((d.step.command.cons & span) != device_index || d.carried) continue;
    std::optional<Blame> found = stood_before(j);
    // CONS wraps: where the device raised an error at an entry the model executed, it may
    // instead stand one past the entry the model faulted on last, with the same error, which
    // happens to be where the model stood before d: it moved CONS on after the error. A replay
    // with that entry legal passes if so, and fails as before if the device decided d
    // otherwise. (Not for a device standing there without an error: a replay without the error
    // passes just as well for a device that mishandles the error, e.g. never resumes.)
    const Decision& last = decisions.back();
    if (found && j + 1 != decisions.size() && d.kind == Decision::Kind::Command &&
        d.step.command.error == CmdError::None &&
        !resumed_at(decisions, j) && last.kind == Decision::Kind::Command &&
        device_err != CmdError::None && last.step.command.error == device_err &&
        (last.step.command.cons & span) == model_index &&
        ((model_index + 1) & span) == device_index) {
      Blame past = moved_on(device_err, model_index, device_index);
      past.or_else = std::make_shared<const Blame>(std::move(*found));
      past.told_apart_by = model_index;
      past.told_apart_fetched = true;
      past.replay_passes_if_this = true;
      return past;
    }
    return found;
  }
  // The device is where the model never was: past the command the model faulted on last.
  if (decisions.empty()) return std::nullopt;
  const Decision& last = decisions.back();
  if (last.kind != Decision::Kind::Command || last.step.command.error == CmdError::None ||
      (last.step.command.cons & span) != model_index)
    return std::nullopt;
  // A device standing on a later entry with the error that entry raises may have executed the
  // command the model faulted on, and faulted on the later one: a decision about the command.
  // (An index at PROD holds no command the device could have fetched.)
  const bool later_entry_explains = outcome_at && device_err != CmdError::None &&
                                    device_index != (device.prod & span) &&
                                    outcome_at(device_index) == device_err;
  if (device_err != last.step.command.error) return command_blame(last, CmdError::None);
  // It raised the same error, and moved CONS anyway.
  Blame moved = moved_on(device_err, model_index, device_index);
  if (!later_entry_explains) return moved;
  // Or it executed the command and raised the same error on the entry where it stands: the
  // state is the same. Only the device can say which, on a replay where that entry and those
  // after it up to PROD are legal (one that executes goes on to PROD, past every error).
  moved.or_else = std::make_shared<const Blame>(command_blame(last, CmdError::None));
  moved.told_apart_by = device_index;
  moved.told_apart_count = (device.prod - device_index) & span;
  // From an unaligned base a device may read other entries than the model; a replay it
  // ignored would look like "moved on", so it rewrites the entries at both bases.
  moved.told_apart_unaligned_too = device.unaligned_base;
  return moved;
}

}  // namespace cts::harness
