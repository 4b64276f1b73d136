// SPDX-License-Identifier: MIT
// Fuzz target: the spec loader. The input is one spec document, "NAME\nYAML": it replaces the
// embedded document NAME (e.g. spec/registers/smmu.yaml), or joins them when no document has that
// name, so mutations reach the cross-checks between files too. A SpecError is the loader's answer
// to bad input; any other exception, a crash or a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cmdqv_cts/spec/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string name = input.substr(0, nl);
  const std::string text = nl == std::string::npos ? "" : input.substr(nl + 1);
  std::vector<cts::spec::SpecText> docs = cts::spec::embedded_spec_texts();
  bool replaced = false;
  for (cts::spec::SpecText& d : docs) {
    if (d.file == name) {
      d.text = text;
      replaced = true;
    }
  }
  if (!replaced) docs.push_back({"fuzz.yaml", text});
  try {
    (void)cts::spec::load_spec(docs);
  } catch (const cts::spec::SpecError&) {
  }
  return 0;
}
