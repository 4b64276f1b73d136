// SPDX-License-Identifier: MIT
// Directed tests from Z3 witnesses, one per branch of a clause's symbolic result (see
// directed_tests.h).
#include "cmdqv_cts/harness/directed_tests.h"

#include <z3++.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include "cmdqv_cts/harness/scenario.h"
#include "cmdqv_cts/model/command_legality.h"
#include "cmdqv_cts/model/queue_index.h"
#include "obligation.h"
#include "proof_env.h"
#include "proof_helpers.h"
#include "symbolic_cmdqv.h"

namespace cts::harness {
namespace {

namespace q = model::queue;
namespace cmd = model::cmd;
using S = proofs::Symbolic;
using W = S::Word;
using C = model::Concrete;
using model::Region;
using proofs::hex;

// 8 MiB aligned: the largest queue (2^19 entries of 16 bytes) lies in RAM (0x40000000..0x80000000)
// at its base as written, whatever the log2size (Q-5 plays no part).
constexpr std::uint64_t kQueueBase = 0x40800000;
constexpr unsigned kMaxLog2size = 19;  // IDR1.CMDQS maximum and the VCMDQ limit
constexpr unsigned kCmdLog2size = 4;   // the queue the command tests use
constexpr std::size_t kMaxWitnessesPerClass = 64;  // more than the command table's opcodes
constexpr std::uint64_t kIll = static_cast<std::uint64_t>(model::CmdError::Ill);

// Z3 as the proofs run it (obligation.h): the QF_BV tactic as a solver, the pinned resource limit
// per check and a fixed seed, so the same model and Z3 give the same witnesses.
class WitnessSolver {
 public:
  enum class Result { Found, Unreachable, Undecided };

  explicit WitnessSolver(z3::context& ctx) : solver_(z3::tactic(ctx, "qfbv").mk_solver()) {
    z3::params p(ctx);
    p.set("random_seed", proofs::RunOptions{}.random_seed);
    solver_.set(p);
  }

  // On Found, `values` holds each of `wanted` in the witness Z3 chose.
  Result solve(const std::vector<z3::expr>& constraints, const std::vector<z3::expr>& wanted,
               std::vector<std::uint64_t>& values) {
    solver_.push();
    for (const z3::expr& c : constraints) solver_.add(c);
    solver_.set("rlimit", proofs::RunOptions{}.rlimit);
    const z3::check_result r = solver_.check();
    ++checks_;
    Result out = Result::Undecided;
    if (r == z3::sat) {
      const z3::model m = solver_.get_model();
      values.clear();
      for (const z3::expr& e : wanted) values.push_back(value_of(m, e));
      out = Result::Found;
    } else if (r == z3::unsat) {
      out = Result::Unreachable;
    } else {
      reason_ = solver_.reason_unknown();
    }
    solver_.pop();
    return out;
  }

  const std::string& reason() const { return reason_; }
  unsigned checks() const { return checks_; }

 private:
  static std::uint64_t value_of(const z3::model& m, const z3::expr& e) {
    const z3::expr v = m.eval(e, true);
    if (v.is_bool()) return v.is_true() ? 1 : 0;
    std::uint64_t out = 0;
    if (v.is_numeral() && v.is_numeral_u64(out)) return out;
    throw std::logic_error("directed tests: a witness value is not a 64-bit numeral");
  }

  z3::solver solver_;
  std::string reason_;
  unsigned checks_ = 0;
};

// One test: a witness that reaches one branch, as the steps that replay it.
struct Test {
  std::string name;  // <clause>-<branch>: the file stem and the scenario name
  Profile profile = Profile::Smmuv3;
  std::vector<std::string> clauses;
  std::string what;  // the witness in words: the description and the summary line
  std::vector<Op> steps;
  std::string origin = "Z3 witness";  // how it was found: the description's first words
};

// Collects the tests, and prints one line per test and per branch left out when `out` is set.
class Emitter {
 public:
  explicit Emitter(std::ostream* out) : out_(out) {}

  void write(const Test& t) {
    tests.push_back({t.name, t.profile, t.clauses, t.origin + ": " + t.what, t.steps});
    line(t.name, to_string(t.profile), t.what);
  }

  // A branch Z3 shows cannot be reached (unsat) with the profile's defaults.
  void unreachable(const std::string& name, Profile p, const std::string& why, bool must_reach) {
    line(name, to_string(p),
         (must_reach ? "NOT WRITTEN: unreachable, but a witness was expected: " : "unreachable: ") +
             why);
    ++unreachable_branches;
    failed |= must_reach;
  }

  void undecided(const std::string& name, Profile p, const std::string& reason) {
    line(name, to_string(p), "NOT WRITTEN: undecided within the resource limit (" + reason + ")");
    ++undecided_branches;
    failed = true;
  }

  std::vector<DirectedTest> tests;
  int unreachable_branches = 0, undecided_branches = 0;
  bool failed = false;

