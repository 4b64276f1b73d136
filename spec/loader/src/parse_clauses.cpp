// SPDX-License-Identifier: MIT
// Reads a clause file (`family:`): numbered, sourced statements the properties check.
#include <cctype>
#include <string>
#include <vector>

#include "parse.h"

namespace cts::spec::detail {
namespace {

bool is_family_name(std::string_view s) {
  if (s.empty() || !std::isupper(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isupper(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '_') {
      return false;
    }
  }
  return true;
}

// FAMILY-N with N a positive decimal number without leading zeros.
bool is_clause_id(std::string_view id, std::string_view family) {
  if (id.size() <= family.size() + 1 || id.substr(0, family.size()) != family ||
      id[family.size()] != '-') {
    return false;
  }
  std::string_view n = id.substr(family.size() + 1);
  if (n[0] == '0') return false;
  for (char c : n) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void read_clause_registers(const MapReader& m, Clause& c, PendingRefs& refs) {
  const Source& src = m.source();
  for (const YAML::Node& item : m.opt_sequence("registers")) {
    std::string target = read_scalar(src, item, "registers entry");
    if (!split_register_ref(target)) {
      src.fail(item, "malformed registers entry '" + target + "' of clause " + c.id +
                         ": expected region:block.REGISTER");
    }
    refs.clause_registers.push_back(Ref{target, "clause " + c.id, src.loc(item)});
    c.registers.push_back(std::move(target));
  }
}

bool is_branch_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (char c : id) {
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '-')
      return false;
  }
  return true;
}

void read_clause_branches(const MapReader& m, Clause& c) {
  const Source& src = m.source();
  for (const YAML::Node& item : m.opt_sequence("branches")) {
    MapReader b(src, item, "branch of clause " + c.id, {"id", "what"});
    ClauseBranch branch{b.text("id"), b.text("what")};
    if (!is_branch_id(branch.id)) {
      src.fail(b.need("id", kExpectText), "branch id '" + branch.id + "' of clause " + c.id +
                                              ": expected lower-case words joined by '-'");
    }
    for (const ClauseBranch& other : c.branches) {
      if (other.id == branch.id)
        src.fail(b.need("id", kExpectText),
                 "branch '" + branch.id + "' of clause " + c.id + " is listed twice");
    }
    c.branches.push_back(std::move(branch));
  }
}

Clause parse_clause(const Source& src, const YAML::Node& node, const std::string& family,
                    PendingRefs& refs) {
  MapReader m(src, node, "clause",
              {"id", "text", "source", "confidence", "checked_by", "views", "registers", "branches",
               "note"});
  Clause c;
  c.id = m.text("id");
  c.family = family;
  c.loc = m.loc();
  if (!is_clause_id(c.id, family)) {
    src.fail(m.need("id", kExpectText), "clause id '" + c.id + "': expected " + family +
                                            "-N (this file's family, then a number from 1)");
  }
  m.set_what("clause " + c.id);
  c.text = m.text("text");
  c.source = m.text("source");
  c.confidence = read_enum(src, m.need("confidence", names_of(kConfidenceNames)), "confidence",
                           kConfidenceNames);
  if (auto checked_by = m.get("checked_by", names_of(kCheckedByNames))) {
    c.checked_by = read_enum(src, *checked_by, "checked_by", kCheckedByNames);
  }
  if (auto views = m.get("views", "a list of host, guest")) {
    c.views = read_enum_list(src, *views, "view", kViewNames);
    if (c.views.empty())
      src.fail(*views, "views list is empty: expected at least one of host, guest");
  }
  read_clause_registers(m, c, refs);
  read_clause_branches(m, c);
  if (c.checked_by == CheckedBy::Registers && c.registers.empty()) {
    src.fail(m.need("checked_by", kExpectText),
             "clause " + c.id + " is checked_by registers but lists no registers");
  }
  c.note = m.opt_text("note").value_or("");
  return c;
}

}  // namespace

std::vector<Clause> parse_clause_file(const Source& src, const YAML::Node& root,
                                      PendingRefs& refs) {
  MapReader m(src, root, "clause file", {"family", "clauses"});
  const std::string family = m.text("family");
  if (!is_family_name(family)) {
    src.fail(m.need("family", kExpectText),
             "family '" + family + "': expected an upper-case name such as HYP or ALLOC");
  }
  std::vector<Clause> clauses;
  for (const YAML::Node& node : m.sequence("clauses")) {
    clauses.push_back(parse_clause(src, node, family, refs));
  }
  return clauses;
}

}  // namespace cts::spec::detail
