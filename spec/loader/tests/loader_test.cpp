// SPDX-License-Identifier: MIT
// Loader tests: the real spec loads; each malformed-spec class is reported at file:line:col.
#include "cmdqv_cts/spec/loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "cmdqv_cts/spec/spec.h"

namespace cts::spec {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Spec types

TEST(SpecTypes, SourceLocPrintsFileLineColumnOrJustFile) {
  EXPECT_EQ((SourceLoc{"a.yaml", 3, 7}.str()), "a.yaml:3:7");
  EXPECT_EQ((SourceLoc{"a.yaml", 0, 0}.str()), "a.yaml");
}

TEST(SpecTypes, SpecErrorWhatIsLocationThenMessage) {
  SpecError e(SourceLoc{"f.yaml", 2, 5}, "bad thing");
  EXPECT_STREQ(e.what(), "f.yaml:2:5: bad thing");
  EXPECT_EQ(e.message(), "bad thing");
  EXPECT_EQ(e.where().line, 2);
}

TEST(SpecTypes, EnumSpellingsRoundTrip) {
  for (auto a :
       {Access::RW, Access::RO, Access::W1C, Access::RAZ_WI, Access::RES0, Access::WIRED0_GUEST}) {
    EXPECT_EQ(access_from_string(to_string(a)), a);
  }
  EXPECT_EQ(to_string(Access::RAZ_WI), "RAZ/WI");
  EXPECT_EQ(to_string(Access::WIRED0_GUEST), "wired-0-in-guest");
  EXPECT_EQ(view_from_string("guest"), View::Guest);
  EXPECT_EQ(to_string(View::Host), "host");
  EXPECT_EQ(confidence_from_string("disputed"), Confidence::Disputed);
  EXPECT_EQ(to_string(Confidence::Inferred), "inferred");
  EXPECT_EQ(ill_when_from_string("resp_reserved"), IllWhen::RespReserved);
  EXPECT_EQ(to_string(IllWhen::NoStall), "no_stall");
  EXPECT_EQ(to_string(IllWhen::ImplDefined), "impl_defined");
  EXPECT_EQ(guest_rule_from_string("accept"), GuestRule::Accept);
  EXPECT_EQ(to_string(GuestRule::Disputed), "disputed");
  EXPECT_FALSE(access_from_string("rw"));
  EXPECT_FALSE(view_from_string("Host"));
  EXPECT_FALSE(ill_when_from_string("no_s3"));
}

TEST(SpecTypes, QuantityResolvesLiteralOrParameter) {
  Params p{{"vintfs", 4}};
  EXPECT_EQ(Quantity::of(7).resolve(p), 7u);
  EXPECT_EQ((Quantity{0, "vintfs"}.resolve(p)), 4u);
  EXPECT_THROW((Quantity{0, "vcmdqs"}.resolve(p)), std::out_of_range);
}

TEST(SpecTypes, ReferenceGeometryValuesEveryKnownParameter) {
  const Params g = reference_geometry();
  for (std::string_view name : kKnownParams) EXPECT_TRUE(g.contains(name)) << name;
  EXPECT_EQ(g.size(), std::size(kKnownParams));
  EXPECT_EQ(g.at("vintfs"), 1u << g.at("vintfs_log2"));
  EXPECT_EQ(g.at("vcmdqs"), 1u << g.at("vcmdqs_log2"));
  EXPECT_EQ(g.at("lvcmdqs_per_vintf"), g.at("vcmdqs") / g.at("vintfs"));
  EXPECT_EQ(g.at("sids_per_vintf"), 1u << g.at("sids_log2"));
  EXPECT_TRUE(is_known_param("sids_per_vintf"));
  EXPECT_FALSE(is_known_param("vintf"));
}

// ---------------------------------------------------------------------------------------------
// The real spec

void expect_cmdqv_sanity(const Spec& spec) {
  const RegionSpec* cmdqv = spec.region("cmdqv");
  ASSERT_NE(cmdqv, nullptr);
  const Block* vintf = cmdqv->block("vintf");
  ASSERT_NE(vintf, nullptr);
  EXPECT_EQ(vintf->count.param, "vintfs");
  const Register* config = vintf->reg("CONFIG");
  ASSERT_NE(config, nullptr);
  const Field* hyp_own = config->field("HYP_OWN");
  ASSERT_NE(hyp_own, nullptr);
  EXPECT_EQ(hyp_own->lsb, 17u);
  EXPECT_EQ(hyp_own->msb, 17u);
  EXPECT_EQ(hyp_own->access, Access::WIRED0_GUEST);

  const Register* param = cmdqv->block("config")->reg("PARAM");
  ASSERT_NE(param, nullptr);
  EXPECT_EQ(param->field("NUM_VCMDQ_LOG2")->reset->param, "vcmdqs_log2");
  EXPECT_EQ(param->field("NUM_VINTF_LOG2")->reset->param, "vintfs_log2");
  EXPECT_EQ(param->field("NUM_SID_PER_VM_LOG2")->reset->param, "sids_log2");
  EXPECT_EQ(param->field("VER")->reset->literal, 1u);

  const Block* page0 = cmdqv->block("vintf_page0");
  ASSERT_NE(page0, nullptr);
  ASSERT_TRUE(page0->alias);
  EXPECT_TRUE(page0->registers.empty());
  EXPECT_EQ(page0->alias->of, "vcmdq_page0");
  EXPECT_EQ(page0->alias->through, "cmdq_alloc");
  EXPECT_EQ(page0->alias->slots.param, "lvcmdqs_per_vintf");
}

void expect_smmu_sanity(const Spec& spec) {
  const RegionSpec* smmu = spec.region("smmu");
  ASSERT_NE(smmu, nullptr);
  const Register* base = smmu->block("regs")->reg("CMDQ_BASE");
  ASSERT_NE(base, nullptr);
  EXPECT_EQ(base->width, 64u);
  EXPECT_FALSE(base->reset_known);
  EXPECT_EQ(smmu->block("regs")->reg("CMDQ_PROD")->width, 32u);
}

// Same regions, blocks, registers, clauses and opcodes, by name and in number.
void expect_same_shape(const Spec& a, const Spec& b) {
  ASSERT_EQ(a.regions.size(), b.regions.size());
  for (const RegionSpec& region : a.regions) {
    SCOPED_TRACE(region.name);
    const RegionSpec* other = b.region(region.name);
    ASSERT_NE(other, nullptr);
    ASSERT_EQ(region.blocks.size(), other->blocks.size());
    for (const Block& block : region.blocks) {
      const Block* ob = other->block(block.name);
      ASSERT_NE(ob, nullptr) << block.name;
      EXPECT_EQ(block.registers.size(), ob->registers.size()) << block.name;
    }
  }
  EXPECT_EQ(a.clauses.size(), b.clauses.size());
  for (const Clause& c : a.clauses) EXPECT_NE(b.clause(c.id), nullptr) << c.id;
  EXPECT_EQ(a.opcodes.size(), b.opcodes.size());
}

TEST(RealSpec, EmbeddedSpecLoadsWithCmdqvAndSmmuRegions) {
  const Spec spec = load_embedded_spec();
  expect_cmdqv_sanity(spec);
  expect_smmu_sanity(spec);
}

TEST(RealSpec, FieldRulesDefineSourcedCmdClausesOverTheLayouts) {
  const Spec spec = load_embedded_spec();
  const Opcode* va = spec.opcode(0x12);
  ASSERT_NE(va, nullptr);
  ASSERT_NE(va->field("TG"), nullptr);
  EXPECT_EQ(va->field("TG")->lsb, 74u);  // dword1 [11:10] (CMDQ_TLBI_1_TG)
  EXPECT_EQ(va->field("TG")->width, 2u);
  EXPECT_EQ(va->field("NUM")->lsb, 12u);
  ASSERT_FALSE(spec.field_rules.empty());
  for (const FieldRule& r : spec.field_rules) {
    const Clause* c = spec.clause(r.clause);
    ASSERT_NE(c, nullptr) << r.clause;
    EXPECT_EQ(c->family, "CMD");
    EXPECT_NE(c->source.find("IHI 0070"), std::string::npos) << r.clause;
    EXPECT_FALSE(r.opcodes.empty());
    EXPECT_FALSE(r.match.empty());
  }
  const auto reserved = std::find_if(spec.field_rules.begin(), spec.field_rules.end(),
                                     [](const FieldRule& r) { return r.clause == "CMD-11"; });
  ASSERT_NE(reserved, spec.field_rules.end());
  EXPECT_EQ(reserved->kind, FieldRuleKind::MustRaise);
  EXPECT_EQ(reserved->describe(), "TG != 0, NUM == 0, SCALE == 0, TTL == 0");
  ASSERT_EQ(reserved->when.size(), 1u);
  EXPECT_EQ(reserved->when[0], FieldCond::Ril);
}

// The clauses whose outcome has distinct cases list them; a run counts each one it compared.
TEST(RealSpec, ClausesWithBranchesListThem) {
  const Spec spec = load_embedded_spec();
  auto branches_of = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const Clause& c : spec.clauses) {
      if (c.id != id) continue;
      for (const ClauseBranch& b : c.branches) out.push_back(b.id);
    }
    return out;
  };
  EXPECT_EQ(branches_of("Q-4"), (std::vector<std::string>{"below", "equal", "above"}));
  EXPECT_EQ(branches_of("Q-5"), (std::vector<std::string>{"aligned", "misaligned", "one-entry"}));
  EXPECT_EQ(branches_of("HYP-1"),
            (std::vector<std::string>{"write32", "write64", "read32", "read64"}));
  EXPECT_EQ(branches_of("EN-5"), (std::vector<std::string>{"push-cmdqen-0", "push-cmdqen-1"}));
  EXPECT_EQ(branches_of("ALIAS-1"),
            (std::vector<std::string>{"write-page0", "read-page0", "write-page1", "read-page1"}));
  EXPECT_EQ(branches_of("ALIAS-2"), (std::vector<std::string>{"page0", "page1"}));
  EXPECT_EQ(branches_of("ALIAS-3"), (std::vector<std::string>{"page0", "page1"}));
  EXPECT_TRUE(branches_of("Q-1").empty());
}

