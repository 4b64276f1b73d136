// SPDX-License-Identifier: MIT
// Which commands the Linux tegra241-cmdqv driver routes to a VCMDQ, for the two orderings of
// the supports_cmd assignment (cmdqv.md sections 5 and 7; clauses ROUTE-1..ROUTE-3).
// A template over the value domain, so that proofs cover every opcode and HYP_OWN read-back.
//
// Preconditions this does not model (tegra241_cmdqv_get_cmdq checks 1-3): bypass_vcmdq is off,
// VINTF0 is enabled and the LVCMDQ chosen for this CPU exists and is enabled. When any of them
// fails the command goes to the SMMU CMDQ, which never reaches a VCMDQ filter.
#pragma once

#include <cstdint>

#include "cmdqv_cts/model/commands.h"
#include "cmdqv_cts/model/value_domain.h"

namespace cts::model {

enum class FilterOrdering : std::uint8_t {
  // Upstream 6.12.0-6.12.90 (a9d40285bdef .. 803e41f36d22): tegra241_vcmdq_alloc_smmu_cmdq
  // installs the guest filter if !vintf->hyp_own while building the queue (init_structures step
  // 3b). VINTF0 is zero-allocated, so hyp_own is still false there: the filter is always on.
  Upstream_6_12_0,
  // 803e41f36d22 and later (and Debian 6.12.107/117): tegra241_vcmdq_hw_init installs it after
  // the HYP_OWN read-back (hw_reset R3d/R3e): the filter is on only if HYP_OWN read back 0.
  Fixed,
};

inline const char* to_string(FilterOrdering o) {
  return o == FilterOrdering::Fixed ? "fixed" : "upstream-6.12.0";
}

namespace route {

// tegra241_guest_vcmdq_supports_cmd: TLBI_NH_ASID, TLBI_NH_VA, ATC_INV.
inline constexpr std::uint8_t kGuestAllowed[] = {0x11, 0x12, 0x40};

template <class D>
typename D::Bool guest_supports_cmd(const typename D::Word& opcode) {
  typename D::Bool ok = D::truth(false);
  for (std::uint8_t op : kGuestAllowed) ok = D::lor(ok, D::eq(opcode, D::lit(op)));
  return ok;
}

// Is cmdq->supports_cmd the guest filter? `hyp_own_read_back` is CONFIG.HYP_OWN as the driver
// read it after enabling the VINTF (vintf->hyp_own after R3d).
template <class D>
typename D::Bool filter_installed(FilterOrdering o, const typename D::Bool& hyp_own_read_back) {
  if (o == FilterOrdering::Upstream_6_12_0) return D::truth(true);  // decided before the read-back
  return D::lnot(hyp_own_read_back);
}

// Does the driver issue a command with this opcode on the VCMDQ? A batch's CMD_SYNC is appended to
// the batch's own queue (arm_smmu_cmdq_issue_cmdlist), so CMD_SYNC reaches the VCMDQ with the
// batch even though the filter does not list it.
template <class D>
typename D::Bool routes_to_vcmdq(FilterOrdering o, const typename D::Word& opcode,
                                 const typename D::Bool& hyp_own_read_back) {
  return D::lor(D::lnot(filter_installed<D>(o, hyp_own_read_back)),
                D::lor(guest_supports_cmd<D>(opcode), D::eq(opcode, D::lit(cmd::kCmdSync))));
}

}  // namespace route
}  // namespace cts::model
