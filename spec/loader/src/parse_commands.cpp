// SPDX-License-Identifier: MIT
// Reads the command table (`opcodes:`): when each SMMUv3 command is illegal, and on a guest VCMDQ.
#include <string>
#include <vector>

#include "parse.h"

namespace cts::spec::detail {
namespace {

Opcode parse_opcode(const Source& src, const YAML::Node& node, PendingRefs& refs) {
  MapReader m(src, node, "opcode entry", {"opcode", "name", "ill_when", "guest", "clauses"});
  Opcode o;
  o.loc = m.loc();
  const YAML::Node op_node = m.need("opcode", kExpectInteger);
  const std::uint64_t op = read_integer(src, op_node, "opcode");
  if (op > 0xff) {
    src.fail(op_node, "opcode " + hex(op) + " is out of range: expected 0..255 (0x0..0xff)");
  }
  o.opcode = static_cast<std::uint8_t>(op);
  o.name = m.text("name");
  const std::string owner = "opcode " + hex(op) + " (" + o.name + ")";
  m.set_what(owner);
  if (auto ill = m.get("ill_when", "a list of " + names_of(kIllWhenNames))) {
    o.ill_when = read_enum_list(src, *ill, "ill_when condition", kIllWhenNames);
  }
  o.guest =
      read_enum(src, m.need("guest", names_of(kGuestRuleNames)), "guest rule", kGuestRuleNames);
  for (const YAML::Node& item : m.opt_sequence("clauses")) {
    std::string id = read_scalar(src, item, "clauses entry");
    refs.opcode_clauses.push_back(Ref{id, owner, src.loc(item)});
    o.clauses.push_back(std::move(id));
  }
  return o;
}

}  // namespace

std::vector<Opcode> parse_command_file(const Source& src, const YAML::Node& root,
                                       PendingRefs& refs) {
  MapReader m(src, root, "command table", {"opcodes"});
  std::vector<Opcode> opcodes;
  for (const YAML::Node& node : m.sequence("opcodes"))
    opcodes.push_back(parse_opcode(src, node, refs));
  return opcodes;
}

}  // namespace cts::spec::detail
