# SPDX-License-Identifier: MIT
# Writes OUT: a C++ file holding every YAML file of FILES as (name, text) pairs.
# Names are relative to ROOT so that error messages say "spec/registers/cmdqv.yaml".
set(body "// Generated from spec/ by embed_spec.cmake. Do not edit.\n#include \"cmdqv_cts/spec/loader.h\"\n")
string(APPEND body "namespace cts::spec {\nconst std::vector<SpecText>& embedded_spec_texts() {\n  static const std::vector<SpecText> texts = {\n")
list(SORT FILES)
foreach(f IN LISTS FILES)
  file(READ ${f} content)
  file(RELATIVE_PATH rel ${ROOT} ${f})
  # A raw string with a delimiter the YAML cannot contain.
  string(APPEND body "    {\"${rel}\", R\"cts_spec(${content})cts_spec\"},\n")
endforeach()
string(APPEND body "  };\n  return texts;\n}\n}  // namespace cts::spec\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
