// SPDX-License-Identifier: MIT
// `cmdqv-cts prove`: runs the proof obligations and prints a table (obligation, clause,
// expectation, verdict, time), the Z3 version and a summary.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cts::proofs {

// `args` are the arguments after the subcommand name:
//   --only GLOB   run obligations whose name or a clause id matches (repeatable; fnmatch syntax)
//   --rlimit N    Z3 resource limit per check (default: RunOptions::rlimit)
//   --json FILE   also write the report as JSON
//   --details     print each obligation's rule, source, method, bounds and what it does not prove
//   --list        list the obligations without proving them
// Exit status: 0 when every must-hold obligation is proven and every known-bug obligation is
// refuted; 1 otherwise; 2 for a usage error (message on `out`).
int run_prove_command(const std::vector<std::string>& args, std::ostream& out);

}  // namespace cts::proofs
