// SPDX-License-Identifier: MIT
// Scenario files: parsing, writing and replay (see scenario.h).
#include "cmdqv_cts/harness/scenario.h"

#include <fstream>
#include <sstream>

#include "sequence_executor.h"
#include "yaml_errors.h"

namespace cts::harness {
namespace {

using yaml::fail;
using yaml::flag;
using yaml::loc_of;
using yaml::number;
using yaml::only_keys;

Op parse_access(const std::string& file, const YAML::Node& a, OpKind kind) {
  if (!a.IsMap()) fail(file, a, "expected {region, offset, size[, value]}");
  only_keys(file, a, {"region", "offset", "size", "value", "read_back"});
  Op op;
  op.kind = kind;
  const YAML::Node r = a["region"];
  if (!r || !r.IsScalar() || (r.Scalar() != "smmu" && r.Scalar() != "cmdqv"))
    fail(file, a, "region: smmu or cmdqv");
  op.region = r.Scalar() == "smmu" ? model::Region::Smmu : model::Region::Cmdqv;
  op.offset = number(file, a["offset"], "offset");
  op.size = static_cast<unsigned>(a["size"] ? number(file, a["size"], "size") : 4);
  if (op.size != 4 && op.size != 8) fail(file, a["size"], "size: 4 or 8");
  if (kind == OpKind::Write) op.value = number(file, a["value"], "value");
  op.read_back = flag(file, a, "read_back");
  return op;
}

Op parse_queue_op(const std::string& file, const YAML::Node& q, OpKind kind) {
  if (!q.IsMap()) fail(file, q, "expected a mapping");
  Op op;
  op.kind = kind;
  op.smmu = q["queue"] && q["queue"].IsScalar() && q["queue"].Scalar() == "smmu";
  if (!op.smmu)
    op.queue =
        static_cast<std::uint32_t>(number(file, q["queue"], "queue (a VCMDQ number or smmu)"));
  if (kind == OpKind::BringUp) {
    only_keys(file, q, {"queue", "base", "log2size", "hyp_own", "irq_enable", "borrow_slot_of"});
    op.base = number(file, q["base"], "base");
    op.log2size = static_cast<unsigned>(number(file, q["log2size"], "log2size"));
    op.hyp_own = flag(file, q, "hyp_own");
    op.irq_enable = flag(file, q, "irq_enable");
    if (q["borrow_slot_of"])
      op.borrow_slot_of =
          static_cast<std::int32_t>(number(file, q["borrow_slot_of"], "borrow_slot_of"));
    return op;
  }
  only_keys(file, q, {"queue", "commands", "ack", "skip_err"});
  const YAML::Node cmds = q["commands"];
  if (!cmds || !cmds.IsSequence()) fail(file, q, "commands: a list of [dword0, dword1]");
  for (const YAML::Node& c : cmds) {
    if (!c.IsSequence() || c.size() != 2) fail(file, c, "a command is [dword0, dword1]");
    op.commands.push_back({number(file, c[0], "dword0"), number(file, c[1], "dword1")});
  }
  op.ack = flag(file, q, "ack");
  op.skip_err = flag(file, q, "skip_err");
  if (op.skip_err && !op.ack)
    fail(file, q, "skip_err: only with ack: true (it precedes the acknowledgement)");
  return op;
}

Op parse_step(const std::string& file, const YAML::Node& s) {
  if (s.IsScalar() && s.Scalar() == "run") return Op{};
  if (!s.IsMap() || s.size() != 1)
    fail(file, s, "a step is run, or one of write:, read:, bring_up:, push:");
  const std::string kind = s.begin()->first.Scalar();
  const YAML::Node body = s.begin()->second;
  if (kind == "write") return parse_access(file, body, OpKind::Write);
  if (kind == "read") return parse_access(file, body, OpKind::Read);
  if (kind == "bring_up") return parse_queue_op(file, body, OpKind::BringUp);
  if (kind == "push") return parse_queue_op(file, body, OpKind::Push);
  fail(file, s, "unknown step '" + kind + "' (known: run, write, read, bring_up, push)");
}

using spec::hex;

}  // namespace

Scenario parse_scenario(const std::string& file, const std::string& text) {
  const YAML::Node root = yaml::parse(file, text);
  if (!root.IsMap()) throw spec::SpecError(spec::SourceLoc{file, 1, 1}, "a scenario is a mapping");
  only_keys(file, root, {"scenario", "description", "profile", "clauses", "steps"});
  Scenario s;
  s.loc = loc_of(file, root);
  if (!root["scenario"] || !root["scenario"].IsScalar()) fail(file, root, "scenario: a name");
  s.name = root["scenario"].Scalar();
  if (const YAML::Node d = root["description"]) {
    if (!d.IsScalar()) fail(file, d, "description: a string");
    s.description = d.Scalar();
  }
  const YAML::Node p = root["profile"];
  if (!p || !p.IsScalar() || !profile_from_string(p.Scalar(), s.profile)) {
    fail(file, p ? p : root, "profile: smmuv3, cmdqv-host or cmdqv-guest");
  }
  if (const YAML::Node c = root["clauses"]) {
    // A mapping here once crashed the loader: iterating a map yields pairs, not nodes.
    if (!c.IsSequence()) fail(file, c, "clauses: a list of clause ids");
    for (const YAML::Node& id : c) {
      if (!id.IsScalar()) fail(file, id, "clauses: a clause id is a string");
      s.clauses.push_back(id.Scalar());
    }
  }
  const YAML::Node steps = root["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0)
    fail(file, root, "steps: a non-empty list");
  for (const YAML::Node& st : steps) s.steps.push_back(parse_step(file, st));
  return s;
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw spec::SpecError(spec::SourceLoc{path, 0, 0}, "cannot read the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(path, text.str());
}

namespace {

// A YAML double-quoted scalar that reads back as `s` (found by fuzzing: a description with a
// backslash or a quote was written as YAML the loader refused).
std::string quoted(const std::string& s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += "\\x";
      out += kDigits[u >> 4];
      out += kDigits[u & 0xF];
    } else {
      out += c;  // UTF-8 passes through
    }
  }
  return out + "\"";
}

}  // namespace

std::string to_yaml(const Scenario& s) {
  std::ostringstream y;
  y << "# SPDX-License-Identifier: MIT\n";
  y << "scenario: " << quoted(s.name) << "\n";
  if (!s.description.empty()) y << "description: " << quoted(s.description) << "\n";
  y << "profile: " << to_string(s.profile) << "\n";
  if (!s.clauses.empty()) {
    y << "clauses: [";
    for (std::size_t i = 0; i < s.clauses.size(); ++i) y << (i ? ", " : "") << quoted(s.clauses[i]);
    y << "]\n";
  }
  y << "steps:\n";
  for (const Op& op : s.steps) {
    const std::string queue = op.smmu ? "smmu" : std::to_string(op.queue);
    switch (op.kind) {
      case OpKind::Run:
        y << "  - run\n";
        break;
      case OpKind::Write:
      case OpKind::Read:
        y << "  - " << (op.kind == OpKind::Write ? "write" : "read")
          << ": {region: " << (op.region == model::Region::Smmu ? "smmu" : "cmdqv")
          << ", offset: " << hex(op.offset) << ", size: " << op.size;
        if (op.kind == OpKind::Write) y << ", value: " << hex(op.value);
        if (op.read_back) y << ", read_back: true";
        y << "}\n";
        break;
      case OpKind::BringUp:
        y << "  - bring_up: {queue: " << queue << ", base: " << hex(op.base)
          << ", log2size: " << op.log2size << (op.hyp_own ? ", hyp_own: true" : "")
          << (op.irq_enable ? ", irq_enable: true" : "");
        if (op.borrow_slot_of >= 0) y << ", borrow_slot_of: " << op.borrow_slot_of;
        y << "}\n";
        break;
      case OpKind::Push:
        y << "  - push: {queue: " << queue << ", commands: [";
        for (std::size_t i = 0; i < op.commands.size(); ++i) {
          y << (i ? ", " : "") << "[" << hex(op.commands[i][0]) << ", " << hex(op.commands[i][1])
            << "]";
        }
        y << "]" << (op.ack ? ", ack: true" : "") << (op.skip_err ? ", skip_err: true" : "")
          << "}\n";
        break;
    }
  }
  return y.str();
}

ScenarioResult replay_scenario(std::shared_ptr<const spec::Spec> spec,
                               const model::ModelConfig& config, Device& dut, const Scenario& s) {
  SequenceExecutor executor(std::move(spec), config, dut, nullptr);
  ScenarioResult r;
  auto once = [&]() -> std::optional<std::string> {
    const std::optional<Mismatch> m = executor.execute(s.steps);
    if (!m) return std::nullopt;
    return "step " + std::to_string(m->op + 1) + " (" + describe(s.steps[m->op]) + "): " + m->what;
  };
  r.mismatch = once();
  r.second_mismatch = once();
  return r;
}

}  // namespace cts::harness
