// SPDX-License-Identifier: MIT
// Turns spec/ YAML into cts::spec::Spec. Every error is a SpecError naming
// file:line:column and what is wrong.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cmdqv_cts/spec/spec.h"

namespace cts::spec {

// One spec document: a name used in error messages and its YAML text.
struct SpecText {
  std::string file;  // e.g. "spec/registers/cmdqv.yaml"
  std::string text;
};

// Kind of document, from its top-level key: `region:` (register file),
// `family:` (clause file) or `opcodes:` (command table).
Spec load_spec(const std::vector<SpecText>& documents);

// Reads every *.yaml under DIR/registers, DIR/clauses and DIR/commands.yaml.
Spec load_spec_dir(const std::filesystem::path& dir);

// The spec compiled into the binary at build time (the default for the CLI).
const std::vector<SpecText>& embedded_spec_texts();
Spec load_embedded_spec();

}  // namespace cts::spec
