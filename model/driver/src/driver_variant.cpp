// SPDX-License-Identifier: MIT
// The named driver variants (driver_variant.h); sources in cmdqv.md sections 6-8.
#include "cmdqv_cts/driver/driver_variant.h"

#include <array>

namespace cts::driver {
namespace {

using model::FilterOrdering;
constexpr auto kUp = FilterOrdering::Upstream_6_12_0;
constexpr auto kFix = FilterOrdering::Fixed;
using P = LvcmdqPublish;
using I = IrqRequest;
using F = FreeIrq;
using V = IsrVintf;
using M = Mapping;

constexpr std::array kVariants = {
    DriverVariant{"upstream-6.12.0", kUp, P::BeforeBuild, I::BeforeVintfs, F::AfterVintfs,
                  V::Unchecked, M::Static, true,
                  "upstream 6.12.0-6.12.90: supports_cmd decided when the queue is built, before "
                  "HYP_OWN is read "
                  "back; none of the lifecycle fixes"},
    DriverVariant{"debian-6.12.107", kFix, P::BeforeBuild, I::BeforeVintfs, F::AfterVintfs,
                  V::Unchecked, M::Static, true,
                  "supports_cmd fixed (6.12.91); LVCMDQ published before it is built, IRQ "
                  "requested before vintfs[], "
                  "free_irq after the VINTFs are freed"},
    DriverVariant{"debian-6.12.117", kFix, P::AfterBuild, I::AfterVintfs, F::First, V::Unchecked,
                  M::Static, true,
                  "the CVE fixes of 6.12.110-6.12.114; the ISR still passes vintfs[0] unchecked"},
    DriverVariant{"fixed", kFix, P::AfterBuild, I::AfterVintfs, F::First, V::Checked, M::Dynamic,
                  true, "newest upstream: every ordering fix, dynamic LVCMDQ mapping"},
    DriverVariant{
        "filter-before-readback", kUp, P::AfterBuild, I::AfterVintfs, F::First, V::Checked,
        M::Dynamic, true,
        "fixed, with supports_cmd decided when the queue is built (803e41f36d22 reverted)"},
    DriverVariant{"publish-before-build", kFix, P::BeforeBuild, I::AfterVintfs, F::First,
                  V::Checked, M::Dynamic, true,
                  "fixed, with lvcmdqs[l] published before the queue is built and the ISR not "
                  "NULL-checking it"},
    DriverVariant{"irq-before-vintfs", kFix, P::AfterBuild, I::BeforeVintfs, F::First, V::Checked,
                  M::Dynamic, true,
                  "fixed, with the error IRQ requested before vintfs[] is allocated"},
    DriverVariant{"free-irq-last", kFix, P::AfterBuild, I::AfterVintfs, F::AfterVintfs, V::Checked,
                  M::Dynamic, true, "fixed, with free_irq after the VINTFs and LVCMDQs are freed"},
    DriverVariant{"isr-unchecked-vintf", kFix, P::AfterBuild, I::AfterVintfs, F::First,
                  V::Unchecked, M::Dynamic, true,
                  "fixed, with the ISR passing vintfs[0] unchecked (the 6.12.117 residual window)"},
    DriverVariant{"mutant-unmap-ascending", kFix, P::AfterBuild, I::AfterVintfs, F::First,
                  V::Checked, M::UnmapAscending, false,
                  "not a kernel: fixed, but unmapping LVCMDQs in ascending order"},
};

}  // namespace

std::span<const DriverVariant> driver_variants() {
  return kVariants;
}

const DriverVariant* find_driver_variant(std::string_view name) {
  for (const DriverVariant& v : kVariants) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

std::string driver_variant_names() {
  std::string out;
  for (const DriverVariant& v : kVariants) out += (out.empty() ? "" : ", ") + std::string(v.name);
  return out;
}

}  // namespace cts::driver
