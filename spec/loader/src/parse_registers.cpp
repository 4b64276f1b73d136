// SPDX-License-Identifier: MIT
// Reads a register file (`region:`) and checks what one region can check on its own.
#include <charconv>
#include <string>
#include <vector>

#include "parse.h"

namespace cts::spec::detail {
namespace {

std::string str(const Quantity& q) {
  return q.param.empty() ? std::to_string(q.literal) : q.param;
}

// A count that may exceed 1 needs a stride to place the instances; a count of 0 is a typo.
void check_array(const MapReader& m, std::string_view count_key, const Quantity& count,
                 std::string_view stride_key, std::uint64_t stride) {
  const Source& src = m.source();
  const std::string ck(count_key), sk(stride_key);
  if (count.param.empty() && count.literal == 0) {
    src.fail(m.need(count_key, kExpectQuantity),
             ck + " of " + m.what() + " is 0: expected at least 1");
  }
  if (count.param.empty() && count.literal == 1) return;
  if (!m.has(stride_key)) {
    src.fail(m.need(count_key, kExpectQuantity),
             ck + " " + str(count) + " of " + m.what() + " may exceed 1 but there is no " + sk +
                 ": expected " + sk + " > 0 to place the instances");
  }
  if (stride == 0) {
    src.fail(m.need(stride_key, kExpectInteger),
             sk + " of " + m.what() + " is 0: expected > 0 since " + ck + " is " + str(count));
  }
}

// The first of `earlier` named `name` must not exist: names are how code and clauses refer.
template <class T>
void check_unique(const Source& src, const std::vector<T>& earlier, const std::string& name,
                  const YAML::Node& name_node, const std::string& kind, const std::string& scope) {
  for (const T& item : earlier) {
    if (item.name == name) {
      src.fail(name_node, "duplicate " + kind + " name '" + name + "' in " + scope + " (first at " +
                              item.loc.str() + ")");
    }
  }
}

std::optional<unsigned> parse_bit_number(std::string_view text) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string bits_str(const Field& f) {
  return f.msb == f.lsb ? std::to_string(f.lsb)
                        : std::to_string(f.msb) + ":" + std::to_string(f.lsb);
}

// Sets f.msb/f.lsb from "MSB:LSB" or "N", inside a register of `width` bits.
void parse_bits(const Source& src, const YAML::Node& node, unsigned width, Field& f) {
  std::string text = read_scalar(src, node, "bits");
  auto colon = text.find(':');
  auto msb = parse_bit_number(std::string_view(text).substr(0, colon));
  auto lsb =
      colon == std::string::npos ? msb : parse_bit_number(std::string_view(text).substr(colon + 1));
  if (!msb || !lsb) {
    src.fail(node, "malformed bits '" + text + "' of field " + f.name +
                       ": expected \"MSB:LSB\" or \"N\" with decimal bit numbers");
  }
  if (*msb < *lsb) {
    src.fail(node, "bits '" + text + "' of field " + f.name + ": MSB " + std::to_string(*msb) +
                       " is below LSB " + std::to_string(*lsb) +
                       ": expected \"MSB:LSB\" with MSB >= LSB");
  }
  if (*msb >= width) {
    src.fail(node, "field " + f.name + " bits '" + text + "' lie outside the " +
                       std::to_string(width) + "-bit register: expected bits within " +
                       std::to_string(width - 1) + ":0");
  }
  f.msb = *msb;
  f.lsb = *lsb;
}

bool reads_as_zero(Access a) {
  return a == Access::RAZ_WI || a == Access::RES0;
}

void check_field_reset(const MapReader& m, const Field& f) {
  if (!f.reset || !f.reset->param.empty()) return;  // a parameter's value is only known later
  const YAML::Node node = m.need("reset", kExpectQuantity);
  const std::uint64_t value = f.reset->literal;
  const std::uint64_t max = f.mask() >> f.lsb;
  if (value > max) {
    m.source().fail(node, "reset " + hex(value) + " of field " + f.name + " does not fit its " +
                              std::to_string(f.msb - f.lsb + 1) + "-bit field: expected at most " +
                              hex(max));
  }
  if (value != 0 && reads_as_zero(f.access)) {
    m.source().fail(node, "reset " + hex(value) + " of field " + f.name + " which is " +
                              std::string(to_string(f.access)) + " (reads as zero): expected 0");
  }
}

// One field of `reg`; reg.fields holds the fields before it (names and bits must not repeat).
Field parse_field(const Source& src, const YAML::Node& node, const Register& reg) {
  MapReader m(src, node, "field of register " + reg.name,
              {"name", "bits", "access", "reset", "res0_unless", "res0_from", "either_on_write",
               "undocumented", "description"});
  Field f;
  f.name = m.text("name");
  f.loc = m.loc();
  check_unique(src, reg.fields, f.name, m.need("name", kExpectText), "field",
               "register " + reg.name);
  m.set_what("field " + f.name + " of register " + reg.name);
  const YAML::Node bits = m.need("bits", "\"MSB:LSB\" or \"N\"");
  parse_bits(src, bits, reg.width, f);
  for (const Field& other : reg.fields) {
    if ((other.mask() & f.mask()) != 0) {
      src.fail(bits, "field " + f.name + " (bits " + bits_str(f) + ") overlaps field " +
                         other.name + " (bits " + bits_str(other) + ", at " + other.loc.str() +
                         ") in register " + reg.name);
    }
  }
  f.access = read_enum(src, m.need("access", names_of(kAccessNames)), "access kind", kAccessNames);
  f.reset = m.opt_quantity("reset");
  check_field_reset(m, f);
  if (auto unless = m.get("res0_unless", "a feature parameter or a list of them")) {
    const std::vector<YAML::Node> items = unless->IsSequence()
                                              ? read_sequence(src, *unless, "res0_unless list")
                                              : std::vector<YAML::Node>{*unless};
    for (const YAML::Node& item : items) {
      const Quantity q = read_quantity(src, item, "res0_unless of field " + f.name);
      if (q.param.empty()) {
        src.fail(item, "res0_unless of field " + f.name + ": '" + item.Scalar() +
                           "' is a number: expected a feature parameter such as pri, ats, msi");
      }
      f.res0_unless.push_back(q.param);
    }
  }
  if (auto from = m.get("res0_from", "a parameter holding a bit count (oas)")) {
    const Quantity q = read_quantity(src, *from, "res0_from of field " + f.name);
    if (q.param.empty()) {
      src.fail(*from, "res0_from of field " + f.name + ": '" + from->Scalar() +
                          "' is a number: expected a parameter such as oas");
    }
    f.res0_from = q.param;
  }
  if (auto either = m.get("either_on_write", "the id of a disputed clause")) {
    f.either_on_write = read_scalar(src, *either, "either_on_write");
    if (f.access != Access::RO) {
      src.fail(*either, "either_on_write on field " + f.name + " which is " +
                            std::string(to_string(f.access)) +
                            ": expected it only on an RO field (a write an implementation may "
                            "store or ignore)");
    }
  }
  if (auto undocumented = m.get("undocumented", "true or false")) {
    f.undocumented = read_bool(src, *undocumented, "undocumented");
  }
  f.description = m.opt_text("description").value_or("");
  return f;
}

unsigned parse_width(const MapReader& m) {
  auto node = m.get("width", "32 or 64");
  if (!node) return 32;
  std::uint64_t width = read_integer(m.source(), *node, "width");
  if (width != 32 && width != 64) {
    m.source().fail(*node,
                    "width " + std::to_string(width) + " of " + m.what() + ": expected 32 or 64");
  }
  return static_cast<unsigned>(width);
}

std::vector<View> parse_views(const Source& src, const YAML::Node& node) {
  std::vector<View> views = read_enum_list(src, node, "view", kViewNames);
  if (views.empty()) src.fail(node, "views list is empty: expected at least one of host, guest");
  return views;
}

// A literal register reset may only set bits of fields that hold them: inside the width, in
// a field that is not RAZ/WI or RES0 (bits no field covers are RES0 too).
void check_register_reset(const MapReader& m, const Register& r) {
  if (!m.has("reset") || !r.reset.param.empty()) return;
  const Source& src = m.source();
  const YAML::Node node = m.need("reset", kExpectQuantity);
  const std::uint64_t value = r.reset.literal;
  const std::uint64_t width_mask = r.width >= 64 ? ~0ull : (1ull << r.width) - 1;
  const std::string head = "reset " + hex(value) + " of register " + r.name;
  if ((value & ~width_mask) != 0) {
    src.fail(node, head + " has bits outside its " + std::to_string(r.width) +
                       "-bit width: expected a value within " + hex(width_mask));
  }
  std::uint64_t covered = 0;
  for (const Field& f : r.fields) {
    covered |= f.mask();
    if (reads_as_zero(f.access) && (value & f.mask()) != 0) {
      src.fail(node, head + " sets bits of field " + f.name + " (bits " + bits_str(f) +
                         "), which is " + std::string(to_string(f.access)) +
                         ": expected those bits 0");
    }
  }
  if ((value & ~covered) != 0) {
    src.fail(node, head + " sets bits " + hex(value & ~covered) +
                       " that no field covers (RES0): expected those bits 0");
  }
}

Register parse_register(const Source& src, const YAML::Node& node, const Block& block) {
  MapReader m(src, node, "register of block " + block.name,
              {"name", "offset", "width", "reset", "reset_known", "views", "count", "stride",
               "fields", "description"});
  Register r;
  r.name = m.text("name");
  r.loc = m.loc();
  check_unique(src, block.registers, r.name, m.need("name", kExpectText), "register",
               "block " + block.name);
  m.set_what("register " + r.name + " of block " + block.name);
  r.offset = m.integer("offset");
  r.width = parse_width(m);
  r.reset = m.opt_quantity("reset").value_or(Quantity::of(0));
  r.reset_known = m.opt_bool("reset_known").value_or(true);
  if (auto views = m.get("views", "a list of host, guest")) r.views = parse_views(src, *views);
  r.count = m.opt_quantity("count").value_or(Quantity::of(1));
  r.stride = m.opt_integer("stride").value_or(0);
  check_array(m, "count", r.count, "stride", r.stride);
  for (const YAML::Node& field : m.sequence("fields"))
    r.fields.push_back(parse_field(src, field, r));
  check_register_reset(m, r);
  r.description = m.opt_text("description").value_or("");
  return r;
}

// Where an alias block's targets were named, for errors found once every block is known.
struct AliasNames {
  std::size_t block = 0;
  SourceLoc of;
  SourceLoc through;
};

// Also records where `of` and `through` were written, for check_alias.
Alias parse_alias(const Source& src, const YAML::Node& node, const std::string& block,
                  AliasNames& names) {
  MapReader m(src, node, "alias of block " + block, {"of", "through", "slots", "slot_stride"});
  Alias a;
  a.loc = m.loc();
  a.of = m.text("of");
  names.of = src.loc(m.need("of", kExpectText));
  a.through = m.text("through");
  names.through = src.loc(m.need("through", kExpectText));
  a.slots = read_quantity(src, m.need("slots", kExpectQuantity), "slots");
  a.slot_stride = m.opt_integer("slot_stride").value_or(0);
  check_array(m, "slots", a.slots, "slot_stride", a.slot_stride);
  return a;
}

Block parse_block(const Source& src, const YAML::Node& node, const RegionSpec& region,
                  std::vector<AliasNames>& aliases) {
  MapReader m(src, node, "block",
              {"name", "base", "count", "stride", "registers", "alias", "description"});
  Block b;
  b.name = m.text("name");
  b.loc = m.loc();
  check_unique(src, region.blocks, b.name, m.need("name", kExpectText), "block",
               "region " + region.name);
  m.set_what("block " + b.name);
  b.base = m.integer("base");
  b.count = m.opt_quantity("count").value_or(Quantity::of(1));
  b.stride = m.opt_integer("stride").value_or(0);
  check_array(m, "count", b.count, "stride", b.stride);
  b.description = m.opt_text("description").value_or("");
  if (auto alias = m.get("alias", "a mapping")) {
    if (m.has("registers")) {
      src.fail(*alias, "block " + b.name +
                           " has both alias and registers: an alias block is a "
                           "window onto another block and has no registers of its own");
    }
    AliasNames names{region.blocks.size(), {}, {}};
    b.alias = parse_alias(src, *alias, b.name, names);
    aliases.push_back(std::move(names));
    return b;
  }
  if (!m.has("registers")) {
    src.fail(node, "block " + b.name + " has neither registers nor alias: expected one of them");
  }
  auto regs = m.sequence("registers");
  if (regs.empty())
    src.fail(m.need("registers", kExpectList), "block " + b.name + " has no registers");
  for (const YAML::Node& reg : regs) b.registers.push_back(parse_register(src, reg, b));
  return b;
}

// `of` is the block whose instances the alias shows; `through` is the map block (CMDQ_ALLOC)
// whose first register picks them. Both must be ordinary blocks of this region.
void check_alias(const RegionSpec& region, const Block& b, const AliasNames& names) {
  auto check = [&](const std::string& target, const SourceLoc& loc, const char* key) {
    const std::string head = "alias block " + b.name + ": " + key + " '" + target + "' names ";
    const Block* found = region.block(target);
    if (found == nullptr) {
      throw SpecError(loc, head + "no block in region " + region.name +
                               ": expected the name of a block with registers");
    }
    if (found->alias)
      throw SpecError(loc, head + "an alias block: expected a block with registers");
  };
  check(b.alias->of, names.of, "of");
  check(b.alias->through, names.through, "through");
}

}  // namespace

RegionSpec parse_region(const Source& src, const YAML::Node& root) {
  MapReader m(src, root, "register file", {"region", "description", "blocks"});
  RegionSpec region;
  region.name = m.text("region");
  region.loc = src.loc(m.need("region", kExpectText));
  region.description = m.opt_text("description").value_or("");
  std::vector<AliasNames> aliases;
  for (const YAML::Node& block : m.sequence("blocks")) {
    region.blocks.push_back(parse_block(src, block, region, aliases));
  }
  for (const AliasNames& names : aliases) check_alias(region, region.blocks[names.block], names);
  check_layout(region, reference_geometry());
  return region;
}

}  // namespace cts::spec::detail