 private:
  void line(const std::string& name, const std::string& profile, const std::string& text) {
    if (!out_) return;
    char head[96];
    std::snprintf(head, sizeof head, "  %-46s %-12s ", name.c_str(), profile.c_str());
    *out_ << head << text << "\n";
  }

  std::ostream* out_;
};

// --- scenario steps ---

Op write_op(Region r, std::uint64_t off, std::uint64_t value, bool read_back = false,
            unsigned size = 4) {
  Op op;
  op.kind = OpKind::Write;
  op.region = r;
  op.offset = off;
  op.size = size;
  op.value = value;
  op.read_back = read_back;
  return op;
}

Op read_op(Region r, std::uint64_t off, unsigned size = 4) {
  Op op;
  op.kind = OpKind::Read;
  op.region = r;
  op.offset = off;
  op.size = size;
  return op;
}

// VCMDQ 0, or the SMMU CMDQ.
Op bring_up_op(bool smmu, unsigned log2size, bool hyp_own) {
  Op op;
  op.kind = OpKind::BringUp;
  op.smmu = smmu;
  op.base = kQueueBase;
  op.log2size = log2size;
  op.hyp_own = hyp_own;
  op.irq_enable = smmu;  // IRQ_CTRL.GERROR_IRQEN: a command error is also an interrupt (ERR-11)
  return op;
}

Op push_op(bool smmu, std::uint64_t dword0, std::uint64_t dword1) {
  Op op;
  op.kind = OpKind::Push;
  op.smmu = smmu;
  op.commands.push_back({dword0, dword1});
  return op;
}

// --- the wrap boundary ---

struct QueueTarget {
  bool smmu = true;
  Profile profile = Profile::Smmuv3;
  std::string tag;  // "smmu" or "vcmdq"
  std::vector<std::string> clauses;
  std::vector<unsigned> log2sizes;
};

std::string pointer(std::uint64_t p, unsigned log2size) {
  const std::uint64_t l = log2size;
  return hex(p) + " (index " + std::to_string(q::index<C>(p, l)) + ", wrap " +
         (q::wrap<C>(p, l) ? "1" : "0") + ")";
}

// The steps: bring the queue up at `log2size`, disable it, write CONS and PROD to the witness,
// re-enable it, push one CMD_SYNC (written at PROD, which then advances) and let it run.
std::vector<Op> wrap_steps(const QueueTarget& t, unsigned log2size, std::uint64_t prod,
                           std::uint64_t cons) {
  const Region r = t.smmu ? Region::Smmu : Region::Cmdqv;
  // SMMU: CR0 (CMDQEN = bit 3) / CR0ACK, CMDQ_PROD, CMDQ_CONS. VCMDQ 0: page0 CONFIG / STATUS,
  // PROD, CONS.
  const std::uint64_t enable = t.smmu ? 0x20 : 0x10008, ack = t.smmu ? 0x24 : 0x1000C;
  const std::uint64_t prod_off = t.smmu ? 0x98 : 0x10004, cons_off = t.smmu ? 0x9C : 0x10000;
  const std::uint64_t on = t.smmu ? 1u << 3 : 1u;
  return {bring_up_op(t.smmu, log2size, !t.smmu),
          write_op(r, enable, 0),
          read_op(r, ack),
          write_op(r, cons_off, cons, true),
          write_op(r, prod_off, prod, true),
          write_op(r, enable, on),
          read_op(r, ack),
          push_op(t.smmu, cmd::kCmdSync, 0),
          Op{}};
}

void queue_tests(WitnessSolver& z, Emitter& e, const QueueTarget& t) {
  for (unsigned k : t.log2sizes) {
    const W l2 = S::lit(k);
    const W prod = S::var("prod"), cons = S::var("cons");
    const W span = S::shl(S::lit(2), l2) - S::lit(1);
    const W prod_after = q::advance<S>(prod, S::lit(1), l2);  // the push
    const W cons_after = q::advance<S>(cons, S::lit(1), l2);  // the command consumed
    const std::vector<z3::expr> base = {
        // Only the wrap flag and index bits: CONS reads nothing above the wrap flag.
        (prod & ~span) == S::lit(0),
        (cons & ~span) == S::lit(0),
        // Nothing queued: the device consumes exactly the command the test pushes.
        q::empty<S>(prod, cons, l2),
    };
    const z3::expr wraps = q::wrap<S>(cons_after, l2) != q::wrap<S>(cons, l2);
    for (const bool wrap : {true, false}) {
      const std::string name =
          "Q-1-" + t.tag + (wrap ? "-wrap" : "-nowrap") + "-log2size-" + std::to_string(k);
      std::vector<z3::expr> c = base;
      c.push_back(wrap ? wraps : !wraps);
      std::vector<std::uint64_t> v;
      switch (z.solve(c, {prod, cons, prod_after, cons_after}, v)) {
        case WitnessSolver::Result::Unreachable:
          // A one-entry queue wraps on every command: there is no step that does not.
          e.unreachable(name, t.profile,
                        "every step of a 2^" + std::to_string(k) + "-entry queue wraps",
                        wrap || k > 0);
          continue;
        case WitnessSolver::Result::Undecided:
          e.undecided(name, t.profile, z.reason());
          continue;
        case WitnessSolver::Result::Found:
          break;
      }
      Test test;
      test.name = name;
      test.profile = t.profile;
      test.clauses = t.clauses;
      test.what = "log2size " + std::to_string(k) + ": PROD = " + pointer(v[0], k) +
                  ", CONS = " + pointer(v[1], k) + "; one CMD_SYNC takes PROD to " + hex(v[2]) +
                  " and CONS to " + pointer(v[3], k) + ", the wrap flag " +
                  (wrap ? "toggles" : "stays");
      test.steps = wrap_steps(t, k, v[0], v[1]);
      e.write(test);
    }
  }
}

// --- CMD: the legality fold, one witness per opcode of each class ---

enum class Queue : std::uint8_t { Smmu, GuestVcmdq, HostVcmdq };

// The command Z3 chooses and the model's legality fold over it (command_legality.h).
struct Command {
  const model::CommandRules& rules;
  W dword0 = S::var("cmd.dword0"), dword1 = S::var("cmd.dword1");
  W opcode = cmd::Opcode::get<S>(dword0);
  model::FeatureBits<S> features;       // the profile's defaults
  model::FeatureBits<S> every_feature;  // every feature implemented
  model::PolicyBits<S> policy;          // the model's policy
  z3::expr reserved = S::truth(false);  // no command-table entry (CMD-1)

