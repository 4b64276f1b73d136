// SPDX-License-Identifier: MIT
// Reads the command table (`opcodes:`): when each SMMUv3 command is illegal, and on a guest VCMDQ;
// the field layouts of the commands (`layouts:`) and the rules over their fields (`field_rules:`).
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "parse.h"

namespace cts::spec::detail {
namespace {

constexpr unsigned kEntryBits = 128;  // a command entry is 16 bytes (IHI 0070 G.b 4.1)

CommandField parse_field(const Source& src, const YAML::Node& node, const std::string& layout) {
  MapReader m(src, node, "field of layout " + layout, {"name", "lsb", "width"});
  CommandField f;
  f.loc = m.loc();
  f.name = m.text("name");
  m.set_what("field " + f.name + " of layout " + layout);
  const std::uint64_t lsb = m.integer("lsb"), width = m.integer("width");
  if (width == 0 || width > 64) {
    src.fail(m.need("width", kExpectInteger), "field " + f.name + " of layout " + layout +
                                                  ": width " + std::to_string(width) +
                                                  " is out of range: expected 1..64");
  }
  if (lsb + width > kEntryBits) {
    src.fail(m.need("lsb", kExpectInteger),
             "field " + f.name + " of layout " + layout + ": bits " + std::to_string(lsb) + ".." +
                 std::to_string(lsb + width - 1) + " reach past the 128-bit command entry");
  }
  if (lsb / 64 != (lsb + width - 1) / 64) {
    src.fail(m.need("lsb", kExpectInteger),
             "field " + f.name + " of layout " + layout + ": bits " + std::to_string(lsb) + ".." +
                 std::to_string(lsb + width - 1) +
                 " cross the boundary between dword0 and dword1: expected a field in one dword");
  }
  f.lsb = static_cast<unsigned>(lsb);
  f.width = static_cast<unsigned>(width);
  return f;
}

// A named layout: its fields, each inside the entry, none overlapping, OPCODE at [7:0].
std::vector<CommandField> parse_layout(const Source& src, const YAML::Node& node,
                                       std::string& name) {
  MapReader m(src, node, "layout", {"name", "fields", "source"});
  name = m.text("name");
  m.set_what("layout " + name);
  m.text("source");  // required: where the positions come from
  std::vector<CommandField> fields;
  for (const YAML::Node& item : m.sequence("fields")) {
    CommandField f = parse_field(src, item, name);
    for (const CommandField& g : fields) {
      if (g.name == f.name) src.fail(item, "layout " + name + ": duplicate field '" + f.name + "'");
      if (f.lsb < g.lsb + g.width && g.lsb < f.lsb + f.width) {
        src.fail(item, "layout " + name + ": field " + f.name + " (bits " + std::to_string(f.lsb) +
                           ".." + std::to_string(f.lsb + f.width - 1) + ") overlaps field " +
                           g.name + " (bits " + std::to_string(g.lsb) + ".." +
                           std::to_string(g.lsb + g.width - 1) + ")");
      }
    }
    fields.push_back(std::move(f));
  }
  const auto op = std::find_if(fields.begin(), fields.end(),
                               [](const CommandField& f) { return f.name == "OPCODE"; });
  if (op == fields.end() || op->lsb != 0 || op->width != 8) {
    src.fail(m.need("fields", kExpectList),
             "layout " + name + ": expected a field OPCODE at lsb 0, width 8");
  }
  return fields;
}

Opcode parse_opcode(const Source& src, const YAML::Node& node, PendingRefs& refs,
                    const std::map<std::string, std::vector<CommandField>>& layouts) {
  MapReader m(src, node, "opcode entry",
              {"opcode", "name", "ill_when", "guest", "clauses", "layout"});
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
  if (auto layout = m.opt_text("layout")) {
    const auto it = layouts.find(*layout);
    if (it == layouts.end()) {
      src.fail(m.need("layout", kExpectText),
               owner + ": layout '" + *layout + "' is not defined under layouts:");
    }
    o.layout = *layout;
    o.fields = it->second;
  } else {
    o.fields = {CommandField{"OPCODE", 0, 8, o.loc}};
  }
  return o;
}

// "CMD-N": the family of every command clause.
bool is_cmd_clause_id(std::string_view id) {
  if (id.size() < 5 || id.substr(0, 4) != "CMD-" || id[4] == '0') return false;
  return std::all_of(id.begin() + 4, id.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

FieldTest parse_test(const Source& src, const YAML::Node& key, const YAML::Node& value) {
  FieldTest t;
  t.field = read_scalar(src, key, "match field");
  if (value.IsScalar()) {
    const std::string text = trim(value.Scalar());
    static constexpr std::pair<std::string_view, FieldTest::Op> kOps[] = {
        {"==", FieldTest::Op::Eq}, {"!=", FieldTest::Op::Ne}, {"<=", FieldTest::Op::Le},
        {">=", FieldTest::Op::Ge}, {"<", FieldTest::Op::Lt},  {">", FieldTest::Op::Gt}};
    for (const auto& [spelling, op] : kOps) {
      if (text.rfind(spelling, 0) == 0) {
        t.op = op;
        YAML::Node number(trim(text.substr(spelling.size())));
        try {
          t.value = read_integer(src, number, "match value");
        } catch (const SpecError&) {
          src.fail(value, "match value '" + text + "' of field " + t.field +
                              ": expected an integer or a comparison such as \"!= 0\" or \"> 52\"");
        }
        return t;
      }
    }
  }
  t.op = FieldTest::Op::Eq;
  t.value = read_integer(src, value, "match value of field " + t.field);
  return t;
}

std::vector<FieldTest> parse_conjunction(const Source& src, const YAML::Node& node) {
  if (!node.IsMap() || node.size() == 0) {
    src.fail(node, "match: expected a mapping FIELD: VALUE (or a list of such mappings), found " +
                       describe(node));
  }
  std::vector<FieldTest> out;
  for (auto it = node.begin(); it != node.end(); ++it)
    out.push_back(parse_test(src, it->first, it->second));
  return out;
}

struct ParsedRule {
  FieldRule rule;
  std::optional<Clause> clause;  // the clause the rule defines, if it defines one
};

ParsedRule parse_field_rule(const Source& src, const YAML::Node& node, PendingRefs& refs,
                            const std::vector<Opcode>& opcodes) {
  MapReader m(src, node, "field rule",
              {"id", "clause", "text", "source", "confidence", "note", "commands", "when", "match",
               "kind", "model"});
  ParsedRule out;
  FieldRule& r = out.rule;
  r.loc = m.loc();
  if (m.has("id") == m.has("clause")) {
    src.fail(node,
             "field rule: expected either id: (a new clause, with text, source and confidence) or "
             "clause: (an existing clause id)");
  }
  if (m.has("id")) {
    Clause c;
    c.id = m.text("id");
    c.family = "CMD";
    c.loc = r.loc;
    if (!is_cmd_clause_id(c.id))
      src.fail(m.need("id", kExpectText), "field rule id '" + c.id + "': expected CMD-N");
    m.set_what("field rule " + c.id);
    c.text = m.text("text");
    c.source = m.text("source");
    c.confidence = read_enum(src, m.need("confidence", names_of(kConfidenceNames)), "confidence",
                             kConfidenceNames);
    c.note = m.opt_text("note").value_or("");
    // Checked by consumption: a wrong outcome shows in CONS and GERROR of the queue.
    for (const char* reg : {"smmu:regs.CMDQ_CONS", "smmu:regs.GERROR", "cmdqv:vcmdq_page0.CONS",
                            "cmdqv:vcmdq_page0.GERROR"}) {
      refs.clause_registers.push_back(Ref{reg, "clause " + c.id, r.loc});
      c.registers.emplace_back(reg);
    }
    r.clause = c.id;
    out.clause = std::move(c);
  } else {
    r.clause = m.text("clause");
    m.set_what("field rule for " + r.clause);
    for (const char* key : {"text", "source", "confidence", "note"}) {
      if (m.has(key))
        src.fail(m.need(key, kExpectText),
                 std::string(key) + ": only a rule that defines its clause (id:) has it");
    }
    refs.opcode_clauses.push_back(Ref{r.clause, "field rule", r.loc});
  }
  const std::string owner = "field rule " + r.clause;
  std::vector<const Opcode*> commands;
  for (const YAML::Node& item : m.sequence("commands")) {
    const std::string name = read_scalar(src, item, "commands entry");
    const auto it = std::find_if(opcodes.begin(), opcodes.end(),
                                 [&](const Opcode& o) { return o.name == name; });
    if (it == opcodes.end()) src.fail(item, owner + ": command '" + name + "' is not in opcodes:");
    commands.push_back(&*it);
    r.opcodes.push_back(it->opcode);
  }
  if (commands.empty())
    src.fail(m.need("commands", kExpectList), owner + ": commands list is empty");
  if (auto when = m.get("when", "a list of " + names_of(kFieldCondNames))) {
    r.when = read_enum_list(src, *when, "when condition", kFieldCondNames);
  }
  const YAML::Node match = m.need("match", "a mapping FIELD: VALUE or a list of them");
  if (match.IsSequence()) {
    for (const YAML::Node& alt : match) r.match.push_back(parse_conjunction(src, alt));
    if (r.match.empty()) src.fail(match, owner + ": match list is empty");
  } else {
    r.match.push_back(parse_conjunction(src, match));
  }
  for (const auto& alt : r.match) {
    for (const FieldTest& t : alt) {
      for (const Opcode* o : commands) {
        const CommandField* f = o->field(t.field);
        if (!f) {
          src.fail(match, owner + ": command " + o->name + " (layout " +
                              (o->layout.empty() ? "none" : o->layout) + ") has no field '" +
                              t.field + "'");
        }
        if (t.value > f->max()) {
          src.fail(match, owner + ": " + t.str() + " does not fit field " + t.field + " (" +
                              std::to_string(f->width) + " bits) of " + o->name);
        }
      }
    }
  }
  r.kind = read_enum(src, m.need("kind", names_of(kFieldRuleKindNames)), "field rule kind",
                     kFieldRuleKindNames);
  if (auto model = m.opt_text("model")) {
    if (r.kind != FieldRuleKind::Either) {
      src.fail(m.need("model", kExpectText),
               owner + ": model: is the default outcome of an either rule only");
    }
    if (*model != "raise" && *model != "ignore") {
      src.fail(m.need("model", kExpectText),
               owner + ": model '" + *model + "': expected raise or ignore");
    }
    r.model_raises = *model == "raise";
  } else if (r.kind == FieldRuleKind::Either) {
    src.fail(
        node,
        owner +
            ": an either rule needs model: raise or model: ignore (the model's default outcome)");
  }
  return out;
}

}  // namespace

CommandFile parse_command_file(const Source& src, const YAML::Node& root, PendingRefs& refs) {
  MapReader m(src, root, "command table", {"layouts", "opcodes", "field_rules"});
  std::map<std::string, std::vector<CommandField>> layouts;
  for (const YAML::Node& node : m.opt_sequence("layouts")) {
    std::string name;
    std::vector<CommandField> fields = parse_layout(src, node, name);
    if (!layouts.emplace(name, std::move(fields)).second)
      src.fail(node, "duplicate layout '" + name + "'");
  }
  CommandFile out;
  for (const YAML::Node& node : m.sequence("opcodes"))
    out.opcodes.push_back(parse_opcode(src, node, refs, layouts));
  for (const YAML::Node& node : m.opt_sequence("field_rules")) {
    ParsedRule p = parse_field_rule(src, node, refs, out.opcodes);
    if (p.clause) out.clauses.push_back(std::move(*p.clause));
    out.field_rules.push_back(std::move(p.rule));
  }
  return out;
}

}  // namespace cts::spec::detail
