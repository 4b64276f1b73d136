// SPDX-License-Identifier: MIT
// Locations and errors for the harness's own YAML files (expectations, scenarios): every
// error names file:line:column, as the spec loader's do.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "cmdqv_cts/spec/spec.h"

namespace cts::harness::yaml {

// A missing key's node has no position (and Mark() would throw YAML::InvalidNode, found by
// scenario_fuzz): the error then names the file only.
inline spec::SourceLoc loc_of(const std::string& file, const YAML::Node& n) {
  if (!n.IsDefined()) return spec::SourceLoc{file, 0, 0};
  return spec::SourceLoc{file, n.Mark().line + 1, n.Mark().column + 1};
}

[[noreturn]] inline void fail(const std::string& file, const YAML::Node& n,
                              const std::string& what) {
  throw spec::SpecError(loc_of(file, n), what);
}

// Parses `text`; a syntax error becomes a SpecError at its position.
inline YAML::Node parse(const std::string& file, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw spec::SpecError(spec::SourceLoc{file, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

}  // namespace cts::harness::yaml
