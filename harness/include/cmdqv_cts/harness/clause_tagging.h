// SPDX-License-Identifier: MIT
// Which clauses an access or a consumed command exercises, beyond the `registers:` lists of
// spec/ (ClauseCoverage counts those itself). Shared by the differential run and the trace
// checker, so that both name the same clauses for the same behaviour.
#pragma once

#include "cmdqv_cts/harness/clause_coverage.h"
#include "cmdqv_cts/harness/register_lookup.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::harness {

// An access to `at`: its register clauses, and through a VINTF logical page the ALIAS/ALLOC
// clauses. `map_changed` remembers a CMDQ_ALLOC write since the last reset (ALIAS-4).
void tag_access(ClauseCoverage& coverage, const model::ReferenceModel& m, const RegisterAt& at,
                bool write, bool& map_changed);

// One command the model consumed or faulted on. The opcode's own clauses come from
// commands.yaml; the HYP_OWN-dependent ones apply only on a VCMDQ with that HYP_OWN.
void tag_step(ClauseCoverage& coverage, const model::ReferenceModel& m,
              const model::StepRecord& rec);

// VCMDQ q's VINTF has HYP_OWN = 1 (false if q is not allocated).
bool vcmdq_hyp_own(const model::ReferenceModel& m, std::uint32_t q);

// ERR-3: a write of `value` to the GERRORN register `at` acknowledges an active CMDQ_ERR.
bool acknowledges_cmdq_error(const model::ReferenceModel& m, const RegisterAt& at,
                             std::uint64_t value);

}  // namespace cts::harness