TEST(RealSpec, SpecDirLoadsAndMatchesTheEmbeddedSpec) {
  // The source tree's spec/ (compiled in), or CTS_SPEC_DIR to check another one.
  const char* env = std::getenv("CTS_SPEC_DIR");
  const char* dir = env ? env : CTS_SOURCE_SPEC_DIR;
  const Spec from_dir = load_spec_dir(dir);
  expect_cmdqv_sanity(from_dir);
  expect_smmu_sanity(from_dir);
  expect_same_shape(from_dir, load_embedded_spec());
  EXPECT_EQ(from_dir.region("cmdqv")->loc.file,
            (fs::path(dir) / "registers" / "cmdqv.yaml").string());
}

// ---------------------------------------------------------------------------------------------
// A small complete spec written inline: every document kind and forward references.

const char* const kInlineClauses = R"(family: EN
clauses:
  - id: EN-1
    text: Enabling the VINTF sets STATUS.ENABLED.
    source: somewhere
    confidence: inferred
    views: [host]
    registers: [r:b.CTRL, r:b.ID]
    note: why
)";

const char* const kInlineRegion = R"(region: r
description: test region
blocks:
  - name: b
    base: 0x100
    count: vintfs
    stride: 0x40
    registers:
      - name: CTRL
        offset: 0
        reset: 0x5
        views: [guest]
        fields:
          - {name: EN, bits: "0", access: RW}
          - {name: MODE, bits: "3:1", access: RW, reset: 3}
          - {name: HYP_OWN, bits: 17, access: wired-0-in-guest}
      - name: ID
        offset: 0x8
        width: 64
        reset_known: false
        count: 2
        stride: 8
        fields:
          - {name: N, bits: "63:60", access: RO, reset: vcmdqs_log2}
  - name: win
    base: 0x1000
    count: vintfs
    stride: 0x100
    alias: {of: b, through: b, slots: lvcmdqs_per_vintf, slot_stride: 0x40}
)";

const char* const kInlineCommands = R"(opcodes:
  - opcode: 0x11
    name: TLBI_NH_ASID
    ill_when: [no_s1, ssec]
    guest: accept
    clauses: [EN-1]
  - opcode: 46
    name: CMD_SYNC
    guest: disputed
)";

