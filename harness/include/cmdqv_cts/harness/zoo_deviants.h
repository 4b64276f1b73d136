// SPDX-License-Identifier: MIT
// The zoo's deliberately broken devices, the profile each is checked in, and the clause that
// must catch it (harness/zoo/README.md, harness/expectations/zoo.yaml): one table for every
// test that checks a way of judging devices (seeded run, state machine, trace checker).
#pragma once

#include <ostream>
#include <string>

#include "cmdqv_cts/harness/conformance_run.h"

namespace cts::harness {

struct DeviantEntry {
  const char* name;  // zoo:NAME
  Profile profile;
  const char* clause;
};

inline constexpr DeviantEntry kZooDeviants[] = {
    {"hyp-own-not-masked", Profile::CmdqvGuest, "HYP-1"},
    {"alias-not-mapped", Profile::CmdqvHost, "ALIAS-1"},
    {"wrap-log2size-0", Profile::Smmuv3, "Q-3"},
    {"gerrorn-no-resume", Profile::Smmuv3, "ERR-3"},
    {"ill-advances-cons", Profile::Smmuv3, "ERR-1"},
    {"enabled-without-en", Profile::CmdqvHost, "EN-3"},
    {"guest-accepts-cfgi", Profile::CmdqvGuest, "CMD-7"},
    {"range-reserved-executed", Profile::Smmuv3, "CMD-11"},
};

// A test-parameter name: the zoo name with '_' for '-'.
inline std::string param_name(const DeviantEntry& d) {
  std::string n = d.name;
  for (char& c : n) {
    if (c == '-') c = '_';
  }
  return n;
}

inline void PrintTo(const DeviantEntry& d, std::ostream* os) {
  *os << d.name << " (" << d.clause << ")";
}

}  // namespace cts::harness