  Command(const model::CommandRules& r, const model::ModelConfig& cfg)
      : rules(r),
        features(model::FeatureBits<S>::of(model::Features::from(cfg))),
        every_feature(model::FeatureBits<S>::of(every())),
        policy(model::PolicyBits<S>::of(r)) {
    for (unsigned k = 0; k < 256; ++k) {
      if (!rules.entry(static_cast<std::uint8_t>(k))) reserved = reserved || opcode == S::lit(k);
    }
  }

  W smmu(const W& d0, const W& d1, const model::FeatureBits<S>& f,
         const model::PolicyBits<S>& p) const {
    return model::smmu_error_code<S>(rules, f, p, d0, d1);
  }
  W smmu() const { return smmu(dword0, dword1, features, policy); }
  // The VCMDQ's code under the model's policy, and with CMD-8 decided either way.
  W vcmdq(bool hyp_own) const {
    return model::vcmdq_error_code<S>(rules, features, policy, dword0, dword1, S::truth(hyp_own));
  }
  W vcmdq(bool hyp_own, bool accepts_disputed) const {
    model::PolicyBits<S> p = policy;
    p.guest_accepts_disputed = S::truth(accepts_disputed);
    return model::vcmdq_error_code<S>(rules, features, p, dword0, dword1, S::truth(hyp_own));
  }
  static model::Features every() {
    model::Features f;
    f.s1p = f.s2p = f.hyp = f.ats = f.pri = f.stall = f.mpam = f.dpt = true;
    return f;
  }
  // dword0 is the opcode alone, dword1 zero.
  z3::expr plain() const { return z3::ult(dword0, S::lit(0x100)) && dword1 == S::lit(0); }
};

struct CmdClass {
  std::string clause, branch;  // the file is <clause>-<branch>-<opcode name>
  std::vector<std::string> clauses;
  Queue queue = Queue::Smmu;
  bool enumerate = true;   // every opcode of the class (each is its own arm of the fold), or one
  bool must_reach = true;  // false: may be unreachable with the profile's default features
  std::string meaning;     // what the class is, in words
  std::function<z3::expr(const Command&)> predicate;
};

Profile profile_of(Queue qu) {
  return qu == Queue::Smmu         ? Profile::Smmuv3
         : qu == Queue::GuestVcmdq ? Profile::CmdqvGuest
                                   : Profile::CmdqvHost;
}

std::string outcome(std::uint64_t code) {
  return code == 0 ? "executes it"
                   : "raises CONS.ERR " + std::to_string(code) + " (" +
                         model::to_string(static_cast<model::CmdError>(code)) + ")";
}

std::vector<CmdClass> command_classes() {
  using Cm = Command;
  const W ill = S::lit(kIll), zero = S::lit(0);
  std::vector<CmdClass> out;
  out.push_back({"CMD-1",
                 "smmu-reserved",
                 {"CMD-1", "ERR-1"},
                 Queue::Smmu,
                 false,
                 true,
                 "a Reserved opcode (no command-table entry) is CERROR_ILL",
                 [=](const Cm& c) { return c.plain() && c.reserved && c.smmu() == ill; }});
  out.push_back({"CMD-2",
                 "smmu-legal",
                 {"CMD-2", "Q-3"},
                 Queue::Smmu,
                 true,
                 true,
                 "a command the SMMU CMDQ executes",
                 [=](const Cm& c) { return c.plain() && c.smmu() == zero; }});
  out.push_back({"CMD-2",
                 "smmu-no-feature",
                 {"CMD-2", "ERR-1"},
                 Queue::Smmu,
                 true,
                 true,
                 "CERROR_ILL only because the SMMU lacks its feature",
                 [=](const Cm& c) {
                   return c.plain() && c.smmu() == ill &&
                          c.smmu(c.dword0, c.dword1, c.every_feature, c.policy) == zero;
                 }});
  out.push_back({"CMD-4",
                 "smmu-secure-only",
                 {"CMD-4", "ERR-1"},
                 Queue::Smmu,
                 true,
                 true,
                 "CERROR_ILL on the Non-secure queue whatever the features and policy",
                 [=](const Cm& c) {
                   model::PolicyBits<S> p = c.policy;
                   p.impl_defined_ill = S::truth(false);
                   return c.plain() && !c.reserved &&
                          c.smmu(c.dword0, c.dword1, c.every_feature, p) == ill;
                 }});
  out.push_back({"CMD-9",
                 "smmu-impdef",
                 {"CMD-9", "ERR-1"},
                 Queue::Smmu,
                 false,
                 true,
                 "an IMPLEMENTATION DEFINED opcode: its outcome is the policy's choice",
                 [=](const Cm& c) {
                   model::PolicyBits<S> executes = c.policy, ill_policy = c.policy;
                   executes.impl_defined_ill = S::truth(false);
                   ill_policy.impl_defined_ill = S::truth(true);
                   return c.plain() && c.smmu(c.dword0, c.dword1, c.features, executes) !=
                                           c.smmu(c.dword0, c.dword1, c.features, ill_policy);
                 }});
  out.push_back({"CMD-3",
                 "smmu-ssec",
                 {"CMD-3", "ERR-1"},
                 Queue::Smmu,
                 true,
                 true,
                 "CERROR_ILL only because SSec is set",
                 [=](const Cm& c) {
                   return (c.dword0 & ~S::lit(0xFF | cmd::SSec::mask)) == zero &&
                          c.dword1 == zero && c.smmu() == ill &&
                          c.smmu(cmd::SSec::set<S>(c.dword0, zero), c.dword1, c.features,
                                 c.policy) == zero;
                 }});
  out.push_back({"CMD-5",
                 "smmu-cs-reserved",
                 {"CMD-5", "ERR-1"},
                 Queue::Smmu,
                 true,
                 true,
                 "CERROR_ILL only because of the Reserved CS encoding",
                 [=](const Cm& c) {
                   return (c.dword0 & ~S::lit(0xFF | cmd::SyncCs::mask)) == zero &&
                          c.dword1 == zero && c.smmu() == ill &&
                          c.smmu(cmd::SyncCs::set<S>(c.dword0, zero), c.dword1, c.features,
                                 c.policy) == zero;
                 }});
  out.push_back({"CMD-5",
                 "smmu-resp-reserved",
                 {"CMD-5", "ERR-1"},
                 Queue::Smmu,
                 true,
                 false,
                 "CERROR_ILL only because of the Reserved RESP encoding (needs IDR0.PRI)",
                 [=](const Cm& c) {
                   return z3::ult(c.dword0, S::lit(0x100)) &&
                          (c.dword1 & ~S::lit(cmd::PriResp::mask)) == zero && c.smmu() == ill &&
                          c.smmu(c.dword0, cmd::PriResp::set<S>(c.dword1, zero), c.features,
                                 c.policy) == zero;
                 }});
  out.push_back({"CMD-6",
                 "guest-accepted",
                 {"CMD-6", "HYP-4"},
                 Queue::GuestVcmdq,
                 true,
                 true,
                 "the HYP_OWN = 0 filter accepts it (whatever the policy)",
                 [=](const Cm& c) {
                   return c.plain() && c.smmu() == zero && c.vcmdq(false, true) == zero &&
                          c.vcmdq(false, false) == zero;
                 }});
  out.push_back(
      {"CMD-7",
       "guest-rejected",
       {"CMD-7", "HYP-4", "ERR-10"},
       Queue::GuestVcmdq,
       true,
       true,
       "the SMMU CMDQ executes it, the HYP_OWN = 0 filter rejects it (whatever the policy)",
       [=](const Cm& c) {
         return c.plain() && c.smmu() == zero && c.vcmdq(false, true) != zero &&
                c.vcmdq(false, false) != zero;
       }});
  out.push_back(
      {"CMD-8",
       "guest-disputed",
       {"CMD-8", "HYP-4"},
       Queue::GuestVcmdq,
       true,
       true,
       "the SMMU CMDQ executes it, the HYP_OWN = 0 filter's outcome is the policy's choice",
       [=](const Cm& c) {
         return c.plain() && c.smmu() == zero && c.vcmdq(false, true) != c.vcmdq(false, false);
       }});
  out.push_back({"HYP-3",
                 "host-hyp-own-unfiltered",
                 {"HYP-3", "HYP-5"},
                 Queue::HostVcmdq,
                 false,
                 true,
                 "a HYP_OWN = 1 VCMDQ executes it where the HYP_OWN = 0 filter may reject it",
                 [=](const Cm& c) {
                   return c.plain() && c.smmu() == zero && c.vcmdq(true, true) == zero &&
                          c.vcmdq(false, false) != zero;
                 }});
  return out;
}

std::string queue_words(Queue qu) {
  return qu == Queue::Smmu         ? "the SMMU CMDQ"
         : qu == Queue::GuestVcmdq ? "a HYP_OWN = 0 VCMDQ"
                                   : "a HYP_OWN = 1 VCMDQ";
}

void command_tests(WitnessSolver& z, Emitter& e, const model::CommandRules& rules) {
  for (const CmdClass& k : command_classes()) {
    const Profile profile = profile_of(k.queue);
    const Command c(rules, profile_config(profile, ""));
    const W code = k.queue == Queue::Smmu ? c.smmu() : c.vcmdq(k.queue == Queue::HostVcmdq);
    std::vector<z3::expr> constraints = {k.predicate(c)};
    const std::string stem = k.clause + "-" + k.branch;
    for (std::size_t found = 0; found < kMaxWitnessesPerClass; ++found) {
      std::vector<std::uint64_t> v;
      const WitnessSolver::Result r = z.solve(constraints, {c.dword0, c.dword1, c.opcode, code}, v);
      if (r == WitnessSolver::Result::Undecided) {
        e.undecided(stem, profile, z.reason());
        break;
      }
      if (r == WitnessSolver::Result::Unreachable) {
        if (found == 0)
          e.unreachable(stem, profile, k.meaning + ": no opcode with these features", k.must_reach);
        break;
      }
      const auto op = static_cast<std::uint8_t>(v[2]);
      Test t;
      t.name = stem + "-" + rules.name(op);
      t.profile = profile;
      t.clauses = k.clauses;
      t.what = rules.name(op) + " (dword0 " + hex(v[0]) + ", dword1 " + hex(v[1]) +
               "): " + k.meaning + "; on " + queue_words(k.queue) + " the model " + outcome(v[3]);
      const bool smmu = k.queue == Queue::Smmu;
      t.steps = {bring_up_op(smmu, kCmdLog2size, k.queue == Queue::HostVcmdq),
                 push_op(smmu, v[0], v[1]), Op{}};
      if (v[3] != 0) {
        // ERR-3: acknowledge (GERRORN = GERROR) with a CMD_SYNC behind it; the queue resumes at
        // CONS and faults on the same command again.
        Op ack = push_op(smmu, cmd::kCmdSync, 0);
        ack.ack = true;
        t.steps.push_back(ack);
        t.steps.push_back(Op{});
        t.clauses.push_back("ERR-3");
        t.what += ", and again after GERRORN acknowledges it";
      }
      e.write(t);
      if (!k.enumerate) break;
      constraints.push_back(c.opcode != S::lit(op));  // the next opcode of the class
    }
  }
}

// --- field rules (spec/commands.yaml field_rules): each rule's boundary ---

// The features a field rule's conditions ask for, over the SMMUv3 profile's defaults.
model::Features features_for(const spec::FieldRule& r, const model::ModelConfig& base) {
  model::Features f = model::Features::from(base);
  using FC = spec::FieldCond;
  for (FC c : r.when) {
    switch (c) {
      case FC::Ril:
        f.ril = true;
        break;
      case FC::NoRil:
        f.ril = false;
        break;
      case FC::Ds:
        f.ds = true;
        break;
      case FC::NoDs:
        f.ds = false;
        break;
      case FC::Sev:
        f.sev = true;
        break;
      case FC::NoSev:
        f.sev = false;
        break;
      case FC::Msi:
        f.msi = true;
        break;
      case FC::NoMsi:
        f.msi = false;
        break;
      case FC::Ats:
        f.ats = true;
        break;
      case FC::NoAts:
        f.ats = false;
        break;
      case FC::Pri:
        f.pri = true;
        break;
      case FC::NoPri:
        f.pri = false;
        break;
      case FC::Ssid:
        f.ssid = true;
        break;
      case FC::NoSsid:
        f.ssid = false;
        break;
      case FC::Stage1Only:
        f.s1p = true, f.s2p = false;
        break;
      case FC::V3_0:
        f.v3_0 = true;
        break;
      case FC::V3_1Plus:
        f.v3_0 = false;
        break;
      case FC::SmmuQueue:
      case FC::Vcmdq:
        break;
    }
  }
  return f;
}

// The value of a field nearest the test's boundary that satisfies it (holds) or does not;
// false if none exists in the field's range.
bool boundary(const spec::FieldTest& t, std::uint64_t max, bool holds, std::uint64_t& out) {
  using Op = spec::FieldTest::Op;
  const std::uint64_t v = t.value;
  bool eq_holds = false, below_holds = false, above_holds = false;  // at v, at v - 1, at v + 1
  switch (t.op) {
    case Op::Eq:
      eq_holds = true;
      break;
    case Op::Ne:
      below_holds = above_holds = true;
      break;
    case Op::Lt:
      below_holds = true;
      break;
    case Op::Le:
      eq_holds = below_holds = true;
      break;
    case Op::Gt:
      above_holds = true;
      break;
    case Op::Ge:
      eq_holds = above_holds = true;
      break;
  }
  if (v <= max && eq_holds == holds) return out = v, true;
  if (v < max && above_holds == holds) return out = v + 1, true;
  if (v > 0 && v - 1 <= max && below_holds == holds) return out = v - 1, true;
  return false;
}

// For every field rule, on each of its commands: the fields of one alternative at their
// boundary (the rule holds), and each field in turn just across it (the rule does not hold),
// every other field zero. The model's outcome is the evaluator's (command_legality.h) under
// features that meet the rule's conditions; a replay judges the device with its own features.
void field_rule_tests(Emitter& e, const spec::Spec& spec, const model::CommandRules& rules) {
  const model::ModelConfig base = profile_config(Profile::Smmuv3, "");
  for (const spec::FieldRule& r : spec.field_rules) {
    const model::Features f = features_for(r, base);
    for (std::uint8_t op : r.opcodes) {
      const spec::Opcode* entry = spec.opcode(op);
      // An opcode that is CERROR_ILL whatever its fields (TLBI_EL2_VA without IDR0.HYP) cannot
      // show the rule's branch: its test would witness CMD-2, not this clause.
      if (!entry || rules.smmu_error(op, 0, f) != model::CmdError::None) continue;
      for (std::size_t a = 0; a < r.match.size(); ++a) {
        const std::vector<spec::FieldTest>& alt = r.match[a];
        for (std::size_t flip = 0; flip <= alt.size(); ++flip) {  // flip == size: the rule holds
          std::array<std::uint64_t, 2> c{op, 0};
          std::string fields;
          bool ok = true;
          for (std::size_t i = 0; i < alt.size() && ok; ++i) {
            const spec::CommandField* fd = entry->field(alt[i].field);
            std::uint64_t v = 0;
            ok = fd && boundary(alt[i], fd->max(), i != flip, v);
            if (!ok) break;
            c[fd->dword()] |= v << fd->shift();
            fields += (fields.empty() ? "" : ", ") + alt[i].field + " = " + std::to_string(v);
          }
          if (!ok) continue;  // no value across this boundary (e.g. a 5-bit field <= 31)
          const std::uint64_t code = static_cast<std::uint64_t>(rules.smmu_error(c[0], c[1], f));
          Test t;
          t.origin = "field-rule boundary witness";
          t.name = r.clause + "-" + entry->name +
                   (r.match.size() > 1 ? "-alt" + std::to_string(a + 1) : "") +
                   (flip == alt.size() ? "-holds" : "-" + alt[flip].field + "-across");
          t.profile = Profile::Smmuv3;
          t.clauses = {r.clause};
          std::string conds;
          for (spec::FieldCond k : r.when)
            conds += (conds.empty() ? "" : ", ") + std::string(spec::to_string(k));
          t.what = entry->name + " (dword0 " + hex(c[0]) + ", dword1 " + hex(c[1]) + ": " + fields +
                   "): " + (flip == alt.size() ? "matches " : "just outside ") + r.clause + " (" +
                   std::string(spec::to_string(r.kind)) + (conds.empty() ? "" : " when " + conds) +
                   "); with those features the model " + outcome(code);
          t.steps = {bring_up_op(true, kCmdLog2size, false), push_op(true, c[0], c[1]), Op{}};
          if (code != 0 || r.kind != spec::FieldRuleKind::MustNotRaise) {
            // Acknowledged (if it faulted) with a CMD_SYNC behind it, as command_tests do.
            Op ack = push_op(true, cmd::kCmdSync, 0);
            ack.ack = true;
            t.steps.push_back(ack);
            t.steps.push_back(Op{});
          }
          e.write(t);
        }
      }
      if (r.kind != spec::FieldRuleKind::MustRaise) break;  // the must-raise rules on every command
    }
  }
}

// --- HYP-1: the guest view's HYP_OWN wiring ---

void hyp_tests(WitnessSolver& z, Emitter& e, proofs::ProofEnv& env) {
  const model::ModelConfig cfg = profile_config(Profile::CmdqvGuest, "");
  const proofs::SymbolicCmdqv guest(env.cmdqv_layout(cfg), spec::View::Guest);
  const proofs::SymbolicCmdqv unmasked(env.unmasked_cmdqv_layout(cfg), spec::View::Guest);
  const std::uint64_t off = guest.offset_of(guest.vintf(0).config);
  const W mask = S::lit(guest.hyp_own_mask());
  for (const unsigned size : {4u, 8u}) {
    const std::string name = "HYP-1-guest-write" + std::to_string(size) + "-hyp-own-set";
    const W w = S::var("config.write");
    proofs::SymbolicCmdqv a = guest, b = unmasked;
    a.write(off, size, w);
    b.write(off, size, w);
    const W ra = a.read(off, size).value, rb = b.read(off, size).value;
    // The write sets HYP_OWN, and the guest view reads back what a VMM that stores HYP_OWN would
    // not.
    const std::vector<z3::expr> c = {proofs::fits(w, size), (w & mask) != S::lit(0), ra != rb};
    std::vector<std::uint64_t> v;
    switch (z.solve(c, {w, ra, rb}, v)) {
      case WitnessSolver::Result::Unreachable:
        e.unreachable(name, Profile::CmdqvGuest, "no such write", true);
        continue;
      case WitnessSolver::Result::Undecided:
        e.undecided(name, Profile::CmdqvGuest, z.reason());
        continue;
      case WitnessSolver::Result::Found:
        break;
    }
    Test t;
    t.name = name;
    t.profile = Profile::CmdqvGuest;
    t.clauses = {"HYP-1", "ROUTE-4"};
    t.what = "write" + std::to_string(size * 8) + " " + hex(v[0]) + " to " +
             guest.name_of(guest.vintf(0).config) + " in the guest view: the model reads back " +
             hex(v[1]) + ", a VMM that stores HYP_OWN " + hex(v[2]);
    t.steps = {write_op(Region::Cmdqv, off, v[0], true, size), read_op(Region::Cmdqv, off, 4),
               read_op(Region::Cmdqv, off, 8)};
    e.write(t);
  }
}

// --- ALIAS: a VINTF's logical LVCMDQ page0 slot through the CMDQ_ALLOC map ---

void alias_tests(WitnessSolver& z, Emitter& e, proofs::ProofEnv& env) {
  const model::ModelConfig cfg = profile_config(Profile::CmdqvHost, "");
  const auto layout = env.cmdqv_layout(cfg);
  const model::AliasInfo* page0 = nullptr;
  for (const model::AliasInfo& a : layout->aliases()) {
    if (a.block->alias && a.block->alias->of == "vcmdq_page0") page0 = &a;
  }
  if (!page0)
    throw std::logic_error("directed tests: the cmdqv layout has no alias of vcmdq_page0");
  const model::BlockInfo& map = layout->blocks()[page0->through_block];
  const spec::Register& reg = map.block->registers.front();
  const spec::Field &allocated = *reg.field("ALLOCATED"), &vintf = *reg.field("VINTF"),
                    &lvcmdq = *reg.field("LVCMDQ");
  constexpr std::uint64_t kNone = ~0ull;
  std::vector<W> regs;  // CMDQ_ALLOC(q): what the model stores
  for (std::uint32_t q = 0; q < map.instances; ++q) {
    const model::RegInstance& ri = layout->instances()[map.first_instance + q * map.per_instance];
    regs.push_back(S::var(ri.name()) & S::lit(ri.stored));
  }
  // The slot (VINTF i, LVCMDQ l) Z3 chooses, and the VCMDQ the model's alias_owner resolves it to.
  const W i = S::var("slot.vintf"), l = S::var("slot.lvcmdq"), value = S::var("prod.write");
  W owner = S::lit(kNone);
  for (std::uint32_t a = 0; a < page0->instances; ++a) {
    for (std::uint32_t b = 0; b < page0->slots; ++b) {
      owner = S::ite(i == S::lit(a) && l == S::lit(b),
                     model::alias_owner<S>(regs, allocated.mask(), vintf.mask(), vintf.lsb,
                                           lvcmdq.mask(), lvcmdq.lsb, a, b, kNone),
                     owner);
    }
  }
  std::vector<z3::expr> base = {z3::ult(i, S::lit(page0->instances)),
                                z3::ult(l, S::lit(page0->slots)), value != S::lit(0),
                                (value & ~S::lit(0xFFFFF)) == S::lit(0)};
  // One CMDQ_ALLOC entry allocated, every other one zero (as after reset): one write sets the map
  // up.
  z3::expr one = S::truth(false);
  for (std::size_t q = 0; q < regs.size(); ++q) {
    one = one || S::nonzero(regs[q] & S::lit(allocated.mask()));
    for (std::size_t r = q + 1; r < regs.size(); ++r)
      base.push_back(regs[q] == S::lit(0) || regs[r] == S::lit(0));
  }
  base.push_back(one);
  std::vector<z3::expr> wanted = {i, l, value, owner};
  for (const W& r : regs) wanted.push_back(r);
  for (const bool mapped : {true, false}) {
    const std::string name = mapped ? "ALIAS-1-mapped-slot" : "ALIAS-2-unmapped-slot";
    std::vector<z3::expr> c = base;
    c.push_back(mapped ? owner != S::lit(kNone) : owner == S::lit(kNone));
    std::vector<std::uint64_t> v;
    switch (z.solve(c, wanted, v)) {
      case WitnessSolver::Result::Unreachable:
        e.unreachable(name, Profile::CmdqvHost, "no such map", true);
        continue;
      case WitnessSolver::Result::Undecided:
        e.undecided(name, Profile::CmdqvHost, z.reason());
        continue;
      case WitnessSolver::Result::Found:
        break;
    }
    std::uint32_t q = 0;
    while (q + 1 < regs.size() && v[4 + q] == 0) ++q;
    const std::uint32_t target = mapped ? static_cast<std::uint32_t>(v[3]) : q;
    const std::uint64_t slot =
        page0->block->base + page0->block->stride * v[0] + page0->block->alias->slot_stride * v[1];
    const std::uint64_t global =
        layout->instances()[map.first_instance + q * map.per_instance].offset;
    const std::int32_t prod_id = layout->find("vcmdq_page0", "PROD", target);
    if (prod_id < 0)
      throw std::logic_error("directed tests: the cmdqv layout has no vcmdq_page0 PROD");
    const std::uint64_t target_prod = layout->instances()[static_cast<std::size_t>(prod_id)].offset;
    const std::uint64_t prod =
        layout->instances()[static_cast<std::size_t>(prod_id)].reg->offset;  // in a slot
    Test t;
    t.name = name;
    t.profile = Profile::CmdqvHost;
    t.clauses = mapped ? std::vector<std::string>{"ALIAS-1", "ALLOC-1"}
                       : std::vector<std::string>{"ALIAS-2", "ALIAS-3"};
    t.what = "CMDQ_ALLOC(" + std::to_string(q) + ") = " + hex(v[4 + q]) +
             "; PROD of logical slot (vintf " + std::to_string(v[0]) + ", lvcmdq " +
             std::to_string(v[1]) + ") written " + hex(v[2]) + ": " +
             (mapped ? "it is VCMDQ " + std::to_string(target) + "'s PROD"
                     : "no entry maps the slot, the write is dropped");
    t.steps = {write_op(Region::Cmdqv, global, v[4 + q], true),
               write_op(Region::Cmdqv, slot + prod, v[2]), read_op(Region::Cmdqv, slot + prod),
               read_op(Region::Cmdqv, target_prod)};
    e.write(t);
  }
}

}  // namespace

namespace {

// Every test, from the model's templates and Z3 under the proofs' pinned limits.
void generate(Emitter& e, WitnessSolver& z, proofs::ProofEnv& env) {
  std::vector<unsigned> every_log2size;
  for (unsigned k = 0; k <= kMaxLog2size; ++k) every_log2size.push_back(k);
  queue_tests(z, e, {true, Profile::Smmuv3, "smmu", {"Q-1", "Q-3"}, every_log2size});
  queue_tests(
      z, e, {false, Profile::CmdqvHost, "vcmdq", {"Q-1", "Q-3", "Q-7"}, {0, 1, 10, kMaxLog2size}});
  command_tests(z, e, env.rules());
  field_rule_tests(e, env.spec(), env.rules());
  hyp_tests(z, e, env);
  alias_tests(z, e, env);
}

}  // namespace

int emit_directed_tests(const std::string& dir, std::ostream& out) {
  const auto t0 = std::chrono::steady_clock::now();
  std::filesystem::create_directories(dir);
  z3::context ctx;
  proofs::ProofEnv env(ctx);
  WitnessSolver z(ctx);
  Emitter e(&out);
  out << "directed tests: one Z3 witness per branch (rlimit " << proofs::RunOptions{}.rlimit
      << " per check)\n";
  generate(e, z, env);
  for (const DirectedTest& t : e.tests) {
    const std::string path = dir + "/" + t.name + ".yaml";
    std::ofstream f(path);
    f << to_yaml(to_scenario(t));
    if (!f) throw std::runtime_error("cannot write " + path);
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f s", s);
  out << "directed tests: " << e.tests.size() << " written to " << dir << " ("
      << e.unreachable_branches << " branches unreachable, " << e.undecided_branches
      << " undecided; " << z.checks() << " Z3 checks, " << secs
      << "); replay: cmdqv-cts run --directed " << dir << " --device DEVICE\n";
  return e.failed ? -1 : static_cast<int>(e.tests.size());
}

std::shared_ptr<const std::vector<DirectedTest>> builtin_directed_tests() {
  // Z3 gives the same witnesses on every call (fixed seed and rlimit): generate them once.
  static const std::shared_ptr<const std::vector<DirectedTest>> tests = [] {
    z3::context ctx;
    proofs::ProofEnv env(ctx);
    WitnessSolver z(ctx);
    Emitter e(nullptr);
    generate(e, z, env);
    if (e.failed) {
      throw std::logic_error(
          "directed tests: a branch that must be reachable was not (run `cmdqv-cts prove "
          "--emit-tests DIR` to see which)");
    }
    return std::make_shared<const std::vector<DirectedTest>>(std::move(e.tests));
  }();
  return tests;
}

Scenario to_scenario(const DirectedTest& t) {
  Scenario s;
  s.name = t.name;
  s.description = t.description;
  s.profile = t.profile;
  s.clauses = t.clauses;
  s.steps = t.ops;
  return s;
}

}  // namespace cts::harness
