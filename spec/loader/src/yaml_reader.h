// SPDX-License-Identifier: MIT
// Typed access to yaml-cpp nodes where every failure is a SpecError at the offending node.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cmdqv_cts/spec/spec.h"
#include "enum_names.h"

namespace cts::spec::detail {

// The document being read: turns nodes into locations and errors.
class Source {
 public:
  explicit Source(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }
  SourceLoc loc(const YAML::Node& node) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

 private:
  std::string file_;
};

// "a mapping", "a sequence", "nothing (null)" or "'text'": what a node was, for messages.
std::string describe(const YAML::Node& node);
// `text` with surrounding whitespace removed (folded YAML scalars end in a newline).
std::string trim(std::string_view text);

// Node-level readers; `what` names the value in messages ("offset", "views entry").
std::string read_scalar(const Source& src, const YAML::Node& node, std::string_view what);
std::uint64_t read_integer(const Source& src, const YAML::Node& node, std::string_view what);
Quantity read_quantity(const Source& src, const YAML::Node& node, std::string_view what);
bool read_bool(const Source& src, const YAML::Node& node, std::string_view what);
std::vector<YAML::Node> read_sequence(const Source& src, const YAML::Node& node,
                                      std::string_view what);

template <class E, std::size_t N>
E read_enum(const Source& src, const YAML::Node& node, std::string_view what,
            const Named<E> (&table)[N]) {
  std::string text = read_scalar(src, node, what);
  if (auto value = value_of(table, text)) return *value;
  src.fail(node,
           "unknown " + std::string(what) + " '" + text + "': expected one of " + names_of(table));
}

// A sequence of enum spellings, each at most once.
template <class E, std::size_t N>
std::vector<E> read_enum_list(const Source& src, const YAML::Node& node, std::string_view what,
                              const Named<E> (&table)[N]) {
  std::vector<E> out;
  for (const YAML::Node& item : read_sequence(src, node, std::string(what) + " list")) {
    E value = read_enum(src, item, what, table);
    for (E seen : out) {
      if (seen == value)
        src.fail(item, "duplicate " + std::string(what) + " '" + item.Scalar() + "'");
    }
    out.push_back(value);
  }
  return out;
}

// A YAML mapping checked on construction: it is a mapping, its keys are plain scalars, each
// appears once and each is one of `allowed`. Lookups never insert (unlike Node::operator[]).
class MapReader {
 public:
  MapReader(const Source& src, const YAML::Node& node, std::string what,
            std::initializer_list<std::string_view> allowed);

  const Source& source() const { return src_; }
  SourceLoc loc() const { return src_.loc(node_); }
  const std::string& what() const { return what_; }
  // Once the entry's name is known, messages say "register CONFIG" rather than "register".
  void set_what(std::string what) { what_ = std::move(what); }
  bool has(std::string_view key) const { return find(key) != nullptr; }

  // The value of `key` (an error naming the mapping if it is absent). A key present with
  // no value is an error at the key that says what was expected.
  YAML::Node need(std::string_view key, std::string_view expected) const;
  std::optional<YAML::Node> get(std::string_view key, std::string_view expected) const;

  std::string text(std::string_view key) const;  // required, non-empty after trimming
  std::optional<std::string> opt_text(std::string_view key) const;
  std::uint64_t integer(std::string_view key) const;
  std::optional<std::uint64_t> opt_integer(std::string_view key) const;
  std::optional<Quantity> opt_quantity(std::string_view key) const;
  std::optional<bool> opt_bool(std::string_view key) const;
  std::vector<YAML::Node> sequence(std::string_view key) const;      // required
  std::vector<YAML::Node> opt_sequence(std::string_view key) const;  // absent: empty

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  const Entry* find(std::string_view key) const;
  YAML::Node value_of(const Entry& entry, std::string_view expected) const;

  const Source& src_;
  YAML::Node node_;
  std::string what_;
  std::vector<Entry> entries_;
};

inline constexpr std::string_view kExpectInteger = "an integer (decimal or 0x hex)";
inline constexpr std::string_view kExpectQuantity =
    "an integer (decimal or 0x hex) or a parameter name";
inline constexpr std::string_view kExpectText = "a non-empty string";
inline constexpr std::string_view kExpectList = "a list";
inline constexpr std::string_view kExpectBool = "true or false";

}  // namespace cts::spec::detail
