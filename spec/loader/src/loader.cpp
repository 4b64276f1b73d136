// SPDX-License-Identifier: MIT
// Entry points: parse documents by kind, merge, cross-check; read spec/ from disk or binary.
#include "cmdqv_cts/spec/loader.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include "parse.h"

namespace cts::spec {
namespace {

namespace fs = std::filesystem;
using detail::Source;

SourceLoc mark_loc(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return SourceLoc{file, 0, 0};
  return SourceLoc{file, mark.line + 1, mark.column + 1};
}

// Where each document of a YAML stream starts: the mark of its root node (or of the document
// start when it has none). The events inside are ignored.
class DocumentStarts final : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override {
    starts.push_back(mark);
    awaiting_root_ = true;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { root_at(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { root_at(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    root_at(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    root_at(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    root_at(mark);
  }
  void OnMapEnd() override {}

 private:
  bool awaiting_root_ = false;
  void root_at(const YAML::Mark& mark) {
    if (awaiting_root_ && !mark.is_null()) starts.back() = mark;
    awaiting_root_ = false;
  }
};

// The one YAML document in `doc`. The stream is walked for at most two documents rather than
// with YAML::LoadAll, which loops forever on a token it cannot place (yaml-cpp 0.7 on a stray
// "," in block context: it yields an endless run of null documents without consuming it).
YAML::Node parse_yaml(const SpecText& doc) {
  DocumentStarts documents;
  YAML::Node root;
  try {
    std::istringstream stream(doc.text);
    YAML::Parser parser(stream);
    while (documents.starts.size() < 2 && parser.HandleNextDocument(documents)) {
    }
    if (!documents.starts.empty()) root = YAML::Load(doc.text);
  } catch (const YAML::Exception& e) {
    throw SpecError(mark_loc(doc.file, e.mark), "YAML syntax error: " + e.msg);
  }
  if (documents.starts.empty()) {
    throw SpecError(SourceLoc{doc.file, 0, 0}, "empty document: expected YAML");
  }
  if (documents.starts.size() > 1) {
    throw SpecError(mark_loc(doc.file, documents.starts[1]),
                    "a second YAML document, or text that YAML cannot place in the first: "
                    "expected one document per file");
  }
  return root;
}

enum class Kind { Region, Family, Opcodes };

// The document's kind, from which of the top-level keys it has.
Kind kind_of(const Source& src, const YAML::Node& root) {
  constexpr std::pair<std::string_view, Kind> kKinds[] = {
      {"region", Kind::Region}, {"family", Kind::Family}, {"opcodes", Kind::Opcodes}};
  if (root.IsMap()) {
    for (const auto& [key, kind] : kKinds) {
      for (auto it = root.begin(); it != root.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) return kind;
      }
    }
  }
  src.fail(root,
           "unknown kind of spec document: expected a mapping with a top-level key region: "
           "(register file), family: (clause file) or opcodes: (command table)");
}

void load_document(const SpecText& doc, Spec& spec, detail::PendingRefs& refs) {
  const Source src(doc.file);
  const YAML::Node root = parse_yaml(doc);
  try {
    switch (kind_of(src, root)) {
      case Kind::Region:
        detail::merge_region(spec, detail::parse_region(src, root));
        break;
      case Kind::Family:
        detail::merge_clauses(spec, detail::parse_clause_file(src, root, refs));
        break;
      case Kind::Opcodes: {
        detail::CommandFile file = detail::parse_command_file(src, root, refs);
        detail::merge_opcodes(spec, std::move(file.opcodes));
        detail::merge_clauses(spec, std::move(file.clauses));
        for (FieldRule& r : file.field_rules) spec.field_rules.push_back(std::move(r));
        break;
      }
    }
  } catch (const YAML::Exception& e) {
    // The readers avoid throwing accessors; this keeps any miss a located SpecError.
    throw SpecError(mark_loc(doc.file, e.mark), "YAML error: " + e.msg);
  }
}

SpecText read_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw SpecError(SourceLoc{path.string()}, "cannot read spec file: not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SpecError(SourceLoc{path.string()}, "cannot open spec file for reading");
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw SpecError(SourceLoc{path.string()}, "cannot read spec file");
  return SpecText{path.string(), std::move(text)};
}

// DIR/*.yaml in name order; a missing optional directory contributes nothing.
void read_yaml_dir(const fs::path& dir, bool required, std::vector<SpecText>& out) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (!required) return;
    throw SpecError(SourceLoc{dir.string()}, "spec directory not found");
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".yaml") files.push_back(it->path());
  }
  if (ec) throw SpecError(SourceLoc{dir.string()}, "cannot list spec directory: " + ec.message());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) out.push_back(read_file(file));
}

}  // namespace

Spec load_spec(const std::vector<SpecText>& documents) {
  Spec spec;
  detail::PendingRefs refs;
  for (const SpecText& doc : documents) load_document(doc, spec, refs);
  // References may point forward into later documents, so resolve them only now.
  detail::check_refs(spec, refs);
  return spec;
}

Spec load_spec_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw SpecError(
        SourceLoc{dir.string()},
        "spec directory not found: expected registers/, clauses/ and commands.yaml in it");
  }
  std::vector<SpecText> documents;
  read_yaml_dir(dir / "registers", true, documents);
  read_yaml_dir(dir / "clauses", false, documents);
  // The command table is optional: without it every opcode is Reserved.
  if (fs::exists(fs::symlink_status(dir / "commands.yaml", ec))) {
    documents.push_back(read_file(dir / "commands.yaml"));
  }
  return load_spec(documents);
}

Spec load_embedded_spec() {
  return load_spec(embedded_spec_texts());
}

}  // namespace cts::spec
