// SPDX-License-Identifier: MIT
// What obligations are built from: the Z3 context (in scope for Symbolic), the spec, register
// layouts per geometry, and the command table.
#pragma once

#include <z3++.h>

#include <map>
#include <memory>
#include <string>

#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/config.h"
#include "cmdqv_cts/model/layout.h"
#include "symbolic_domain.h"

namespace cts::proofs {

// Constructing a ProofEnv opens a SymbolicScope on `ctx` for the ProofEnv's lifetime, so that the
// obligations it builds can use Symbolic directly. One per thread at a time.
class ProofEnv {
 public:
  // `spec` defaults to the spec compiled into the binary.
  explicit ProofEnv(z3::context& ctx, std::shared_ptr<const spec::Spec> spec = nullptr);

  z3::context& ctx() const { return ctx_; }
  const spec::Spec& spec() const { return *spec_; }
  const model::CommandRules& rules() const { return *rules_; }

  // The "cmdqv" region laid out for this geometry (cached).
  std::shared_ptr<const model::Layout> cmdqv_layout(const model::ModelConfig& config);
  // The same region as a VMM that does not wire HYP_OWN to 0 presents it: vintf.CONFIG.HYP_OWN is
  // plain RW in the guest view too (Eric Auger's experiment with QEMU's mask commented out,
  // cmdqv.md section 7).
  std::shared_ptr<const model::Layout> unmasked_cmdqv_layout(const model::ModelConfig& config);

 private:
  z3::context& ctx_;
  SymbolicScope scope_;
  std::shared_ptr<const spec::Spec> spec_;
  std::shared_ptr<const spec::Spec> unmasked_;
  std::shared_ptr<const model::CommandRules> rules_;
  std::map<std::string, std::shared_ptr<const model::Layout>> layouts_;
};

// Geometries the proofs use: the host default (4 VINTFs, 8 VCMDQs) and what QEMU gives a guest
// (1 VINTF, 2 VCMDQs), each in its own view, and the host geometry seen through the guest view.
model::ModelConfig host_config();
model::ModelConfig guest_config();
model::ModelConfig host_geometry_guest_view();

}  // namespace cts::proofs
