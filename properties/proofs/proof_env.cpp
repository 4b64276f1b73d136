// SPDX-License-Identifier: MIT
// ProofEnv: spec, cached layouts, and the spec variant of a VMM that does not mask HYP_OWN.
#include "proof_env.h"

#include "cmdqv_cts/model/model_error.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::proofs {
namespace {

std::shared_ptr<const spec::Spec> without_hyp_own_wiring(const spec::Spec& s) {
  auto copy = std::make_shared<spec::Spec>(s);
  for (spec::RegionSpec& r : copy->regions) {
    if (r.name != "cmdqv") continue;
    for (spec::Block& b : r.blocks) {
      if (b.name != "vintf") continue;
      for (spec::Register& reg : b.registers) {
        if (reg.name != "CONFIG") continue;
        for (spec::Field& f : reg.fields) {
          if (f.name == "HYP_OWN") {
            f.access = spec::Access::RW;
            return copy;
          }
        }
      }
    }
  }
  throw model::ModelError("spec has no cmdqv:vintf.CONFIG.HYP_OWN field");
}

const spec::RegionSpec& cmdqv_region(const spec::Spec& s) {
  const spec::RegionSpec* r = s.region("cmdqv");
  if (!r) throw model::ModelError("the spec has no register file for region 'cmdqv'");
  return *r;
}

}  // namespace

ProofEnv::ProofEnv(z3::context& ctx, std::shared_ptr<const spec::Spec> spec)
    : ctx_(ctx),
      scope_(ctx),
      spec_(spec ? std::move(spec) : std::make_shared<const spec::Spec>(spec::load_embedded_spec())),
      unmasked_(without_hyp_own_wiring(*spec_)),
      rules_(std::make_shared<model::CommandRules>(*spec_, model::ModelPolicy{})) {}

std::shared_ptr<const model::Layout> ProofEnv::cmdqv_layout(const model::ModelConfig& config) {
  auto& slot = layouts_["masked " + config.describe()];
  if (!slot) slot = std::make_shared<model::Layout>(cmdqv_region(*spec_), config.params());
  return slot;
}

std::shared_ptr<const model::Layout> ProofEnv::unmasked_cmdqv_layout(const model::ModelConfig& config) {
  auto& slot = layouts_["unmasked " + config.describe()];
  if (!slot) slot = std::make_shared<model::Layout>(cmdqv_region(*unmasked_), config.params());
  return slot;
}

model::ModelConfig host_config() { return model::ModelConfig::defaults(spec::View::Host); }
model::ModelConfig guest_config() { return model::ModelConfig::defaults(spec::View::Guest); }
model::ModelConfig host_geometry_guest_view() {
  model::ModelConfig c = host_config();
  c.view = spec::View::Guest;
  return c;
}

}  // namespace cts::proofs
