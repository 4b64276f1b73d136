// SPDX-License-Identifier: MIT
// `cmdqv-cts list coverage`: what checks each clause (the device run's sequences and register
// properties, the driver model, the real driver under kshim, Z3 proof obligations). A clause that
// nothing checks is an "uncovered clause": it fails every run and the build's tests, so a reviewer
// who adds a clause also adds its check.
#include <iomanip>
#include <iostream>
#include <set>

#include "cmdqv_cts/driver/driver_model.h"
#include "cmdqv_cts/harness/differential.h"
#include "commands.h"
#include "kshim/judged_clauses.h"
#include "register_properties.h"
#include "registry.h"

namespace cts::cli {

std::vector<ClauseCheckers> clause_checkers(const spec::Spec& s) {
  const std::vector<std::string> device_run = harness::executor_checked_clauses(s);
  const std::vector<proofs::Obligation> obligations = proofs::all_obligations();
  // The register properties a spec implies, over the three profiles' default geometries.
  std::set<std::string> register_property_clauses;
  for (harness::Profile p :
       {harness::Profile::Smmuv3, harness::Profile::CmdqvHost, harness::Profile::CmdqvGuest}) {
    const model::ReferenceModel m(std::make_shared<const spec::Spec>(s),
                                  harness::profile_config(p, ""));
    for (const spec_registers::RegisterProperty& rp : spec_registers::register_properties(m))
      register_property_clauses.insert(rp.clauses.begin(), rp.clauses.end());
  }
  std::vector<ClauseCheckers> out;
  for (const spec::Clause& c : s.clauses) {
    ClauseCheckers cc{c.id, {}};
    if (std::find(device_run.begin(), device_run.end(), c.id) != device_run.end())
      cc.checkers.push_back("device run");
    if (register_property_clauses.count(c.id)) cc.checkers.push_back("register properties");
    const std::vector<std::string>& driver = driver::driver_checked_clauses();
    if (std::find(driver.begin(), driver.end(), c.id) != driver.end())
      cc.checkers.push_back("driver model");
    const std::vector<std::string>& real = kshim::kshim_judged_clauses();
    if (std::find(real.begin(), real.end(), c.id) != real.end())
      cc.checkers.push_back("real driver (kshim, 7.x)");
    for (const proofs::Obligation& o : obligations) {
      if (std::find(o.info.clauses.begin(), o.info.clauses.end(), c.id) != o.info.clauses.end())
        cc.checkers.push_back("proof " + o.info.name);
    }
    out.push_back(std::move(cc));
  }
  return out;
}

int report_uncovered_clauses(const spec::Spec& s) {
  int status = kConforms;
  for (const ClauseCheckers& cc : clause_checkers(s)) {
    if (!cc.checkers.empty()) continue;
    std::cout
        << "cmdqv-cts: uncovered clause " << cc.id
        << ": no device check, register property, proof obligation or driver property checks it\n";
    status = kNonConformance;
  }
  return status;
}

int list_coverage(const spec::Spec& s) {
  for (const ClauseCheckers& cc : clause_checkers(s)) {
    std::cout << std::left << std::setw(10) << cc.id;
    std::string line;
    for (const std::string& c : cc.checkers) line += (line.empty() ? "" : ", ") + c;
    std::cout << (line.empty() ? "UNCOVERED" : line) << "\n";
    // Its branches: a run counts each only when a comparison checked its outcome, and names
    // those it did not reach.
    for (const spec::Clause& c : s.clauses) {
      if (c.id != cc.id) continue;
      for (const spec::ClauseBranch& b : c.branches)
        std::cout << "          branch " << b.id << ": " << b.what << "\n";
    }
  }
  return report_uncovered_clauses(s);
}

}  // namespace cts::cli
