// SPDX-License-Identifier: MIT
// Commands for the generators (the seeded sequences and the RapidCheck state machines), built
// from the field layouts of spec/commands.yaml: well-formed ones with the field values Linux's
// arm_smmu_cmdq_build_cmd writes (range invalidations with TG/NUM/SCALE/TTL when IDR3.RIL = 1),
// and malformed ones that hit the opcode rules and each field rule that applies to the device.
// A field the device's configuration makes RES0 is written only by a field rule under test.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

using CommandEntry = std::array<std::uint64_t, 2>;  // dword0, dword1 of a 16-byte entry

class CommandGen {
 public:
  // below(n): a value in [0, n) from the caller's generator (n >= 1).
  using Below = std::function<std::uint64_t(std::uint64_t)>;

  CommandGen(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config);

  // A command for `queue` (on_vcmdq: a VCMDQ rather than the SMMU CMDQ): mostly well-formed,
  // sometimes malformed by an opcode rule or a field rule.
  CommandEntry any(const Below& below, bool on_vcmdq) const;
  // A well-formed command of this opcode (an opcode without a layout: the opcode alone).
  CommandEntry well_formed(const Below& below, std::uint8_t opcode, bool on_vcmdq) const;
  // A command that matches field rule k (one of its commands and alternatives, the other fields
  // well-formed) in `out`; false when the rule does not apply to this device and queue.
  bool hits_rule(const Below& below, std::size_t k, bool on_vcmdq, CommandEntry& out) const;

  const spec::Spec& spec() const { return *spec_; }

 private:
  void set(CommandEntry& c, const spec::Opcode& e, std::string_view field, std::uint64_t v) const;
  void range(const Below& below, const spec::Opcode& e, CommandEntry& c) const;

  std::shared_ptr<const spec::Spec> spec_;
  model::ModelConfig config_;
  model::Features features_;
  // The field rules that apply to this device, per queue kind (0: SMMU CMDQ, 1: VCMDQ); a
  // must-raise rule is listed six times, so that the rules a device must not miss come often.
  std::vector<std::size_t> applicable_[2];
  // Per field rule, its commands that the opcode rules leave legal on this device (a field rule
  // is shown on those; an opcode that is CERROR_ILL anyway would hide it), else all of them.
  std::vector<std::vector<std::uint8_t>> rule_opcodes_;
};

// The value of a field of command `c`, by the opcode's layout (0 if it has no such field).
std::uint64_t command_field(const spec::Opcode& e, const CommandEntry& c, std::string_view field);

}  // namespace cts::harness