TEST(InlineSpec, LoadsEveryDocumentKindWithForwardReferences) {
  const Spec spec = load_spec(
      {{"c.yaml", kInlineClauses}, {"o.yaml", kInlineCommands}, {"r.yaml", kInlineRegion}});
  const RegionSpec* r = spec.region("r");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->description, "test region");
  EXPECT_EQ((r->loc.str()), "r.yaml:1:9");
  const Block& b = *r->block("b");
  EXPECT_EQ(b.base, 0x100u);
  EXPECT_EQ(b.stride, 0x40u);
  const Register& ctrl = *b.reg("CTRL");
  EXPECT_EQ(ctrl.reset.literal, 5u);
  EXPECT_EQ(ctrl.views, std::vector<View>{View::Guest});
  EXPECT_EQ(ctrl.field("MODE")->mask(), 0xEu);
  EXPECT_EQ(ctrl.field("MODE")->reset->literal, 3u);
  EXPECT_EQ(ctrl.field("HYP_OWN")->lsb, 17u);
  EXPECT_EQ((ctrl.loc.str()), "r.yaml:9:9");
  const Register& id = *b.reg("ID");
  EXPECT_EQ(id.width, 64u);
  EXPECT_FALSE(id.reset_known);
  EXPECT_EQ(id.count.literal, 2u);
  EXPECT_EQ(id.field("N")->mask(), 0xF000000000000000u);
  EXPECT_EQ((r->block("win")->alias->slot_stride), 0x40u);

  const Clause* en1 = spec.clause("EN-1");
  ASSERT_NE(en1, nullptr);
  EXPECT_EQ(en1->family, "EN");
  EXPECT_EQ(en1->confidence, Confidence::Inferred);
  EXPECT_EQ(en1->views, std::vector<View>{View::Host});
  EXPECT_EQ(en1->registers, (std::vector<std::string>{"r:b.CTRL", "r:b.ID"}));
  EXPECT_EQ(en1->note, "why");

  ASSERT_EQ(spec.opcodes.size(), 2u);
  const Opcode* tlbi = spec.opcode(0x11);
  ASSERT_NE(tlbi, nullptr);
  EXPECT_EQ(tlbi->name, "TLBI_NH_ASID");
  EXPECT_EQ(tlbi->ill_when, (std::vector<IllWhen>{IllWhen::NoS1, IllWhen::SSec}));
  EXPECT_EQ(tlbi->guest, GuestRule::Accept);
  EXPECT_EQ(tlbi->clauses, std::vector<std::string>{"EN-1"});
  EXPECT_EQ(spec.opcode(46)->guest, GuestRule::Disputed);
  EXPECT_TRUE(spec.opcode(46)->ill_when.empty());
  EXPECT_EQ(spec.opcode(0x12), nullptr);
}

