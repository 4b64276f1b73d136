// SPDX-License-Identifier: MIT
// Escaping for the report formats: JSON strings, XML/HTML text and attributes.
#pragma once

#include <string>

namespace cts::harness {

std::string escape_json(const std::string& s);
// A JSON string literal, quotes included.
inline std::string json_string(const std::string& s) {
  return "\"" + escape_json(s) + "\"";
}
// Text or attribute value in XML and HTML.
std::string escape_xml(const std::string& s);

}  // namespace cts::harness
