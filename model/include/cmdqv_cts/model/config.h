// SPDX-License-Identifier: MIT
// What a model instance is: view, geometry, SMMU features, and the choices it makes
// where the spec permits several outcomes. Parsed from the device option string
// "key=value,..." used by every backend.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cmdqv_cts/spec/spec.h"

namespace cts::model {

// Where the spec allows more than one outcome, the reference model takes one of them.
// Properties accept every permitted outcome there (clauses marked disputed).
struct ModelPolicy {
  bool guest_accepts_disputed = true;    // CMD-8: other invalidations on a HYP_OWN=0 VCMDQ
  std::uint8_t guest_reject_code = 1;    // CMD-7/ERR-9: CERROR_ILL (1) rather than ILL_ACCESS (4)
  bool impl_defined_ill = true;          // CMD-9: IMPLEMENTATION DEFINED opcodes are ILL here
  bool clear_err_maps_on_ack = true;     // ERR-7: map bits clear when the VCMDQ error is acked
  bool err_maps_follow_alloc = false;    // ERR-7: the maps show the active errors under the current CMDQ_ALLOC
  bool cons_err_takes_write = false;     // ERR-12: a software write of CONS sets CONS.ERR
  bool guest_atc_inv_without_ats = false;  // CMD-6: a HYP_OWN=0 VCMDQ accepts ATC_INV without IDR0.ATS
  bool unmapped_alloc_consumes = false;  // ALLOC-5: a VCMDQ allocated past its VINTF's LVCMDQ count consumes
  bool alias_highest_wins = false;  // ALLOC-4: of two VCMDQs allocated to one slot, the highest backs it
  // Field rules of kind `either` (spec/commands.yaml field_rules), by clause id: true = the
  // command raises CERROR_ILL. A rule absent here takes the spec's `model:` default.
  std::map<std::string, bool, std::less<>> field_either_ill;
};

struct ModelConfig {
  spec::View view = spec::View::Host;
  bool cmdqv = true;  // false: a plain SMMUv3 (profile "smmuv3"), no CMDQV region
  // CMDQV PARAM geometry.
  unsigned vintfs_log2 = 2;
  unsigned vcmdqs_log2 = 3;
  unsigned sids_log2 = 4;
  // SMMU IDR fields.
  unsigned cmdqs = 19;  // IDR1.CMDQS
  bool s1p = true, s2p = false, hyp = false, ats = false, pri = false, msi = false, sev = false;
  unsigned stall_model = 1;  // 0b01: stall not supported
  bool mpam = false, dpt = false;
  bool vmw = false;  // IDR0.VMW: CR0.VMW exists
  bool ril = false;  // IDR3.RIL: range invalidation and the TTL hint (4.4.1.1)
  bool ds = false;   // IDR5.DS: 52-bit addresses with 4KB/16KB granules (TTL encodings, 4.4.1.1)
  unsigned ssidsize = 0;  // IDR1.SSIDSIZE: 0 = no SubstreamIDs (SSV rules, 4.2, 4.5)
  unsigned oas = 48;      // IDR5.OAS as a bit count: CMDQ_BASE.ADDR bits at and above it are RES0
  // SMMU architecture minor version (AIDR.ArchMinorRev): from 2 (SMMUv3.2) a CMDQ_BASE or
  // CMDQ_CONS write while CMDQEN is 1 is IGNORED; before, it is CONSTRAINED UNPREDICTABLE
  // (IHI 0070 G.b 6.3.26, 6.3.28).
  unsigned arch_minor = 1;
  // Identification registers as a device reports them (options idr0=, idr1=, idr3=): the
  // model then reads back exactly these values, and the feature fields above follow them.
  std::optional<std::uint64_t> idr0, idr1, idr3, idr5, aidr;
  ModelPolicy policy;
  // Values the user's options pin (key -> value): the device's identification registers must
  // report them (a mismatch is a configuration error, see ConfigMismatch).
  std::map<std::string, std::uint64_t, std::less<>> pinned;

  // Host: 4 VINTFs, 8 VCMDQs, 16 SIDs. Guest: what QEMU exposes (PARAM 0x4011):
  // 1 VINTF, 2 VCMDQs, 16 SIDs.
  static ModelConfig defaults(spec::View view);
  // Applies "key=value,..." over defaults(view). Unknown keys, bad numbers and
  // out-of-range geometry throw ModelError naming the key.
  static ModelConfig parse(std::string_view options, spec::View view);
  void validate() const;
  // Records the known feature and geometry keys of a device option string as pins; keys this
  // model does not know (a plugin's own options) are left to the device.
  void pin_from(std::string_view device_options);
  // Throws ConfigMismatch naming the register and both values if `reported` (what the
  // device's identification registers say) differs from a pinned value.
  void check_pins(const ModelConfig& reported) const;
  // Sets idr0/idr1/idr3 and derives the features and IDR1.CMDQS from them.
  void set_identification(std::optional<std::uint64_t> idr0, std::optional<std::uint64_t> idr1,
                          std::optional<std::uint64_t> idr3);
  // Sets idr5/aidr and derives oas and arch_minor from them (6.3.6, 6.3.8).
  void set_identification5(std::optional<std::uint64_t> idr5, std::optional<std::uint64_t> aidr);

  std::uint32_t vintfs() const { return 1u << vintfs_log2; }
  std::uint32_t vcmdqs() const { return 1u << vcmdqs_log2; }
  std::uint32_t lvcmdqs_per_vintf() const { return vcmdqs() / vintfs(); }
  std::uint32_t sids_per_vintf() const { return 1u << sids_log2; }
  spec::Params params() const;
  std::string describe() const;  // the option string that reproduces this config
};

}  // namespace cts::model
