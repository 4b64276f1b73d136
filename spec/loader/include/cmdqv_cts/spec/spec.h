// SPDX-License-Identifier: MIT
// In-memory form of spec/: register files, clauses and the command table.
// Produced by the loader (loader.h); consumed by model/ and properties/. Pure data.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cts::spec {

// Where a YAML node came from; every loader error names one.
struct SourceLoc {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
  std::string str() const;
};

// A malformed spec: what() is "file:line:column: message".
class SpecError : public std::runtime_error {
 public:
  SpecError(SourceLoc loc, const std::string& message);
  const SourceLoc& where() const { return loc_; }
  const std::string& message() const { return message_; }

 private:
  SourceLoc loc_;
  std::string message_;
};

// Geometry and feature parameters a count or reset value may name.
// The loader rejects any other name; the model supplies the values.
using Params = std::map<std::string, std::uint64_t, std::less<>>;
inline constexpr std::string_view kKnownParams[] = {
    "vintfs_log2",
    "vcmdqs_log2",
    "sids_log2",  // PARAM fields
    "vintfs",
    "vcmdqs",
    "lvcmdqs_per_vintf",
    "sids_per_vintf",  // derived counts
    "cmdqs",           // IDR1.CMDQS (max log2 queue entries)
    "s1p",
    "s2p",
    "hyp",
    "ats",
    "pri",
    "stall_model",
    "msi",
    "sev",
    "mpam",
    "dpt",
    "vmw",  // IDR0 / IDR3 feature bits
    "oas",  // IDR5.OAS as a bit count (32..56)
    "ril",
    "ds",
    "ssidsize",  // IDR3.RIL, IDR5.DS, IDR1.SSIDSIZE
};
bool is_known_param(std::string_view name);

// "0x1f": how every message of the suite prints a register value or an offset.
std::string hex(std::uint64_t value);

// The geometry the loader checks register layouts against (offset collisions, blocks fitting
// their stride): 4 VINTFs, 8 VCMDQs (2 per VINTF), 16 SIDs per VINTF, CMDQS = 19, every optional
// feature present. Holds a value for every kKnownParams name.
Params reference_geometry();

// Either a literal or the name of a parameter (kKnownParams).
struct Quantity {
  std::uint64_t literal = 0;
  std::string param;                                  // empty: literal
  std::uint64_t resolve(const Params& params) const;  // throws std::out_of_range if unset
  static Quantity of(std::uint64_t v) { return Quantity{v, {}}; }
};

enum class Access {
  RW,            // read/write storage
  RO,            // read-only; hardware sets the value, writes ignored
  W1C,           // read; writing 1 clears, writing 0 has no effect
  RAZ_WI,        // reads as zero, writes ignored
  RES0,          // reserved: reads 0; software writes 0 (model: RAZ/WI)
  WIRED0_GUEST,  // RW in the host view, RAZ/WI in the guest view (HYP_OWN)
};
std::string_view to_string(Access a);
std::optional<Access> access_from_string(std::string_view s);

enum class View { Host, Guest };
std::string_view to_string(View v);
std::optional<View> view_from_string(std::string_view s);

enum class Confidence { Normative, Inferred, Disputed };
std::string_view to_string(Confidence c);
std::optional<Confidence> confidence_from_string(std::string_view s);

// What exercises a clause in a device run.
enum class CheckedBy {
  Registers,  // the value semantics of its `registers:`: every access to one of them counts
  Behaviour,  // device behaviour (queues, errors): the steps that trigger it count
  Driver,     // a rule on driver software: checked by the driver model, not by device runs
};
std::string_view to_string(CheckedBy c);
std::optional<CheckedBy> checked_by_from_string(std::string_view s);

