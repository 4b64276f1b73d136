// SPDX-License-Identifier: MIT
// Typed access to yaml-cpp nodes where every failure is a SpecError at the offending node.
#include "yaml_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace cts::spec::detail {

SourceLoc Source::loc(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return SourceLoc{file_, 0, 0};
  return SourceLoc{file_, mark.line + 1, mark.column + 1};  // yaml-cpp counts from 0
}

void Source::fail(const YAML::Node& node, const std::string& message) const {
  throw SpecError(loc(node), message);
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    default:
      return "nothing";
  }
}

std::string trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

std::string read_scalar(const Source& src, const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    src.fail(node, std::string(what) + ": expected a scalar, got " + describe(node));
  }
  return node.Scalar();
}

namespace {

// Decimal or 0x hex, no sign, no suffix; nullopt if `text` is anything else or overflows.
std::optional<std::uint64_t> parse_integer(std::string_view text) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value, base);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

bool is_identifier(std::string_view text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) {
    return false;
  }
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string known_params() {
  std::string out;
  for (std::string_view name : kKnownParams) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

std::uint64_t read_integer(const Source& src, const YAML::Node& node, std::string_view what) {
  std::string text = read_scalar(src, node, what);
  if (auto value = parse_integer(text)) return *value;
  src.fail(node, std::string(what) + " '" + text + "' is not an integer: expected " +
                     std::string(kExpectInteger) + " below 2^64");
}

Quantity read_quantity(const Source& src, const YAML::Node& node, std::string_view what) {
  std::string text = read_scalar(src, node, what);
  if (auto value = parse_integer(text)) return Quantity::of(*value);
  if (is_identifier(text) && !std::isdigit(static_cast<unsigned char>(text[0]))) {
    if (is_known_param(text)) return Quantity{0, text};
    src.fail(node, std::string(what) + ": unknown parameter '" + text + "': expected one of " +
                       known_params());
  }
  src.fail(node, std::string(what) + " '" + text + "': expected " + std::string(kExpectQuantity));
}

bool read_bool(const Source& src, const YAML::Node& node, std::string_view what) {
  std::string text = read_scalar(src, node, what);
  if (text == "true") return true;
  if (text == "false") return false;
  src.fail(node, std::string(what) + " '" + text + "': expected " + std::string(kExpectBool));
}

std::vector<YAML::Node> read_sequence(const Source& src, const YAML::Node& node,
                                      std::string_view what) {
  if (!node.IsSequence()) {
    src.fail(node, std::string(what) + ": expected a list, got " + describe(node));
  }
  return std::vector<YAML::Node>(node.begin(), node.end());
}

namespace {

std::string join(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

MapReader::MapReader(const Source& src, const YAML::Node& node, std::string what,
                     std::initializer_list<std::string_view> allowed)
    : src_(src), node_(node), what_(std::move(what)) {
  if (!node.IsMap()) src.fail(node, what_ + ": expected a mapping, got " + describe(node));
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: `it->` yields a temporary proxy
    if (!key.IsScalar()) src.fail(key, what_ + ": expected a plain key, got " + describe(key));
    const std::string& name = key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      src.fail(key,
               "unknown key '" + name + "' in " + what_ + ": expected one of " + join(allowed));
    }
    // yaml-cpp keeps both copies of a repeated key and lookups see only the first.
    if (const Entry* first = find(name)) {
      src.fail(key, "duplicate key '" + name + "' in " + what_ + " (first at " +
                        src.loc(first->key_node).str() + ")");
    }
    entries_.push_back(Entry{name, key, it->second});
  }
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

YAML::Node MapReader::value_of(const Entry& entry, std::string_view expected) const {
  // A null value's mark is wherever the parser went next, so point at the key instead.
  if (entry.value.IsNull()) {
    src_.fail(entry.key_node, "'" + entry.key + "' in " + what_ + " has no value: expected " +
                                  std::string(expected));
  }
  return entry.value;
}

YAML::Node MapReader::need(std::string_view key, std::string_view expected) const {
  const Entry* entry = find(key);
  if (entry == nullptr) {
    src_.fail(node_, what_ + " is missing required key '" + std::string(key) + "' (" +
                         std::string(expected) + ")");
  }
  return value_of(*entry, expected);
}

std::optional<YAML::Node> MapReader::get(std::string_view key, std::string_view expected) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  return value_of(*entry, expected);
}

std::string MapReader::text(std::string_view key) const {
  YAML::Node node = need(key, kExpectText);
  std::string value = trim(read_scalar(src_, node, key));
  if (value.empty()) {
    src_.fail(node, "'" + std::string(key) + "' in " + what_ + " is empty: expected " +
                        std::string(kExpectText));
  }
  return value;
}

std::optional<std::string> MapReader::opt_text(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return text(key);
}

std::uint64_t MapReader::integer(std::string_view key) const {
  return read_integer(src_, need(key, kExpectInteger), key);
}

std::optional<std::uint64_t> MapReader::opt_integer(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return integer(key);
}

std::optional<Quantity> MapReader::opt_quantity(std::string_view key) const {
  auto node = get(key, kExpectQuantity);
  if (!node) return std::nullopt;
  return read_quantity(src_, *node, key);
}

std::optional<bool> MapReader::opt_bool(std::string_view key) const {
  auto node = get(key, kExpectBool);
  if (!node) return std::nullopt;
  return read_bool(src_, *node, key);
}

std::vector<YAML::Node> MapReader::sequence(std::string_view key) const {
  return read_sequence(src_, need(key, kExpectList), key);
}

std::vector<YAML::Node> MapReader::opt_sequence(std::string_view key) const {
  if (!has(key)) return {};
  return sequence(key);
}

}  // namespace cts::spec::detail
