// SPDX-License-Identifier: MIT
// Directed tests from Z3 witnesses: one scenario per branch of a clause's symbolic result.
//
// `cmdqv-cts prove --emit-tests DIR` instantiates the model's own templates over the symbolic
// domain (properties/proofs) - queue::advance/wrap/index for Q, the legality fold of
// command_legality.h for CMD, the register file with and without the HYP_OWN wiring for HYP -
// and asks Z3, under the proofs' pinned resource limit, for a witness that reaches each branch:
//   the wrap boundary (and, where it exists, the non-wrapping step) at every log2size
//            0..19 on the SMMU CMDQ, and at a few log2sizes on a HYP_OWN = 1 VCMDQ (cmdqv-host);
//            Z3 chooses PROD = CONS (an empty queue) at the index the branch needs;
//   CMD      every command-table opcode of each legality class on the SMMU CMDQ (legal, ILL for a
//            missing feature, Secure-only, SSec, reserved CS/RESP encodings) and one Reserved and
//            one IMPLEMENTATION DEFINED opcode; every opcode the filter of a HYP_OWN = 0 VCMDQ
//            accepts, rejects or disputes (cmdqv-guest); one that a HYP_OWN = 1 VCMDQ executes
//            where the filter may not (HYP-3). Z3 chooses the opcode (and the operand bit of the
//            class); a command the model faults is acknowledged and faults again (ERR-3);
//   HYP-1    a guest-view CONFIG write (4 and 8 bytes) whose read-back differs between the
//            guest view and a VMM that does not wire HYP_OWN to 0;
//   ALIAS    a CMDQ_ALLOC entry and a VINTF logical page0 slot, mapped (ALIAS-1) and not (ALIAS-2),
//            through the model's alias_owner.
// Each witness becomes DIR/<clause>-<branch>.yaml (a Scenario with `clauses:` set) that
// `cmdqv-cts run --directed DIR` or `cmdqv-cts repro FILE` replays on any device. The same tests
// are built into `cmdqv-cts run`, which judges them before its random sequences.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/scenario.h"

namespace cts::harness {

// Writes the directed tests into `dir` (created if needed), printing one line per test (and per
// branch Z3 shows unreachable for the profile's defaults) and the total. Returns the number of
// tests written, or -1 if a branch that must be reachable was not (unreachable, or undecided
// within the resource limit); the other tests are still written. Throws
// std::filesystem::filesystem_error if `dir` cannot be created.
int emit_directed_tests(const std::string& dir, std::ostream& out);

// The same tests, generated once per process (about 0.5 s of Z3). Throws std::logic_error if a
// branch that must be reachable was not: the model or the spec changed under the generators.
std::shared_ptr<const std::vector<DirectedTest>> builtin_directed_tests();

Scenario to_scenario(const DirectedTest& t);

}  // namespace cts::harness
