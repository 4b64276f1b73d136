// SPDX-License-Identifier: MIT
// Locations, errors and checked scalars for the harness's own YAML files (expectations,
// scenarios): every error names file:line:column, as the spec loader's do.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
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

// A number (decimal, or 0x hex), the whole scalar; `what` names it in the error.
inline std::uint64_t number(const std::string& file, const YAML::Node& n, const char* what) {
  if (!n || !n.IsScalar()) fail(file, n, std::string(what) + ": expected a number");
  try {
    std::size_t used = 0;
    const std::uint64_t v = std::stoull(n.Scalar(), &used, 0);
    if (used != n.Scalar().size()) throw std::invalid_argument(n.Scalar());
    return v;
  } catch (const std::exception&) {
    fail(file, n, std::string(what) + ": '" + n.Scalar() + "' is not a number");
  }
}

// n[key] as true or false; false when absent.
inline bool flag(const std::string& file, const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  if (!v) return false;
  if (!v.IsScalar() || (v.Scalar() != "true" && v.Scalar() != "false"))
    fail(file, v, std::string(key) + ": true or false");
  return v.Scalar() == "true";
}

// Every key of the mapping n is one of `keys`; the error lists them.
inline void only_keys(const std::string& file, const YAML::Node& n,
                      std::initializer_list<const char*> keys) {
  for (const auto& kv : n) {
    const std::string k = kv.first.Scalar();
    bool known = false;
    std::string list;
    for (const char* x : keys) {
      known |= k == x;
      list += (list.empty() ? "" : ", ") + std::string(x);
    }
    if (!known) fail(file, kv.first, "unknown key '" + k + "' (known: " + list + ")");
  }
}

}  // namespace cts::harness::yaml