struct Field {
  std::string name;
  unsigned lsb = 0;
  unsigned msb = 0;
  Access access = Access::RW;
  std::optional<Quantity> reset;  // overrides the register reset for these bits
  // Feature parameters the field exists with (`res0_unless: pri`): where one of them is 0 the
  // field is "Reserved, RES0" (IHI 0070 G.b 6.2; e.g. CR0.PRIQEN only with IDR0.PRI, 6.3.9).
  std::vector<std::string> res0_unless;
  // A parameter holding a bit count (`res0_from: oas`): the field's bits at and above it are
  // RES0 (address bits above IDR5.OAS, 6.3.26).
  std::string res0_from;
  // A disputed clause under which a write may either take the written value or leave the field
  // unchanged (`either_on_write: ERR-12`; IHI 0070 G.b 6.3.28 for CMDQ_CONS.ERR). The generic
  // read-only check leaves these bits to that clause's permitted-outcome choice.
  std::string either_on_write;
  // No public document defines the field (`undocumented: true`; e.g. CMDQV CONFIG bits only
  // QEMU names): software writes it as 0 and no check compares what it reads.
  bool undocumented = false;
  std::string description;
  SourceLoc loc;
  std::uint64_t mask() const {
    unsigned w = msb - lsb + 1;
    return (w >= 64 ? ~0ull : ((1ull << w) - 1)) << lsb;
  }
  // The bits the field has in a configuration: none where res0_unless names an absent
  // feature, cut at res0_from. Throws std::out_of_range if a named parameter is unset.
  std::uint64_t mask_for(const Params& params) const;
};

struct Register {
  std::string name;
  std::uint64_t offset = 0;          // from the block (instance) base
  unsigned width = 32;               // 32 or 64
  Quantity reset;                    // whole-register reset, before field resets apply
  bool reset_known = true;           // false: hardware reset value unknown; generic checks skip it
  Quantity count = Quantity::of(1);  // register array inside one block instance
  std::uint64_t stride = 0;
  std::vector<Field> fields;
  std::vector<View> views{View::Host, View::Guest};
  std::string description;
  SourceLoc loc;
  const Field* field(std::string_view name) const;
};

// A block whose instances are windows onto another block's instances, chosen
// through a map register (CMDQ_ALLOC): VINTF logical LVCMDQ pages.
struct Alias {
  std::string of;       // target block name
  std::string through;  // map block name (its first register decides the mapping)
  Quantity slots;       // slots per alias block instance
  std::uint64_t slot_stride = 0;
  SourceLoc loc;
};

struct Block {
  std::string name;
  std::uint64_t base = 0;
  Quantity count = Quantity::of(1);
  std::uint64_t stride = 0;
  std::vector<Register> registers;  // empty for alias blocks
  std::optional<Alias> alias;
  std::string description;
  SourceLoc loc;
  const Register* reg(std::string_view name) const;
};

struct RegionSpec {
  std::string name;  // "smmu" or "cmdqv"
  std::string description;
  std::vector<Block> blocks;
  SourceLoc loc;
  const Block* block(std::string_view name) const;
};

// One outcome-distinct case of a clause (Q-4: LOG2SIZE below, equal to or above IDR1.CMDQS). A run
// counts a branch only when a comparison followed the step that reached it.
struct ClauseBranch {
  std::string id;    // lower-case words joined by '-', unique within the clause
  std::string what;  // one line
};

struct Clause {
  std::string id;      // FAMILY-N
  std::string family;  // FAMILY
  std::string text;
  std::string source;
  Confidence confidence = Confidence::Normative;
  CheckedBy checked_by = CheckedBy::Behaviour;
  std::vector<View> views{View::Host, View::Guest};
  std::vector<std::string> registers;  // "region:block.REG", cross-checked by the loader
  std::vector<ClauseBranch> branches;  // empty: the clause is counted as a whole
  std::string note;
  SourceLoc loc;
};

// When a command is CERROR_ILL on the (Non-secure) SMMU command queue.
enum class IllWhen {
  Always,        // reserved or Secure-only opcode
  SSec,          // dword0 bit 10 (SSEC) set
  NoS1,          // IDR0.S1P = 0
  NoS2,          // IDR0.S2P = 0
  NoHyp,         // IDR0.HYP = 0
  NoAts,         // IDR0.ATS = 0
  NoPri,         // IDR0.PRI = 0
  NoStall,       // IDR0.STALL_MODEL = 0b01 (stall not supported)
  NoMpam,        // IDR3.MPAM = 0
  NoDpt,         // IDR3.DPT = 0
  CsReserved,    // CMD_SYNC with CS = 0b11
  RespReserved,  // PRI_RESP with RESP = 0b11
  ImplDefined,   // IMPLEMENTATION DEFINED opcode: outcome not specified
};
std::string_view to_string(IllWhen w);
std::optional<IllWhen> ill_when_from_string(std::string_view s);

