// SPDX-License-Identifier: MIT
// The loader's internal stages: one parser per document kind, the layout check and cross-checks.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cmdqv_cts/spec/spec.h"
#include "yaml_reader.h"

namespace cts::spec::detail {

// A name in one document that must resolve against another; checked once all are loaded.
struct Ref {
  std::string target;  // "region:block.REG" or a clause id
  std::string owner;   // "clause HYP-1", "opcode 0x11 (TLBI_NH_ASID)": for messages
  SourceLoc loc;
};

struct PendingRefs {
  std::vector<Ref> clause_registers;  // Clause::registers entries
  std::vector<Ref> opcode_clauses;    // Opcode::clauses entries
};

// "region:block.REG", the form a clause names a register in.
struct RegisterRef {
  std::string region;
  std::string block;
  std::string reg;
};
std::optional<RegisterRef> split_register_ref(std::string_view text);

// Register file (`region:`): the region, checked on its own (names, fields, resets, aliases
// and its layout at the reference geometry).
RegionSpec parse_region(const Source& src, const YAML::Node& root);

// Clause file (`family:`).
std::vector<Clause> parse_clause_file(const Source& src, const YAML::Node& root, PendingRefs& refs);

// Command table (`opcodes:`, with `layouts:` and `field_rules:`); a field rule with an id
// defines its clause.
struct CommandFile {
  std::vector<Opcode> opcodes;
  std::vector<FieldRule> field_rules;
  std::vector<Clause> clauses;
};
CommandFile parse_command_file(const Source& src, const YAML::Node& root, PendingRefs& refs);

// Every register instance's bytes at `geometry`: no two overlap, and each fits its block stride.
void check_layout(const RegionSpec& region, const Params& geometry);

// Adds a parsed document to `spec`, rejecting a region, clause id or opcode defined twice.
void merge_region(Spec& spec, RegionSpec region);
void merge_clauses(Spec& spec, std::vector<Clause> clauses);
void merge_opcodes(Spec& spec, std::vector<Opcode> opcodes);

// Resolves every pending reference against the complete spec.
void check_refs(const Spec& spec, const PendingRefs& refs);

}  // namespace cts::spec::detail
