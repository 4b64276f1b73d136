// SPDX-License-Identifier: MIT
// The reference model of one device: the SMMU command queue and, unless the profile is
// plain "smmuv3", the CMDQV. A value type (copyable), so that stateful properties can
// keep it as their model state; memory and interrupts are passed in per call.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "cmdqv_cts/model/cmdqv_model.h"
#include "cmdqv_cts/model/config.h"
#include "cmdqv_cts/model/observer.h"
#include "cmdqv_cts/model/smmu_model.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::model {

struct AccessResult {
  AccessStatus status = AccessStatus::Ok;
  std::uint64_t value = 0;
  bool dropped = false;  // a write that reached an unmapped logical slot (ALIAS-2)
};

// What one step did, for traces and clause coverage.
struct StepRecord {
  StepResult result = StepResult::Idle;
  Region region = Region::Smmu;
  std::uint32_t vcmdq = 0;  // Region::Cmdqv: the global VCMDQ
  ConsumedCommand command;
};

class ReferenceModel {
 public:
  // Throws ModelError if the spec cannot be laid out for this config.
  ReferenceModel(std::shared_ptr<const spec::Spec> spec, const ModelConfig& config);

  void reset();
  AccessResult read(Region r, std::uint64_t off, unsigned size) const;
  // `observer` (optional) hears which clause decided each value the write changed.
  AccessResult write(Region r, std::uint64_t off, unsigned size, std::uint64_t value,
                     Observer* observer = nullptr);
  // Consumes at most one command from any queue: the test bench owns time.
  StepRecord step(Memory& mem, IrqSink& irq, Observer* observer = nullptr);
  // Steps until nothing moves or `max_steps` were taken; returns the steps taken.
  std::uint64_t run(Memory& mem, IrqSink& irq, std::uint64_t max_steps);

  const ModelConfig& config() const { return config_; }
  const spec::Spec& spec() const { return *spec_; }
  const std::shared_ptr<const spec::Spec>& spec_ptr() const { return spec_; }
  const SmmuModel& smmu() const { return smmu_; }
  bool has_cmdqv() const { return cmdqv_.has_value(); }
  const CmdqvModel& cmdqv() const { return *cmdqv_; }
  const CommandRules& rules() const { return *rules_; }

 private:
  std::shared_ptr<const spec::Spec> spec_;
  ModelConfig config_;
  std::shared_ptr<const CommandRules> rules_;
  SmmuModel smmu_;
  std::optional<CmdqvModel> cmdqv_;
};

}  // namespace cts::model