// What a VCMDQ whose VINTF has HYP_OWN = 0 does with an otherwise legal command.
enum class GuestRule { Accept, Reject, Disputed };
std::string_view to_string(GuestRule g);
std::optional<GuestRule> guest_rule_from_string(std::string_view s);

// One field of a 16-byte command entry: bits [lsb + width - 1 : lsb] of the 128-bit entry
// (dword1 holds bits 64..127). The loader keeps a field inside one dword.
struct CommandField {
  std::string name;
  unsigned lsb = 0;
  unsigned width = 1;
  SourceLoc loc;
  unsigned dword() const { return lsb / 64; }
  unsigned shift() const { return lsb % 64; }
  std::uint64_t max() const { return width >= 64 ? ~0ull : ((1ull << width) - 1); }
};

struct Opcode {
  std::uint8_t opcode = 0;
  std::string name;
  std::vector<IllWhen> ill_when;
  GuestRule guest = GuestRule::Reject;
  std::vector<std::string> clauses;  // clause ids, cross-checked by the loader
  std::string layout;                // name of its field layout (`layouts:`); empty: OPCODE only
  std::vector<CommandField> fields;  // the layout's fields, OPCODE included
  SourceLoc loc;
  const CommandField* field(std::string_view name) const;
};

// What a field rule says about a command that matches it (spec/README.md, field rules).
enum class FieldRuleKind {
  MustRaise,     // CERROR_ILL
  MustNotRaise,  // no CERROR_ILL on account of these fields (the opcode rules still apply)
  Either,        // both permitted: a choice dimension of the run (the model's default: `model:`)
};
std::string_view to_string(FieldRuleKind k);
std::optional<FieldRuleKind> field_rule_kind_from_string(std::string_view s);

// The conditions a field rule applies under (all must hold): ID-register features, the
// architecture version (AIDR) and the kind of queue.
enum class FieldCond {
  Ril,
  NoRil,  // IDR3.RIL
  Ds,
  NoDs,  // IDR5.DS
  Sev,
  NoSev,  // IDR0.SEV
  Msi,
  NoMsi,  // IDR0.MSI
  Ats,
  NoAts,  // IDR0.ATS
  Pri,
  NoPri,  // IDR0.PRI
  Ssid,
  NoSsid,      // IDR1.SSIDSIZE != 0 (SubstreamIDs, PASIDs)
  Stage1Only,  // IDR0.S1P = 1, S2P = 0
  V3_0,
  V3_1Plus,  // AIDR.ArchMinorRev = 0 / >= 1
  SmmuQueue,
  Vcmdq,  // the SMMU's own (Non-secure) command queue / a CMDQV VCMDQ
};
std::string_view to_string(FieldCond c);
std::optional<FieldCond> field_cond_from_string(std::string_view s);

// One comparison of a field with a constant.
struct FieldTest {
  enum class Op { Eq, Ne, Lt, Le, Gt, Ge };
  std::string field;
  Op op = Op::Eq;
  std::uint64_t value = 0;
  std::string str() const;  // "TG != 0"
};

// A rule over a command's fields, stated by a clause: when every condition in `when` holds and
// the command is one of `commands` whose fields match one of the `match` alternatives (each a
// conjunction of tests), the command must raise CERROR_ILL, must not, or may either.
struct FieldRule {
  std::string clause;                         // clause id (defined by the rule or named by it)
  std::vector<std::uint8_t> opcodes;          // the commands it applies to
  std::vector<FieldCond> when;                // all must hold
  std::vector<std::vector<FieldTest>> match;  // any alternative, every test in it
  FieldRuleKind kind = FieldRuleKind::MustRaise;
  bool model_raises = false;  // Either: the model's default outcome
  SourceLoc loc;
  std::string describe() const;  // "TG != 0, NUM == 0, ..." (alternatives joined by " or ")
};

struct Spec {
  std::vector<RegionSpec> regions;
  std::vector<Clause> clauses;
  std::vector<Opcode> opcodes;         // opcodes absent from the table are Reserved (always ILL)
  std::vector<FieldRule> field_rules;  // in spec order; the index names an Either dimension

  const RegionSpec* region(std::string_view name) const;
  const Clause* clause(std::string_view id) const;
  const Opcode* opcode(std::uint8_t op) const;
};

}  // namespace cts::spec
