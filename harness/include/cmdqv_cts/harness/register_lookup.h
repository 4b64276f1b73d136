// SPDX-License-Identifier: MIT
// What a register offset is, for comparing a device against the model: the register behind it,
// which bits of a read are comparable, and whether an access starts or shows queue progress.
// Shared by the differential run (differential.cpp) and the trace checker.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cmdqv_cts/model/reference_model.h"

namespace cts::harness {

struct RegisterAt {
  std::string qualified;  // "cmdqv:vintf.CONFIG"; empty for an unmapped offset
  std::string instance;   // "vintf[1].CONFIG"
  std::int32_t id = -1;   // instance behind the offset (alias resolved), -1 if none
  bool alias = false;
  std::string alias_block;  // an alias access: the logical page's block ("vintf_page1")
  bool upper_half = false;  // the offset is the upper word of a 64-bit register
};

RegisterAt register_at(const model::ReferenceModel& m, model::Region r, std::uint64_t off);
// "smmu+0x9c (CMDQ_CONS)" for messages.
std::string describe_access(model::Region r, std::uint64_t off, const RegisterAt& at);
// The bits of a read that must match: all of them except CONS.ERR while no CMDQ_ERR is
// active (ERR-5: it is UNKNOWN then).
std::uint64_t compare_mask(const model::ReferenceModel& m, model::Region r, const RegisterAt& at,
                           unsigned size);
// The fields of the register at `at` in which a read at `off` differed by `diff` (bits of the
// access), as "CMDQ_CONS.RD"; bits outside every field as "CMDQ_CONS (reserved bits)". These are
// the cases a register clause fails in.
std::vector<std::string> differing_fields(const model::ReferenceModel& m, model::Region r,
                                          std::uint64_t off, const RegisterAt& at,
                                          std::uint64_t diff);
// Registers that change when the device consumes commands: both sides settle before a read.
bool is_progress_register(const std::string& qualified);
// Writes that may start or resume consumption, or change an interrupt.
bool is_kick_register(const std::string& qualified);

}  // namespace cts::harness
