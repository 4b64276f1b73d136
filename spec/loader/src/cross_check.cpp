// SPDX-License-Identifier: MIT
// Cross-document checks: one region, clause id and opcode each; every reference resolves.
#include <string>
#include <vector>

#include "parse.h"

namespace cts::spec::detail {

std::optional<RegisterRef> split_register_ref(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto dot = text.find('.', colon + 1);
  if (dot == std::string_view::npos) return std::nullopt;
  RegisterRef ref{std::string(text.substr(0, colon)),
                  std::string(text.substr(colon + 1, dot - colon - 1)),
                  std::string(text.substr(dot + 1))};
  if (ref.region.empty() || ref.block.empty() || ref.reg.empty() ||
      ref.reg.find_first_of(":.") != std::string::npos) {
    return std::nullopt;
  }
  return ref;
}

void merge_region(Spec& spec, RegionSpec region) {
  if (const RegionSpec* first = spec.region(region.name)) {
    throw SpecError(region.loc, "duplicate region '" + region.name + "': already defined at " +
                                    first->loc.str() + "; expected one register file per region");
  }
  spec.regions.push_back(std::move(region));
}

void merge_clauses(Spec& spec, std::vector<Clause> clauses) {
  for (Clause& c : clauses) {
    if (const Clause* first = spec.clause(c.id)) {
      throw SpecError(c.loc, "duplicate clause id '" + c.id + "': already defined at " +
                                 first->loc.str() + "; expected ids unique across spec/");
    }
    spec.clauses.push_back(std::move(c));
  }
}

void merge_opcodes(Spec& spec, std::vector<Opcode> opcodes) {
  for (Opcode& o : opcodes) {
    if (const Opcode* first = spec.opcode(o.opcode)) {
      throw SpecError(o.loc, "duplicate opcode " + hex(o.opcode) + " (" + o.name +
                                 "): already defined at " + first->loc.str() + " (" + first->name +
                                 ")");
    }
    spec.opcodes.push_back(std::move(o));
  }
}

namespace {

// Why `target` names no register, or empty if it does.
std::string register_ref_problem(const Spec& spec, const std::string& target) {
  std::optional<RegisterRef> ref = split_register_ref(target);
  if (!ref) return "expected region:block.REGISTER";
  const RegionSpec* region = spec.region(ref->region);
  if (region == nullptr) return "no region '" + ref->region + "' is loaded";
  const Block* block = region->block(ref->block);
  if (block == nullptr) return "region " + ref->region + " has no block '" + ref->block + "'";
  if (block->alias) {
    return "block " + ref->block +
           " is an alias block, which has no registers of its own (name the " +
           "block it aliases, " + block->alias->of + ")";
  }
  if (block->reg(ref->reg) == nullptr) {
    return "block " + ref->region + ":" + ref->block + " has no register '" + ref->reg + "'";
  }
  return {};
}

}  // namespace

void check_refs(const Spec& spec, const PendingRefs& refs) {
  for (const Ref& ref : refs.clause_registers) {
    std::string problem = register_ref_problem(spec, ref.target);
    if (!problem.empty()) {
      throw SpecError(ref.loc, ref.owner + " registers entry '" + ref.target +
                                   "' names no register: " + problem);
    }
  }
  for (const Ref& ref : refs.opcode_clauses) {
    if (spec.clause(ref.target) == nullptr) {
      throw SpecError(ref.loc,
                      ref.owner + " clauses entry '" + ref.target +
                          "' names no clause: expected the id of a clause in spec/clauses");
    }
  }
  // A field that may take or ignore a write names the disputed clause that decides it.
  for (const RegionSpec& region : spec.regions) {
    for (const Block& block : region.blocks) {
      for (const Register& reg : block.registers) {
        for (const Field& f : reg.fields) {
          if (f.either_on_write.empty()) continue;
          const Clause* c = spec.clause(f.either_on_write);
          if (c == nullptr || c->confidence != Confidence::Disputed) {
            throw SpecError(f.loc, "field " + f.name + " of register " + reg.name +
                                       ": either_on_write '" + f.either_on_write + "' " +
                                       (c ? "is not a disputed clause" : "names no clause") +
                                       ": expected the id of a disputed clause in spec/clauses");
          }
        }
      }
    }
  }
}

}  // namespace cts::spec::detail
