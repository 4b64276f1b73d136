// SPDX-License-Identifier: MIT
// ReferenceModel: builds the per-geometry layouts and routes accesses and steps.
#include "cmdqv_cts/model/reference_model.h"

#include <algorithm>
#include <bit>
#include <map>
#include <mutex>
#include <tuple>

#include "cmdqv_cts/model/model_error.h"

namespace cts::model {
namespace {

static_assert(std::endian::native == std::endian::little,
              "queue entries are read as little-endian dwords straight from memory");

const spec::RegionSpec& need_region(const spec::Spec& s, std::string_view name) {
  const spec::RegionSpec* r = s.region(name);
  if (!r) throw ModelError("the spec has no register file for region '" + std::string(name) + "'");
  return *r;
}

}  // namespace

ReferenceModel::ReferenceModel(std::shared_ptr<const spec::Spec> spec, const ModelConfig& config)
    : spec_(std::move(spec)),
      config_((config.validate(), config)),
      rules_(std::make_shared<CommandRules>(*spec_, config_.policy)),
      smmu_(std::make_shared<Layout>(need_region(*spec_, "smmu"), config_.params()), config_,
            rules_) {
  for (const auto& entry : config_.policy.field_either_ill) {
    const std::string& clause = entry.first;  // not a structured binding: clang 14 cannot capture one
    const bool either = std::any_of(
        spec_->field_rules.begin(), spec_->field_rules.end(), [&](const spec::FieldRule& r) {
          return r.clause == clause && r.kind == spec::FieldRuleKind::Either;
        });
    if (!either) {
      throw ModelError("option 'ill_" + clause + "': " + clause +
                       " is not a field rule of kind either in spec/commands.yaml (only those have "
                       "two outcomes)");
    }
  }
  if (config_.cmdqv) {
    cmdqv_.emplace(std::make_shared<Layout>(need_region(*spec_, "cmdqv"), config_.params()),
                   config_, rules_);
  }
}

void ReferenceModel::reset() {
  smmu_.reset();
  if (cmdqv_) cmdqv_->reset();
}

AccessResult ReferenceModel::read(Region r, std::uint64_t off, unsigned size) const {
  if (r == Region::Cmdqv && !cmdqv_) return {AccessStatus::Unmapped, 0, false};
  const auto rr = r == Region::Smmu ? smmu_.read(off, size) : cmdqv_->read(off, size);
  return {rr.status, rr.value, false};
}

AccessResult ReferenceModel::write(Region r, std::uint64_t off, unsigned size, std::uint64_t value,
                                   Observer* observer) {
  if (r == Region::Cmdqv && !cmdqv_) return {AccessStatus::Unmapped, 0, false};
  const auto wr = r == Region::Smmu ? smmu_.write(off, size, value, observer)
                                    : cmdqv_->write(off, size, value, observer);
  return {wr.status, 0, wr.dropped};
}

StepRecord ReferenceModel::step(Memory& mem, IrqSink& irq, Observer* observer) {
  StepRecord rec;
  rec.region = Region::Smmu;
  rec.result = smmu_.step(mem, irq, rec.command, observer);
  if (rec.result != StepResult::Idle || !cmdqv_) return rec;
  rec.region = Region::Cmdqv;
  rec.result = cmdqv_->step(mem, irq, rec.command, &rec.vcmdq, observer);
  return rec;
}

std::uint64_t ReferenceModel::run(Memory& mem, IrqSink& irq, std::uint64_t max_steps) {
  std::uint64_t n = 0;
  while (n < max_steps && step(mem, irq).result != StepResult::Idle) ++n;
  return n;
}

}  // namespace cts::model