TEST(InlineSpec, DefaultsApplyWhenOptionalKeysAreAbsent) {
  const Spec spec = load_spec({{"r.yaml", R"(region: r
blocks:
  - name: b
    base: 0
    registers:
      - name: R
        offset: 0
        fields: []
)"}});
  const Register& reg = *spec.region("r")->block("b")->reg("R");
  EXPECT_EQ(reg.width, 32u);
  EXPECT_EQ(reg.reset.literal, 0u);
  EXPECT_TRUE(reg.reset.param.empty());
  EXPECT_TRUE(reg.reset_known);
  EXPECT_EQ(reg.views, (std::vector<View>{View::Host, View::Guest}));
  EXPECT_EQ(reg.count.literal, 1u);
}

TEST(InlineSpec, NoDocumentsGiveAnEmptySpec) {
  const Spec spec = load_spec({});
  EXPECT_TRUE(spec.regions.empty());
  EXPECT_TRUE(spec.clauses.empty());
  EXPECT_TRUE(spec.opcodes.empty());
}

TEST(InlineSpec, EmptyDocumentIsAnErrorNamingTheFile) {
  try {
    load_spec({{"e.yaml", "# only a comment\n"}});
    FAIL() << "expected a SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.where().file, "e.yaml");
    EXPECT_NE(e.message().find("empty document"), std::string::npos) << e.what();
  }
}

TEST(InlineSpec, SecondDocumentIsAnErrorAtItsStart) {
  try {
    load_spec({{"two.yaml", "family: HYP\nclauses: []\n---\nfamily: EN\n"}});
    FAIL() << "expected a SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.where().file, "two.yaml");
    EXPECT_EQ(e.where().line, 4u) << e.what();
    EXPECT_NE(e.message().find("second YAML document"), std::string::npos) << e.what();
  }
}

// yaml-cpp 0.7's LoadAll never returns on this text (an endless run of null documents); the
// loader must answer it with an error.
TEST(InlineSpec, StrayCommaInBlockContextIsAnErrorNotAHang) {
  for (const std::string text : {",\n", "family: HYP\nclauses:\n  - id: HYP-1\n  , 0x4\n"}) {
    try {
      load_spec({{"comma.yaml", text}});
      FAIL() << "expected a SpecError for: " << text;
    } catch (const SpecError& e) {
      EXPECT_EQ(e.where().file, "comma.yaml") << e.what();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// load_spec_dir

// A fresh directory under the system temp dir, removed at the end of the test.
class TempSpecDir : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cts_spec_test_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "registers");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const fs::path& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }
  fs::path dir_;
};

std::string region_named(const std::string& name) {
  return "region: " + name +
         "\nblocks:\n  - name: b\n    base: 0\n    registers:\n      - {name: R, offset: 0, "
         "fields: []}\n";
}

TEST_F(TempSpecDir, ReadsRegistersClausesAndCommandsInSortedOrder) {
  write("registers/b.yaml", region_named("rb"));
  write("registers/a.yaml", region_named("ra"));
  write("registers/notes.txt", "not yaml: [");
  write("clauses/x.yaml",
        "family: X\nclauses:\n  - {id: X-1, text: t, source: s, confidence: normative}\n");
  write("commands.yaml",
        "opcodes:\n  - {opcode: 1, name: PREFETCH_CONFIG, guest: accept, clauses: [X-1]}\n");
  const Spec spec = load_spec_dir(dir_);
  ASSERT_EQ(spec.regions.size(), 2u);
  EXPECT_EQ(spec.regions[0].name, "ra");
  EXPECT_EQ(spec.regions[1].name, "rb");
  EXPECT_EQ(spec.regions[0].loc.file, (dir_ / "registers" / "a.yaml").string());
  EXPECT_EQ(spec.clauses.size(), 1u);
  EXPECT_EQ(spec.opcodes.size(), 1u);
}

TEST_F(TempSpecDir, ClausesAndCommandsAreOptional) {
  write("registers/a.yaml", region_named("ra"));
  const Spec spec = load_spec_dir(dir_);
  EXPECT_EQ(spec.regions.size(), 1u);
  EXPECT_TRUE(spec.clauses.empty());
  EXPECT_TRUE(spec.opcodes.empty());
}

TEST_F(TempSpecDir, ErrorsNameTheFileAsGiven) {
  write("registers/a.yaml", "region: r\nblocks: 7\n");
  try {
    load_spec_dir(dir_);
    FAIL() << "expected a SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.where().file, (dir_ / "registers" / "a.yaml").string());
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.where().column, 9);
  }
}

TEST_F(TempSpecDir, UnreadableFileIsAnErrorNamingIt) {
  write("registers/a.yaml", region_named("ra"));
  fs::create_symlink(dir_ / "nowhere.yaml", dir_ / "registers" / "b.yaml");  // dangling
  try {
    load_spec_dir(dir_);
    FAIL() << "expected a SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.where().file, (dir_ / "registers" / "b.yaml").string());
    EXPECT_NE(e.message().find("cannot read"), std::string::npos) << e.what();
  }
}

TEST_F(TempSpecDir, MissingRegistersDirectoryIsAnErrorNamingIt) {
  fs::remove_all(dir_ / "registers");
  try {
    load_spec_dir(dir_);
    FAIL() << "expected a SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.where().file, (dir_ / "registers").string());
  }
}

TEST(LoadSpecDir, MissingDirectoryIsAnErrorNamingIt) {
  try {
    load_spec_dir("/nonexistent/cts/spec");
    FAIL() << "expected a SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.where().file, "/nonexistent/cts/spec");
    EXPECT_NE(e.message().find("not found"), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------------------------
// Malformed specs: one case per error class. Each document text marks the offending node with
// '^'; the marker is removed before loading and the error must point exactly there.

struct Doc {
  std::string file;
  std::string text;  // with at most one '^' (exactly one across a case's documents)
};

struct BrokenCase {
  std::string name;  // test name suffix: Area_WhatIsWrong
  std::vector<Doc> docs;
  std::string message;  // a substring of SpecError::message()
};

std::ostream& operator<<(std::ostream& os, const BrokenCase& c) {
  return os << c.name;
}

// A register file holding block `b` (at 0x0) whose registers are `registers` (indented by 6).
std::string one_block(const std::string& registers) {
  return "region: r\nblocks:\n  - name: b\n    base: 0x0\n    registers:\n" + registers;
}

// A register file with one register R whose fields are `fields` (indented by 10).
std::string one_register(const std::string& fields, const std::string& reg_keys = "") {
  return one_block("      - name: R\n        offset: 0x0\n" + reg_keys + "        fields:\n" +
                   fields);
}

// A register file with block b (registers R, 2 instances) and alias block w, for references.
const std::string kTargetRegion = R"(region: r
blocks:
  - name: b
    base: 0x0
    count: 2
    stride: 0x10
    registers:
      - {name: R, offset: 0x0, fields: [{name: F, bits: "3:0", access: RW}]}
  - name: w
    base: 0x100
    alias: {of: b, through: b, slots: 1}
)";

// A clause file of family HYP with `clauses` (indented by 2).
std::string clause_file(const std::string& clauses) {
  return "family: HYP\nclauses:\n" + clauses;
}

// A command file's head: layout l (OPCODE and, after these lines, the fields a case adds).
const std::string kLayoutHead =
    "layouts:\n  - name: l\n    source: s\n    fields:\n      - {name: OPCODE, lsb: 0, width: 8}\n";
// A command file with opcode X of layout l (fields OPCODE, A [15:8]) and a field rule for HYP-1
// whose match and kind a case appends.
const std::string kRuleHead =
    kLayoutHead +
    "      - {name: A, lsb: 8, width: 8}\nopcodes:\n  - {opcode: 0x12, name: X, "
    "guest: accept, layout: l}\nfield_rules:\n  - clause: HYP-1\n    commands: [X]\n";
const std::string kRuleHeadMarked =
    kLayoutHead +
    "      - {name: A, lsb: 8, width: 8}\nopcodes:\n  - {opcode: 0x12, name: X, "
    "guest: accept, layout: l}\nfield_rules:\n  - ^clause: HYP-1\n    commands: [X]\n";

const std::string kClause1 =
    "  - id: HYP-1\n    text: T.\n    source: S.\n    confidence: normative\n";

const std::vector<BrokenCase>& broken_cases() {
  static const std::vector<BrokenCase> cases = {
      // --- YAML and document kind
      {"Yaml_SyntaxError", {{"t.yaml", "region: [a, b\n^"}}, "YAML syntax error"},
      {"Yaml_TwoDocumentsInOneFile",
       {{"t.yaml", "region: r\nblocks: []\n---\n^region: s\n"}},
       "expected one document per file"},
      {"Document_UnknownTopLevelKind",
       {{"t.yaml", "^regoin: r\nblocks: []\n"}},
       "unknown kind of spec document"},
      {"Document_TopLevelNotAMapping",
       {{"t.yaml", "^- region: r\n"}},
       "unknown kind of spec document"},
      // --- keys
      {"Key_UnknownInRegister",
       {{"t.yaml", one_block("      - name: R\n        ^offest: 0x0\n        fields: []\n")}},
       "unknown key 'offest' in register of block b: expected one of name, offset, width"},
      {"Key_UnknownInField",
       {{"t.yaml", one_register("          - {name: F, bits: \"3:0\", ^acess: RW}\n")}},
       "unknown key 'acess' in field of register R: expected one of name, bits, access, reset"},
      {"Key_UnknownInRegionFile",
       {{"t.yaml", "region: r\n^block: []\n"}},
       "unknown key 'block' in register file"},
      {"Key_Duplicate",
       {{"t.yaml",
         one_block(
             "      - name: R\n        offset: 0x0\n        ^offset: 0x4\n        fields: []\n")}},
       "duplicate key 'offset'"},
      {"Key_MissingRequired",
       {{"t.yaml", one_block("      - ^name: R\n        fields: []\n")}},
       "register R of block b is missing required key 'offset'"},
      {"Key_MissingRequiredInFlowMapping",
       {{"t.yaml", one_register("          - ^{name: F, access: RW}\n")}},
       "missing required key 'bits'"},
      {"Key_PresentWithoutValue",
       {{"t.yaml", one_block("      - name: R\n        ^offset:\n        fields: []\n")}},
       "'offset' in register R of block b has no value: expected an integer"},
      // --- types
      {"Type_OffsetNotAnInteger",
       {{"t.yaml", one_block("      - name: R\n        offset: ^0x1g\n        fields: []\n")}},
       "offset '0x1g' is not an integer: expected an integer (decimal or 0x hex)"},
      {"Type_BaseIsAParameterNotAnInteger",
       {{"t.yaml", "region: r\nblocks:\n  - name: b\n    base: ^vintfs\n    registers: []\n"}},
       "base 'vintfs' is not an integer"},
      {"Type_FieldsNotAList",
       {{"t.yaml", one_block("      - name: R\n        offset: 0\n        fields: ^{name: F}\n")}},
       "fields: expected a list, got a mapping"},
      {"Type_NameNotAScalar",
       {{"t.yaml", one_block("      - name: ^[R]\n        offset: 0\n        fields: []\n")}},
       "name: expected a scalar, got a list"},
      {"Type_ResetKnownNotABool",
       {{"t.yaml", one_register("          []\n", "        reset_known: ^yes\n")}},
       "reset_known 'yes': expected true or false"},
      {"Type_QuantityNeitherIntegerNorName",
       {{"t.yaml", one_register("          []\n", "        reset: ^-1\n")}},
       "reset '-1': expected an integer (decimal or 0x hex) or a parameter name"},
      // --- enumerations and parameters
      {"Enum_UnknownAccessKind",
       {{"t.yaml", one_register("          - {name: F, bits: \"3:0\", access: ^RWX}\n")}},
       "unknown access kind 'RWX': expected one of RW, RO, W1C, RAZ/WI, RES0, wired-0-in-guest"},
      {"Enum_UnknownView",
       {{"t.yaml", one_register("          []\n", "        views: [host, ^hypervisor]\n")}},
       "unknown view 'hypervisor': expected one of host, guest"},
      {"Enum_DuplicateView",
       {{"t.yaml", one_register("          []\n", "        views: [host, ^host]\n")}},
       "duplicate view 'host'"},
      {"Enum_EmptyViews",
       {{"t.yaml", one_register("          []\n", "        views: ^[]\n")}},
       "views list is empty"},
      {"Enum_UnknownConfidence",
       {{"t.yaml",
         clause_file("  - id: HYP-1\n    text: T.\n    source: S.\n    confidence: ^certain\n")}},
       "unknown confidence 'certain': expected one of normative, inferred, disputed"},
      {"Enum_UnknownCheckedBy",
       {{"t.yaml",
         clause_file("  - id: HYP-1\n    text: T.\n    source: S.\n    confidence: inferred\n"
                     "    checked_by: ^hand\n")}},
       "unknown checked_by 'hand': expected one of registers, behaviour, driver"},
      {"Clause_CheckedByRegistersWithoutRegisters",
       {{"t.yaml",
         clause_file("  - id: HYP-1\n    text: T.\n    source: S.\n    confidence: inferred\n"
                     "    checked_by: ^registers\n")}},
       "clause HYP-1 is checked_by registers but lists no registers"},
      {"Enum_UnknownIllWhen",
       {{"t.yaml",
         "opcodes:\n  - {opcode: 0x11, name: X, ill_when: [no_s1, ^no_s3], guest: accept}\n"}},
       "unknown ill_when condition 'no_s3': expected one of always, ssec, no_s1"},
      {"Enum_UnknownGuestRule",
       {{"t.yaml", "opcodes:\n  - {opcode: 0x11, name: X, guest: ^maybe}\n"}},
       "unknown guest rule 'maybe': expected one of accept, reject, disputed"},
      {"Param_UnknownParameterName",
       {{"t.yaml",
         "region: r\nblocks:\n  - name: b\n    base: 0\n    count: ^vintf\n    stride: 4\n"
         "    registers: []\n"}},
       "count: unknown parameter 'vintf': expected one of vintfs_log2"},
      {"Param_UnknownParameterInFieldReset",
       {{"t.yaml",
         one_register("          - {name: F, bits: \"3:0\", access: RO, reset: ^nvintfs}\n")}},
       "reset: unknown parameter 'nvintfs'"},
      // --- widths and bits
      {"Width_Not32Or64",
       {{"t.yaml", one_register("          []\n", "        width: ^16\n")}},
       "width 16 of register R of block b: expected 32 or 64"},
      {"Bits_Malformed",
       {{"t.yaml", one_register("          - {name: F, bits: ^\"3-0\", access: RW}\n")}},
       "malformed bits '3-0' of field F: expected \"MSB:LSB\" or \"N\""},
      {"Bits_MsbBelowLsb",
       {{"t.yaml", one_register("          - {name: F, bits: ^\"0:3\", access: RW}\n")}},
       "MSB 0 is below LSB 3"},
      {"Bits_FieldOutsideRegisterWidth",
       {{"t.yaml", one_register("          - {name: F, bits: ^\"40:32\", access: RW}\n")}},
       "field F bits '40:32' lie outside the 32-bit register"},
      {"Bits_OverlappingFields",
       {{"t.yaml", one_register("          - {name: F, bits: \"3:0\", access: RW}\n"
                                "          - {name: G, bits: ^\"4:3\", access: RW}\n")}},
       "field G (bits 4:3) overlaps field F (bits 3:0, at t.yaml:9:13) in register R"},
      // --- either_on_write and undocumented
      {"Field_EitherOnWriteOnAWritableField",
       {{"t.yaml",
         one_register(
             "          - {name: F, bits: \"3:0\", access: RW, either_on_write: ^X-1}\n")}},
       "either_on_write on field F which is RW: expected it only on an RO field"},
      {"Field_EitherOnWriteNamesNoDisputedClause",
       {{"t.yaml",
         one_register(
             "          - ^{name: F, bits: \"3:0\", access: RO, either_on_write: X-1}\n")}},
       "field F of register R: either_on_write 'X-1' names no clause: expected the id of a "
       "disputed clause"},
      {"Field_UndocumentedNotABoolean",
       {{"t.yaml",
         one_register("          - {name: F, bits: \"3:0\", access: RW, undocumented: ^maybe}\n")}},
       "undocumented"},
      // --- reset values
      {"Reset_RegisterResetWiderThanRegister",
       {{"t.yaml", one_register("          - {name: F, bits: \"31:0\", access: RW}\n",
                                "        reset: ^0x100000000\n")}},
       "reset 0x100000000 of register R has bits outside its 32-bit width"},
      {"Reset_RegisterResetSetsRazWiField",
       {{"t.yaml", one_register("          - {name: F, bits: \"3:0\", access: RAZ/WI}\n",
                                "        reset: ^0x1\n")}},
       "sets bits of field F (bits 3:0), which is RAZ/WI: expected those bits 0"},
      {"Reset_RegisterResetSetsRes0Field",
       {{"t.yaml", one_register("          - {name: F, bits: \"3:0\", access: RW}\n"
                                "          - {name: G, bits: \"7:4\", access: RES0}\n",
                                "        reset: ^0x21\n")}},
       "sets bits of field G (bits 7:4), which is RES0"},
      {"Reset_RegisterResetSetsBitsNoFieldCovers",
       {{"t.yaml", one_register("          - {name: F, bits: \"3:0\", access: RW}\n",
                                "        reset: ^0x10\n")}},
       "sets bits 0x10 that no field covers (RES0)"},
      {"Reset_FieldResetDoesNotFitField",
       {{"t.yaml", one_register("          - {name: F, bits: \"2:1\", access: RW, reset: ^4}\n")}},
       "reset 0x4 of field F does not fit its 2-bit field: expected at most 0x3"},
      {"Reset_FieldResetInRazWiField",
       {{"t.yaml",
         one_register("          - {name: F, bits: \"2:1\", access: RAZ/WI, reset: ^1}\n")}},
       "reset 0x1 of field F which is RAZ/WI (reads as zero): expected 0"},
      // --- duplicate names
      {"Duplicate_BlockNameInRegion",
       {{"t.yaml",
         "region: r\nblocks:\n  - {name: b, base: 0, registers: [{name: R, offset: 0, fields: "
         "[]}]}\n"
         "  - {name: ^b, base: 0x10, registers: [{name: R, offset: 0, fields: []}]}\n"}},
       "duplicate block name 'b' in region r (first at t.yaml:3:5)"},
      {"Duplicate_RegisterNameInBlock",
       {{"t.yaml", one_block("      - {name: R, offset: 0, fields: []}\n"
                             "      - {name: ^R, offset: 4, fields: []}\n")}},
       "duplicate register name 'R' in block b (first at t.yaml:6:9)"},
      {"Duplicate_FieldNameInRegister",
       {{"t.yaml", one_register("          - {name: F, bits: \"0\", access: RW}\n"
                                "          - {name: ^F, bits: \"1\", access: RW}\n")}},
       "duplicate field name 'F' in register R (first at t.yaml:9:13)"},
      {"Duplicate_RegionInTwoFiles",
       {{"a.yaml", one_block("      - {name: R, offset: 0, fields: []}\n")},
        {"b.yaml",
         "region: ^r\nblocks:\n  - {name: c, base: 0, registers: [{name: S, offset: 0, fields: "
         "[]}]}\n"}},
       "duplicate region 'r': already defined at a.yaml:1:9"},
      {"Duplicate_ClauseIdInOneFile",
       {{"t.yaml",
         clause_file(kClause1 +
                     "  - ^id: HYP-1\n    text: U.\n    source: S.\n    confidence: inferred\n")}},
       "duplicate clause id 'HYP-1': already defined at t.yaml:3:5"},
      {"Duplicate_ClauseIdInTwoFiles",
       {{"a.yaml", clause_file(kClause1)},
        {"b.yaml", clause_file("  - ^{id: HYP-1, text: U., source: S., confidence: inferred}\n")}},
       "duplicate clause id 'HYP-1': already defined at a.yaml:3:5"},
      {"Duplicate_Opcode",
       {{"t.yaml",
         "opcodes:\n  - {opcode: 0x11, name: A, guest: accept}\n  - ^{opcode: 17, name: B, guest: "
         "reject}\n"}},
       "duplicate opcode 0x11 (B): already defined at t.yaml:2:5 (A)"},
      // --- clauses
      {"Clause_BranchIdNotLowerCaseWords",
       {{"t.yaml",
         clause_file("  - id: HYP-1\n    text: T.\n    source: S.\n    confidence: normative\n"
                     "    branches:\n      - {id: ^Write32, what: W.}\n")}},
       "branch id 'Write32' of clause HYP-1: expected lower-case words"},
      {"Clause_BranchListedTwice",
       {{"t.yaml",
         clause_file("  - id: HYP-1\n    text: T.\n    source: S.\n    confidence: normative\n"
                     "    branches:\n      - {id: a, what: W.}\n      - {id: ^a, what: X.}\n")}},
       "branch 'a' of clause HYP-1 is listed twice"},
      {"Clause_BranchWithoutWhat",
       {{"t.yaml",
         clause_file("  - id: HYP-1\n    text: T.\n    source: S.\n    confidence: normative\n"
                     "    branches:\n      - ^{id: a}\n")}},
       "what"},
      {"Clause_IdNotFamilyDashNumber",
       {{"t.yaml",
         clause_file("  - id: ^HYP1\n    text: T.\n    source: S.\n    confidence: normative\n")}},
       "clause id 'HYP1': expected HYP-N"},
      {"Clause_IdOfAnotherFamily",
       {{"t.yaml",
         clause_file("  - id: ^EN-1\n    text: T.\n    source: S.\n    confidence: normative\n")}},
       "clause id 'EN-1': expected HYP-N (this file's family"},
      {"Clause_WithoutSource",
       {{"t.yaml", clause_file("  - ^id: HYP-1\n    text: T.\n    confidence: normative\n")}},
       "clause HYP-1 is missing required key 'source'"},
      {"Clause_WithEmptyText",
       {{"t.yaml",
         clause_file(
             "  - id: HYP-1\n    text: ^\"\"\n    source: S.\n    confidence: normative\n")}},
       "'text' in clause HYP-1 is empty"},
      {"Clause_RegisterEntryMalformed",
       {{"t.yaml", clause_file(kClause1 + "    registers: [^b.R]\n")}},
       "malformed registers entry 'b.R' of clause HYP-1: expected region:block.REGISTER"},
      {"Clause_RegisterEntryUnknownRegion",
       {{"r.yaml", kTargetRegion}, {"c.yaml", clause_file(kClause1 + "    registers: [^q:b.R]\n")}},
       "clause HYP-1 registers entry 'q:b.R' names no register: no region 'q' is loaded"},
      {"Clause_RegisterEntryUnknownBlock",
       {{"c.yaml", clause_file(kClause1 + "    registers: [r:b.R, ^r:x.R]\n")},
        {"r.yaml", kTargetRegion}},
       "names no register: region r has no block 'x'"},
      {"Clause_RegisterEntryUnknownRegister",
       {{"r.yaml", kTargetRegion}, {"c.yaml", clause_file(kClause1 + "    registers: [^r:b.S]\n")}},
       "names no register: block r:b has no register 'S'"},
      {"Clause_RegisterEntryNamesAliasBlock",
       {{"r.yaml", kTargetRegion}, {"c.yaml", clause_file(kClause1 + "    registers: [^r:w.R]\n")}},
       "block w is an alias block, which has no registers of its own"},
      // --- alias blocks
      {"Alias_OfNamesMissingBlock",
       {{"t.yaml", one_block("      - {name: R, offset: 0, fields: []}\n") +
                       "  - {name: w, base: 0x100, alias: {of: ^c, through: b, slots: 1}}\n"}},
       "alias block w: of 'c' names no block in region r"},
      {"Alias_ThroughNamesMissingBlock",
       {{"t.yaml", one_block("      - {name: R, offset: 0, fields: []}\n") +
                       "  - {name: w, base: 0x100, alias: {of: b, through: ^map, slots: 1}}\n"}},
       "alias block w: through 'map' names no block in region r"},
      {"Alias_OfNamesAnotherAliasBlock",
       {{"t.yaml", one_block("      - {name: R, offset: 0, fields: []}\n") +
                       "  - {name: w, base: 0x100, alias: {of: b, through: b, slots: 1}}\n"
                       "  - {name: v, base: 0x200, alias: {of: ^w, through: b, slots: 1}}\n"}},
       "alias block v: of 'w' names an alias block: expected a block with registers"},
      {"Alias_BlockWithRegistersToo",
       {{"t.yaml",
         "region: r\nblocks:\n  - {name: b, base: 0, registers: [{name: R, offset: 0, fields: "
         "[]}]}\n"
         "  - {name: w, base: 0x100, alias: ^{of: b, through: b, slots: 1}, registers: []}\n"}},
       "has both alias and registers"},
      // --- arrays
      {"Array_BlockCountAboveOneWithoutStride",
       {{"t.yaml",
         "region: r\nblocks:\n  - name: b\n    base: 0\n    count: ^4\n"
         "    registers: [{name: R, offset: 0, fields: []}]\n"}},
       "count 4 of block b may exceed 1 but there is no stride"},
      {"Array_BlockParameterCountWithoutStride",
       {{"t.yaml",
         "region: r\nblocks:\n  - name: b\n    base: 0\n    count: ^vintfs\n"
         "    registers: [{name: R, offset: 0, fields: []}]\n"}},
       "count vintfs of block b may exceed 1 but there is no stride"},
      {"Array_BlockStrideZero",
       {{"t.yaml",
         "region: r\nblocks:\n  - name: b\n    base: 0\n    count: 2\n    stride: ^0\n"
         "    registers: [{name: R, offset: 0, fields: []}]\n"}},
       "stride of block b is 0: expected > 0 since count is 2"},
      {"Array_RegisterCountWithoutStride",
       {{"t.yaml", one_register("          []\n", "        count: ^sids_per_vintf\n")}},
       "count sids_per_vintf of register R of block b may exceed 1 but there is no stride"},
      {"Array_CountZero",
       {{"t.yaml", one_register("          []\n", "        count: ^0\n")}},
       "count of register R of block b is 0: expected at least 1"},
      {"Array_AliasSlotsWithoutSlotStride",
       {{"t.yaml", one_block("      - {name: R, offset: 0, fields: []}\n") +
                       "  - {name: w, base: 0x100, alias: {of: b, through: b, slots: "
                       "^lvcmdqs_per_vintf}}\n"}},
       "slots lvcmdqs_per_vintf of alias of block w may exceed 1 but there is no slot_stride"},
      // --- layout at the reference geometry
      {"Layout_RegistersCollideAcrossBlocks",
       {{"t.yaml", one_block("      - {name: R, offset: 0x0, width: 64, fields: []}\n") +
                       "  - name: c\n    base: 0x4\n    registers:\n      - ^{name: S, offset: "
                       "0x0, fields: []}\n"}},
       "registers collide at the reference geometry: r:c.S [0x4, 0x8) overlaps r:b.R [0x0, 0x8) "
       "(defined at t.yaml:6:9)"},
      {"Layout_RegistersCollideInsideABlock",
       {{"t.yaml", one_block("      - {name: R, offset: 0x0, width: 64, fields: []}\n"
                             "      - ^{name: S, offset: 0x4, fields: []}\n")}},
       "r:b.S [0x4, 0x8) overlaps r:b.R [0x0, 0x8)"},
      {"Layout_LastInstanceOfArrayCollides",
       {{"t.yaml",
         "region: r\nblocks:\n"
         "  - {name: v, base: 0x100, count: vintfs, stride: 0x10, registers: [{name: R, offset: 0, "
         "fields: []}]}\n"
         "  - name: c\n    base: 0x130\n    registers:\n      - ^{name: S, offset: 0x0, fields: "
         "[]}\n"}},
       "r:c.S [0x130, 0x134) overlaps r:v[3].R [0x130, 0x134)"},
      {"Layout_RegisterArrayOverlapsItself",
       {{"t.yaml",
         one_block("      - ^name: R\n        offset: 0x0\n        width: 64\n        count: 2\n"
                   "        stride: 4\n        fields: []\n")}},
       "r:b.R[1] [0x4, 0xc) overlaps r:b.R[0] [0x0, 0x8)"},
      {"Layout_AliasWindowCollidesWithRegisters",
       {{"t.yaml", one_block("      - {name: R, offset: 0x0, fields: []}\n") +
                       "  - {name: c, base: 0x180, registers: [{name: S, offset: 0, fields: []}]}\n"
                       "  - ^name: w\n    base: 0x100\n    count: vintfs\n    stride: 0x100\n"
                       "    alias: {of: b, through: b, slots: 2, slot_stride: 0x80}\n"}},
       "r:w[0] (alias window) [0x100, 0x200) overlaps r:c.S [0x180, 0x184)"},
      {"Layout_RegisterPastBlockStride",
       {{"t.yaml",
         "region: r\nblocks:\n  - name: b\n    base: 0\n    count: vintfs\n    stride: 0x10\n"
         "    registers:\n      - ^{name: SID, offset: 0x0, count: sids_per_vintf, stride: 4, "
         "fields: []}\n"}},
       "register SID[4] of block b ends at offset 0x14, past the block stride 0x10"},
      {"Layout_AliasSlotsPastBlockStride",
       {{"t.yaml",
         one_block("      - {name: R, offset: 0, fields: []}\n") +
             "  - {name: w, base: 0x100, count: vintfs, stride: 0x80, "
             "alias: ^{of: b, through: b, slots: lvcmdqs_per_vintf, slot_stride: 0x80}}\n"}},
       "alias block w spans 0x100 bytes per instance"},
      // --- command table
      {"Opcode_OutOfRange",
       {{"t.yaml", "opcodes:\n  - {opcode: ^0x100, name: X, guest: accept}\n"}},
       "opcode 0x100 is out of range: expected 0..255"},
      {"Opcode_ClauseEntryUnknown",
       {{"c.yaml", clause_file(kClause1)},
        {"o.yaml",
         "opcodes:\n  - {opcode: 0x46, name: CMD_SYNC, guest: accept, clauses: [HYP-1, "
         "^HYP-2]}\n"}},
       "opcode 0x46 (CMD_SYNC) clauses entry 'HYP-2' names no clause"},
      {"Opcode_MissingGuestRule",
       {{"t.yaml", "opcodes:\n  - ^{opcode: 0x46, name: CMD_SYNC}\n"}},
       "opcode 0x46 (CMD_SYNC) is missing required key 'guest'"},
      // --- command field layouts and field rules
      {"Layout_FieldsOverlap",
       {{"t.yaml", kLayoutHead + "      - ^{name: A, lsb: 4, width: 4}\nopcodes: []\n"}},
       "layout l: field A (bits 4..7) overlaps field OPCODE (bits 0..7)"},
      {"Layout_FieldPastTheEntry",
       {{"t.yaml", kLayoutHead + "      - {name: A, lsb: ^120, width: 16}\nopcodes: []\n"}},
       "field A of layout l: bits 120..135 reach past the 128-bit command entry"},
      {"Layout_FieldCrossesTheDwords",
       {{"t.yaml", kLayoutHead + "      - {name: A, lsb: ^60, width: 8}\nopcodes: []\n"}},
       "cross the boundary between dword0 and dword1"},
      {"Layout_NoOpcodeField",
       {{"t.yaml",
         "layouts:\n  - name: l\n    source: s\n    fields: ^[{name: A, lsb: 8, width: "
         "8}]\nopcodes: []\n"}},
       "layout l: expected a field OPCODE at lsb 0, width 8"},
      {"Opcode_UnknownLayout",
       {{"t.yaml", "opcodes:\n  - {opcode: 0x12, name: X, guest: accept, layout: ^nope}\n"}},
       "layout 'nope' is not defined under layouts:"},
      {"FieldRule_UnknownField",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml", kRuleHead + "    match: ^{XX: 1}\n    kind: must-raise\n"}},
       "field rule HYP-1: command X (layout l) has no field 'XX'"},
      {"FieldRule_ValueDoesNotFit",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml", kRuleHead + "    match: ^{A: 300}\n    kind: must-raise\n"}},
       "A == 300 does not fit field A (8 bits) of X"},
      {"FieldRule_BadComparison",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml", kRuleHead + "    match: {A: ^\"!= x\"}\n    kind: must-raise\n"}},
       "match value '!= x' of field A"},
      {"FieldRule_UnknownCommand",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml",
         kLayoutHead +
             "      - {name: A, lsb: 8, width: 8}\nopcodes:\n  - {opcode: 0x12, name: X, "
             "guest: accept, layout: l}\nfield_rules:\n  - clause: HYP-1\n    commands: [^Y]\n"
             "    match: {A: 1}\n    kind: must-raise\n"}},
       "field rule HYP-1: command 'Y' is not in opcodes:"},
      {"FieldRule_UnknownKind",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml", kRuleHead + "    match: {A: 1}\n    kind: ^maybe\n"}},
       "unknown field rule kind 'maybe': expected one of must-raise, must-not-raise, either"},
      {"FieldRule_UnknownCondition",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml",
         kRuleHead + "    when: [ril, ^no_rol]\n    match: {A: 1}\n    kind: must-raise\n"}},
       "unknown when condition 'no_rol'"},
      {"FieldRule_EitherWithoutModelDefault",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml", kRuleHeadMarked + "    match: {A: 1}\n    kind: either\n"}},
       "field rule HYP-1: an either rule needs model: raise or model: ignore"},
      {"FieldRule_ModelOnAMustRaiseRule",
       {{"c.yaml", clause_file(kClause1)},
        {"t.yaml", kRuleHead + "    match: {A: 1}\n    kind: must-raise\n    model: ^raise\n"}},
       "model: is the default outcome of an either rule only"},
      {"FieldRule_IdOutsideTheCmdFamily",
       {{"t.yaml",
         kLayoutHead +
             "      - {name: A, lsb: 8, width: 8}\nopcodes:\n  - {opcode: 0x12, name: X, "
             "guest: accept, layout: l}\nfield_rules:\n  - id: ^HYP-9\n    text: t\n    source: s\n"
             "    confidence: normative\n    commands: [X]\n    match: {A: 1}\n    kind: "
             "must-raise\n"}},
       "field rule id 'HYP-9': expected CMD-N"},
      {"FieldRule_ClauseUnknown",
       {{"t.yaml",
         kLayoutHead +
             "      - {name: A, lsb: 8, width: 8}\nopcodes:\n  - {opcode: 0x12, name: X, "
             "guest: accept, layout: l}\nfield_rules:\n  - ^clause: CMD-99\n    commands: [X]\n"
             "    match: {A: 1}\n    kind: must-raise\n"}},
       "field rule clauses entry 'CMD-99' names no clause"},
  };
  return cases;
}

struct Marked {
  std::vector<SpecText> texts;
  SourceLoc at;  // where the '^' was, 1-based
};

// Removes the '^' marker from the case's documents and says where it was.
Marked strip_marker(const BrokenCase& c) {
  Marked out;
  for (const Doc& doc : c.docs) {
    std::string text = doc.text;
    if (auto pos = text.find('^'); pos != std::string::npos) {
      text.erase(pos, 1);
      const std::string before = text.substr(0, pos);
      const auto line_start = before.rfind('\n');
      out.at.file = doc.file;
      out.at.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
      out.at.column =
          1 + static_cast<int>(line_start == std::string::npos ? pos : pos - line_start - 1);
    }
    out.texts.push_back(SpecText{doc.file, text});
  }
  return out;
}

class RejectsBrokenSpec : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(RejectsBrokenSpec, AtTheOffendingNodeWithAMessage) {
  const BrokenCase& c = GetParam();
  const Marked marked = strip_marker(c);
  ASSERT_FALSE(marked.at.file.empty()) << "case has no '^' marker";
  try {
    load_spec(marked.texts);
    FAIL() << "expected a SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(e.where().file, marked.at.file) << e.what();
    EXPECT_EQ(e.where().line, marked.at.line) << e.what();
    EXPECT_EQ(e.where().column, marked.at.column) << e.what();
    EXPECT_NE(e.message().find(c.message), std::string::npos)
        << "message: " << e.message() << "\nexpected to contain: " << c.message;
  }
}

INSTANTIATE_TEST_SUITE_P(Loader, RejectsBrokenSpec, ::testing::ValuesIn(broken_cases()),
                         [](const ::testing::TestParamInfo<BrokenCase>& p) {
                           return p.param.name;
                         });

TEST(RejectsBrokenSpecTable, EveryCaseNameIsUniqueAndMarked) {
  std::vector<std::string> names;
  for (const BrokenCase& c : broken_cases()) {
    EXPECT_EQ(std::find(names.begin(), names.end(), c.name), names.end()) << c.name;
    names.push_back(c.name);
    std::size_t markers = 0;
    for (const Doc& d : c.docs)
      markers += static_cast<std::size_t>(std::count(d.text.begin(), d.text.end(), '^'));
    EXPECT_EQ(markers, 1u) << c.name;
  }
}

}  // namespace
}  // namespace cts::spec
