// SPDX-License-Identifier: MIT
// Differential (see differential.h).
#include "cmdqv_cts/harness/differential.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "cmdqv_cts/harness/clause_tagging.h"
#include "cmdqv_cts/harness/register_lookup.h"
#include "cmdqv_cts/model/queue_index.h"
#include "command_blame.h"

namespace cts::harness {
namespace {

using model::AccessStatus;
using model::ReferenceModel;

using spec::hex;

constexpr model::Region C = model::Region::Cmdqv;
constexpr model::Region S = model::Region::Smmu;

}  // namespace

class Differential::Impl {
 public:
  Impl(ModelTwin& twin, Device* dut, CountingIrq* dut_irq, ClauseCoverage* coverage,
       DifferentialCounters& counters, DifferentialOptions options)
      : t_(twin),
        dut_(dut),
        dut_irq_(dut_irq),
        coverage_(coverage),
        counters_(counters),
        options_(options) {}

  std::optional<Mismatch> apply_op(const Op& op, std::size_t index) {
    op_ = index;
    mismatch_.reset();
    apply(op);
    return mismatch_;
  }

  std::optional<Mismatch> initialise() {
    op_ = 0;
    mismatch_.reset();
    initialise_unknown_resets();
    return mismatch_;
  }

 private:
  bool has_cmdqv() const { return t_.model.has_cmdqv(); }
  bool failed() const { return mismatch_.has_value(); }

  void exercise(std::string_view id) {
    if (coverage_) coverage_->exercise(id);
  }
  // Branch `branch` of clause `id` (spec `branches:`), counted at the next comparison.
  void reach(std::string_view id, std::string_view branch) {
    if (coverage_) coverage_->reach(id, branch);
  }
  // HYP-1's branches: CONFIG of a VINTF accessed in the guest view, 32 or 64 bits wide.
  void reach_hyp_own_access(const RegisterAt& at, unsigned size, bool write) {
    if (t_.model.config().view != spec::View::Guest || at.qualified != "cmdqv:vintf.CONFIG") return;
    reach("HYP-1", write ? (size == 8 ? "write64" : "write32") : (size == 8 ? "read64" : "read32"));
  }
  void close_window() {
    if (coverage_) coverage_->close_window();
  }

  // Runs one call into the device; a device failure gains where it happened.
  template <class F>
  auto guarded(const std::string& doing, F&& call) -> decltype(call()) {
    try {
      return call();
    } catch (const DeviceFailure& e) {
      throw DeviceFailure(std::string(e.what()) + " at operation " + std::to_string(op_) +
                          " while " + doing);
    }
  }

  // A 64-bit access to a VINTF's CONFIG (with STATUS above it). HYP-1 states only that HYP_OWN
  // reads 0 through it; whether such an access reaches the two 32-bit registers is stated
  // nowhere (QEMU's tegra241-cmdqv.c ignores the write and reads CONFIG alone), so only HYP_OWN
  // is compared and a write changes nothing but HYP_OWN.
  static bool config_pair_access(const RegisterAt& at, unsigned size) {
    return size == 8 && at.qualified == "cmdqv:vintf.CONFIG";
  }

  void apply(const Op& op) {
    switch (op.kind) {
      case OpKind::Write: {
        settle();  // software decides on what it has observed
        if (reprograms_enabled_vcmdq(op.region, op.offset)) break;  // software never does
        const RegisterAt at = register_at(t_.model, op.region, op.offset);
        std::uint64_t random = op.value;
        if (config_pair_access(at, op.size)) {
          const std::uint64_t hyp_own = t_.model.cmdqv().hyp_own_mask();
          random = (t_.model.read(op.region, op.offset, 8).value & ~hyp_own) | (random & hyp_own);
        }
        const std::optional<std::uint64_t> value = software_rules(
            op.region, op.offset, op.size, software_value(op.region, op.offset, op.size, random));
        if (!value) break;  // a write software must not make in this state
        if (disables_vintf_under_its_lvcmdqs(at, *value)) break;
        const QueueAt queue = queue_at(op.region, op.offset);
        const std::uint64_t log2_before = queue.regs ? log2size(queue) : 0;
        write(op.region, op.offset, op.size, *value);
        if (queue.regs && queue.is_base && log2size(queue) != log2_before)
          reinitialise_indexes(queue);
        if (op.read_back && !failed()) {  // the sharpest check of register semantics
          compare_read(op.region, op.offset, op.size);
          close_window();
        }
        break;
      }
      case OpKind::Read:
        compare_read(op.region, op.offset, op.size);
        close_window();
        break;
      case OpKind::BringUp:
        bring_up(op);
        break;
      case OpKind::Push:
        push(op);
        break;
      case OpKind::Run:
        run_both();
        break;
    }
  }

  // Registers whose hardware reset value is unknown are programmed to 0 first, as a driver
  // would, so that reads compare defined values (identification registers come from the
  // device itself: see probe_device_config).
  void initialise_unknown_resets() {
    auto sweep = [&](model::Region r, const model::Layout& l, spec::View view) {
      for (const model::RegInstance& ri : l.instances()) {
        if (!ri.reset_known && ri.writable[model::view_index(view)] != 0)
          write(r, ri.offset, ri.width / 8, 0);
      }
    };
    sweep(S, t_.model.smmu().registers().layout(), spec::View::Host);
    if (has_cmdqv()) sweep(C, t_.model.cmdqv().registers().layout(), t_.model.config().view);
  }

  // A write of an enabled VCMDQ's BASE, through either page1 view: software disables a queue
  // before it reprograms it (vcmdq_hw_deinit; IHI 0070 6.3.26 for the SMMU CMDQ).
  bool reprograms_enabled_vcmdq(model::Region r, std::uint64_t off) const {
    if (r != C || !has_cmdqv()) return false;
    const RegisterAt at = register_at(t_.model, r, off);
    if (at.id < 0 || at.qualified != "cmdqv:vcmdq_page1.BASE") return false;
    const model::RegInstance& ri =
        t_.model.cmdqv().registers().layout().instances()[static_cast<std::size_t>(at.id)];
    return t_.model.cmdqv().vcmdq_enabled(ri.block_index);
  }

  // A write of VINTF CONFIG.EN = 0 while an LVCMDQ of that VINTF is enabled: Linux disables a
  // VINTF only after its LVCMDQs (tegra241_vintf_hw_deinit), and what hardware does to the
  // queues under it is undocumented, so software never does it (as bring_up never does).
  bool disables_vintf_under_its_lvcmdqs(const RegisterAt& at, std::uint64_t value) const {
    if ((value & 1) || at.id < 0 || at.qualified != "cmdqv:vintf.CONFIG") return false;
    const model::RegInstance& ri =
        t_.model.cmdqv().registers().layout().instances()[static_cast<std::size_t>(at.id)];
    return vintf_has_enabled_lvcmdq(ri.block_index, ~std::uint32_t{0});
  }

  // Software writes 0 to RES0 bits (Arm's rule for software); a device may store them or not,
  // so random values are cleared there. RAZ/WI fields keep their random bits.
  std::uint64_t software_value(model::Region r, std::uint64_t off, unsigned size,
                               std::uint64_t value) const {
    if (r == C && !has_cmdqv()) return value;
    const model::RegisterFile<>& rf =
        r == S ? t_.model.smmu().registers() : t_.model.cmdqv().registers();
    std::uint64_t keep = 0;
    for (unsigned lane = 0; lane < size / 4; ++lane) {
      const std::uint64_t word_off = off + 4 * lane;
      const model::DecodedWord& w = rf.layout().decode(word_off);
      std::uint64_t lane_mask = 0xFFFFFFFFull;
      if (w.kind != model::DecodedWord::None) {
        const std::int32_t id = rf.resolve(w, word_off);
        const model::Layout& l = rf.layout();
        const std::uint64_t defined =
            id >= 0 ? l.instances()[static_cast<std::size_t>(id)].defined : 0;
        if (id >= 0) lane_mask = (defined >> (32 * w.half)) & 0xFFFFFFFFull;
      }
      keep |= lane_mask << (32 * lane);
    }
    return value & keep;
  }

  // The command queue a register belongs to: the SMMU CMDQ or VCMDQ q (through either page).
  struct QueueAt {
    const model::QueueRegs* regs = nullptr;
    model::Region region = S;
    std::uint32_t vcmdq = 0;
    bool is_base = false, is_prod = false, is_cons = false, is_gerror = false, is_gerrorn = false;
  };
  QueueAt queue_at(model::Region r, std::uint64_t off) const {
    const RegisterAt at = register_at(t_.model, r, off);
    QueueAt q;
    q.region = r;
    if (at.id < 0) return q;
    const std::string& n = at.qualified;
    if (n.rfind("smmu:regs.", 0) == 0) {
      q.is_base = n == "smmu:regs.CMDQ_BASE";
      q.is_prod = n == "smmu:regs.CMDQ_PROD";
      q.is_cons = n == "smmu:regs.CMDQ_CONS";
      q.is_gerror = n == "smmu:regs.GERROR";
      q.is_gerrorn = n == "smmu:regs.GERRORN";
      if (q.is_base || q.is_prod || q.is_cons || q.is_gerror || q.is_gerrorn)
        q.regs = &t_.model.smmu().queue();
      return q;
    }
    q.is_base = n == "cmdqv:vcmdq_page1.BASE";
    q.is_prod = n == "cmdqv:vcmdq_page0.PROD";
    q.is_cons = n == "cmdqv:vcmdq_page0.CONS";
    q.is_gerror = n == "cmdqv:vcmdq_page0.GERROR";
    q.is_gerrorn = n == "cmdqv:vcmdq_page0.GERRORN";
    if (q.is_base || q.is_prod || q.is_cons || q.is_gerror || q.is_gerrorn) {
      const model::RegInstance& ri =
          t_.model.cmdqv().registers().layout().instances()[static_cast<std::size_t>(at.id)];
      q.vcmdq = ri.block_index;
      q.regs = &t_.model.cmdqv().queue(ri.block_index);
    }
    return q;
  }
  const model::RegisterFile<>& queue_registers(const QueueAt& q) const {
    return q.region == S ? t_.model.smmu().registers() : t_.model.cmdqv().registers();
  }
  std::uint64_t log2size(const QueueAt& q) const {
    return model::queue_log2size<model::Concrete>(queue_registers(q), *q.regs);
  }
  // PROD and CONS describe at most a full queue: (PROD - CONS) mod 2^(log2size+1) <= 2^log2size.
  static bool indexes_consistent(std::uint64_t prod, std::uint64_t cons, std::uint64_t log2) {
    const std::uint64_t n = std::uint64_t{1} << log2;
    return ((prod - cons) & (2 * n - 1)) <= n;
  }

  // Software's rules for a random register write (IHI 0070 G.b), given the state the model is
  // in: the value software may write, or nothing where it must not write at all.
  std::optional<std::uint64_t> software_rules(model::Region r, std::uint64_t off, unsigned size,
                                              std::uint64_t value) const {
    const QueueAt q = queue_at(r, off);
    if (!q.regs || size != 4) {
      if (q.regs && q.is_base && r == S && !base_writable()) return std::nullopt;
      return value;
    }
    const model::RegisterFile<>& rf = queue_registers(q);
    const std::uint64_t prod = rf.get(q.regs->prod), cons = rf.get(q.regs->cons),
                        log2 = log2size(q);
    if (q.is_gerrorn) {
      // 6.3.20: software must not toggle fields of errors that are inactive.
      const std::uint64_t gerrorn = rf.get(q.regs->gerrorn);
      const std::uint64_t active = rf.get(q.regs->gerror) ^ gerrorn;
      return (gerrorn & ~active) | (value & active);
    }
    if (q.is_base)
      return r == S && !base_writable() ? std::nullopt : std::optional<std::uint64_t>(value);
    if (q.is_cons) {
      if (r == S && !base_writable()) return std::nullopt;              // 6.3.28: Guarded by CMDQEN
      if (!indexes_consistent(prod, value, log2)) return std::nullopt;  // 3.5.1: a valid index
      return value;
    }
    // PROD (3.5.1): only forward over entries software wrote, never past a full queue. A
    // queue that does not consume may be re-initialised to any consistent index.
    const bool consuming =
        r == S ? t_.model.smmu().cmdq_enabled() : t_.model.cmdqv().vcmdq_live(q.vcmdq);
    if (!indexes_consistent(value, cons, log2)) return std::nullopt;
    const std::uint64_t span = (std::uint64_t{2} << log2) - 1;
    if (consuming && ((value - cons) & span) < ((prod - cons) & span)) return std::nullopt;
    return value;
  }
  // CMDQ_BASE (and CMDQ_CONS) are Guarded by CMDQEN (6.3.26): before SMMUv3.2 a write while
  // CR0.CMDQEN or CR0ACK.CMDQEN is 1 is CONSTRAINED UNPREDICTABLE, from SMMUv3.2 IGNORED (and
  // then checked: the model ignores it too).
  bool base_writable() const {
    return !t_.model.smmu().cmdq_guarded() || t_.model.config().arch_minor >= 2;
  }
  // 6.3.26: after CMDQ_BASE sets the size, software writes CONS and PROD before enabling; the
  // bits a LOG2SIZE increase exposes are UNKNOWN until then (6.3.28).
  void reinitialise_indexes(const QueueAt& q) {
    const model::RegisterFile<>& rf = queue_registers(q);
    const std::uint64_t log2 = log2size(q);
    const std::uint64_t cons = rf.get(q.regs->cons) & ~model::ConsErr::mask;
    const std::uint64_t prod = rf.get(q.regs->prod);
    const std::uint64_t prod_off = q.region == S
                                       ? 0x98
                                       : t_.model.cmdqv()
                                             .registers()
                                             .layout()
                                             .instances()[static_cast<std::size_t>(q.regs->prod)]
                                             .offset;
    const std::uint64_t cons_off = q.region == S
                                       ? 0x9C
                                       : t_.model.cmdqv()
                                             .registers()
                                             .layout()
                                             .instances()[static_cast<std::size_t>(q.regs->cons)]
                                             .offset;
    if (q.region == S && !base_writable()) return;
    write(q.region, cons_off, 4, cons);
    if (!indexes_consistent(prod, rf.get(q.regs->cons), log2)) write(q.region, prod_off, 4, cons);
  }

  void settle() {
    if (!t_.dirty) return;
    t_.dirty = false;
    std::optional<FaultyMemory> faulty;
    if (options_.dma_faults) faulty.emplace(t_.memory, *options_.dma_faults);
    model::Memory& memory = faulty ? static_cast<model::Memory&>(*faulty) : t_.memory;
    for (;;) {
      if (steps_ == options_.max_steps) {
        throw StepBoundHit{"more than " + std::to_string(options_.max_steps) +
                           " model steps by operation " + std::to_string(op_ + 1)};
      }
      const model::StepRecord rec = t_.model.step(memory, t_.irq, &t_.provenance);
      if (rec.result == model::StepResult::Idle) break;
      t_.decisions.push_back(Decision{Decision::Kind::Command, rec,
                                      rec.region == S || vcmdq_hyp_own(t_.model, rec.vcmdq)});
      Fetches& f = fetches_[fetched_address(rec)];
      f.region = rec.region;
      f.vcmdq = rec.vcmdq;
      ++f.count;
      ++steps_;
      ++counters_.commands;
      if (coverage_) tag_step(*coverage_, t_.model, rec);
    }
    if (dut_) run_device();
  }

  // Eventual consumption: run() again while the device's queue registers still move, up to
  // options_.run_calls calls; what has not moved by then is compared as it stands.
  void run_device() {
    std::vector<std::uint64_t> before =
        options_.run_calls > 1 ? device_progress() : std::vector<std::uint64_t>{};
    for (unsigned call = 0; call < options_.run_calls; ++call) {
      guarded("running (consuming commands)", [&] { dut_->run(*dut_irq_); });
      if (call + 1 == options_.run_calls) break;
      std::vector<std::uint64_t> after = device_progress();
      if (after == before) break;
      before = std::move(after);
    }
  }

  // The device's CONS and GERROR of every queue: what consumption changes.
  std::vector<std::uint64_t> device_progress() {
    std::vector<std::uint64_t> out;
    auto sample = [&](model::Region r, std::uint64_t off) {
      std::uint64_t v = 0;
      const bool ok = guarded("reading " + describe_access(r, off, RegisterAt{}),
                              [&] { return dut_->read(r, off, 4, v); });
      out.push_back(ok ? v : ~0ull);
    };
    sample(S, 0x9C);
    sample(S, 0x60);
    for (std::uint32_t q = 0; has_cmdqv() && q < t_.model.cmdqv().vcmdqs(); ++q) {
      sample(C, 0x10000 + 0x80ull * q);
      sample(C, 0x10000 + 0x80ull * q + 0x10);
    }
    return out;
  }

  // A difference in `register_name`, charged to the clauses that name the register, in the
  // cases `cases` (the fields that differ).
  void fail(const std::string& register_name, const std::string& what,
            const std::vector<std::string>& cases) {
    std::string cause;
    for (const std::string& c : cases) cause += (cause.empty() ? "" : ", ") + c;
    mismatch_ = Mismatch{op_, what, register_name, cause};
    if (coverage_) coverage_->fail_register(register_name, what, cases);
  }

  // A difference charged to `clauses` at a decision of the model (command_blame.h).
  void fail_at_decision(const std::string& register_name, const std::string& what, const Blame& b) {
    fail_decided(register_name, what, b.clauses, {b.case_name}, b.why);
  }
  void fail_decided(const std::string& register_name, const std::string& what,
                    const std::vector<std::string>& clauses, const std::vector<std::string>& cases,
                    const std::string& why) {
    mismatch_ = Mismatch{op_,           what + " (" + why + ")",
                         register_name, joined(clauses) + " (" + joined(cases) + ")",
                         clauses,       told_apart_by_};
    if (!coverage_) return;
    for (const std::string& c : clauses) coverage_->fail(c, mismatch_->what, cases);
  }
  static std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  }

  // The command decision behind a difference in a queue's CONS or GERROR (command_blame.h);
  // `device` and `model` are the values read (from CONS: its low word).
  std::optional<Blame> command_blame(const QueueAt& queue, std::uint64_t device,
                                     std::uint64_t model) {
    if (queue.is_cons) return blame_queue(queue, device & 0xFFFFFFFFull, model & 0xFFFFFFFFull);
    if (!queue.is_gerror) return std::nullopt;
    // CONS agreed, GERROR did not: where the device stands and with which error tells which
    // decision it took differently; failing that, the error the model raised.
    std::optional<Blame> blame = blame_queue(queue, device_register(queue, queue.regs->cons),
                                             queue_registers(queue).get(queue.regs->cons));
    return blame ? blame : blame_gerror(decisions_on(queue));
  }

  // Where instance `id` of region r, read on the device at its own offset, differs from the
  // model (under the compare mask of that read): the differing bits and both values.
  struct Difference {
    std::uint64_t bits = 0, device = 0, model = 0, offset = 0;
  };
  // `unreadable` (if given) is set when the device answered the read with a bus error.
  std::optional<Difference> differs_on_device(model::Region r, std::int32_t id,
                                              bool* unreadable = nullptr) {
    const model::RegisterFile<>& rf =
        r == S ? t_.model.smmu().registers() : t_.model.cmdqv().registers();
    const model::RegInstance& ri = rf.layout().instances()[static_cast<std::size_t>(id)];
    const unsigned size = ri.width > 32 ? 8 : 4;
    const RegisterAt at = register_at(t_.model, r, ri.offset);
    const std::uint64_t mask = compare_mask(t_.model, r, at, size);
    std::uint64_t got = 0;
    const bool ok = guarded("reading " + describe_access(r, ri.offset, at),
                            [&] { return dut_->read(r, ri.offset, size, got); });
    ++counters_.reads_compared;
    dut_->result_compared(ok ? mask : ~0ull);
    if (unreadable) *unreadable = !ok;
    if (!ok) return std::nullopt;  // a bus error here is its own finding, not this one's cause
    const std::uint64_t expect = t_.model.read(r, ri.offset, size).value;
    if (((got ^ expect) & mask) == 0) return std::nullopt;
    return Difference{(got ^ expect) & mask, got, expect, ri.offset};
  }

  // The clauses that decided `bits` of instance `id` (the model's observer port). None: a
  // software write through the register's own offset, or the reset value, is behind them.
  std::vector<std::string> deciding_clauses(model::Region r, std::int32_t id, std::uint64_t bits) {
    std::vector<std::string> out;
    for (const Provenance::Entry* e : t_.provenance.behind(r, id, bits)) {
      if (!e->clause.empty() && std::find(out.begin(), out.end(), e->clause) == out.end())
        out.emplace_back(e->clause);
    }
    return out;
  }

  // Blame at the decision: `bits` of instance `id` were decided from other registers; the first
  // of those that differs on the device, followed down to a register whose own inputs agree,
  // is where the device parted from the model. `seen` stops cycles.
  struct Root {
    std::int32_t id = -1;
    Difference difference;
  };
  std::optional<Root> differing_input(model::Region r, std::int32_t id, std::uint64_t bits,
                                      std::vector<std::int32_t>& seen) {
    for (const Provenance::Entry* e : t_.provenance.behind(r, id, bits)) {
      for (const std::int32_t input : e->inputs) {
        if (std::find(seen.begin(), seen.end(), input) != seen.end()) continue;
        seen.push_back(input);
        const std::optional<Difference> d = differs_on_device(r, input);
        if (!d) continue;
        if (std::optional<Root> deeper = differing_input(r, input, d->bits, seen)) return deeper;
        return Root{input, *d};
      }
    }
    return std::nullopt;
  }

  // Charges a read of resolved register `at` that differs in `bits` to the decision behind it:
  // the logical page alone (ALIAS-1), a register the value was decided from, or the clause that
  // decided the value itself. Returns false where no decision explains it: a consumed command
  // (command_blame.h judges those), and software's own writes.
  bool charge_decision(model::Region r, std::uint64_t off, const RegisterAt& at, std::uint64_t bits,
                       const std::string& what) {
    bool direct_unreadable = false;
    if (at.alias && !differs_on_device(r, at.id, &direct_unreadable) && !direct_unreadable) {
      fail_decided(at.qualified, what, {"ALIAS-1"}, differing_fields(t_.model, r, off, at, bits),
                   "the global page reads as the model says, the logical page does not");
      return true;
    }
    std::vector<std::int32_t> seen{at.id};
    if (const std::optional<Root> root = differing_input(r, at.id, bits, seen)) {
      const RegisterAt rat = register_at(t_.model, r, root->difference.offset);
      const std::vector<std::string> clauses = deciding_clauses(r, root->id, root->difference.bits);
      const std::vector<std::string> cases =
          differing_fields(t_.model, r, root->difference.offset, rat, root->difference.bits);
      const std::string why = "the model decided it from " + rat.instance +
                              ", which differs: device " + hex(root->difference.device) +
                              ", model " + hex(root->difference.model);
      std::optional<Blame> blame;
      if (t_.provenance.by_command(r, root->id, root->difference.bits)) {
        blame = command_blame(queue_at(r, root->difference.offset), root->difference.device,
                              root->difference.model);
      }
      if (blame) {
        blame->why = why + "; " + blame->why;
        fail_at_decision(rat.qualified, what, *blame);
      } else if (clauses.empty())
        fail(rat.qualified, what + " (" + why + ")", cases);
      else
        fail_decided(rat.qualified, what, clauses, cases,
                     why + "; that value is " + joined(clauses) + "'s decision");
      return true;
    }
    if (t_.provenance.by_command(r, at.id, bits))
      return false;  // a command decided it: command_blame.h finds which clause
    const std::vector<std::string> clauses = deciding_clauses(r, at.id, bits);
    if (clauses.empty()) return false;
    fail_decided(at.qualified, what, clauses, differing_fields(t_.model, r, off, at, bits),
                 "its inputs agree; the value is " + joined(clauses) + "'s decision");
    return true;
  }

  // The device's value of queue q's register instance `id`, read at its direct offset (only
  // registers whose read changes nothing: CONS, GERROR, GERRORN).
  std::uint64_t device_register(const QueueAt& q, std::int32_t id) {
    const std::uint64_t off =
        queue_registers(q).layout().instances()[static_cast<std::size_t>(id)].offset;
    std::uint64_t v = 0;
    guarded("reading " + describe_access(q.region, off, RegisterAt{}),
            [&] { return dut_->read(q.region, off, 4, v); });
    return v;
  }

  // The device's CONS `cons` of queue `q`, and whether the device has an error active there (its
  // GERROR and GERRORN differ).
  DeviceQueue device_queue(const QueueAt& q, std::uint64_t cons) {
    const std::uint64_t gerror = device_register(q, q.regs->gerror);
    const std::uint64_t gerrorn = device_register(q, q.regs->gerrorn);
    return DeviceQueue{cons, queue_registers(q).get(q.regs->prod), ((gerror ^ gerrorn) & 1) != 0,
                       written_base(q) != queue_base(q)};
  }

  // The command queue decisions behind a difference in queue q, given where the device's CONS
  // and the model's stand (command_blame.h).
  std::optional<Blame> blame_queue(const QueueAt& q, std::uint64_t device_cons,
                                   std::uint64_t model_cons) {
    std::optional<Blame> blame = blame_cons(
        t_.model, decisions_on(q), device_queue(q, device_cons), model_cons, log2size(q),
        [&](const Decision& d, model::CmdError device_did) {
          return fetched_from_unaligned_base(q, d, device_did);
        },
        [&](std::uint64_t index) { return entry_outcome(q, index); });
    if (blame && blame->or_else) blame = tell_apart(q, *blame);
    return blame;
  }

  // Two explanations fit the device's state (Blame::or_else). The device tells which is its own
  // on a replay where the entry that separates them is legal: the replay must fail as one of
  // them only. Otherwise (no replay here, or one that fails otherwise) both are charged.
  Blame tell_apart(const QueueAt& q, const Blame& b) {
    const Blame& other = *b.or_else;
    const std::uint64_t base = queue_base(q);
    const std::uint64_t count = std::min<std::uint64_t>(b.told_apart_count, kMaxEntriesTold);
    const std::string entry = (count > 1 ? "the entries at CONS " + hex(b.told_apart_by) + " to " +
                                               hex(b.told_apart_by + count - 1)
                                         : "the entry at CONS " + hex(b.told_apart_by));
    auto in = [](const std::vector<std::string>& v, const std::string& c) {
      return std::find(v.begin(), v.end(), c) != v.end();
    };
    Blame both{b.clauses, b.case_name + " or " + other.case_name,
               "either " + b.why + ", or " + other.why};
    for (const Blame* x = &other; x; x = x->or_else.get()) {  // with other's own alternatives
      for (const std::string& c : x->clauses) {
        if (!in(both.clauses, c)) both.clauses.push_back(c);
      }
    }
    std::vector<QueueEntry> at;
    const std::uint64_t written = written_base(q);
    std::vector<std::uint64_t> bases = {base};
    if (b.told_apart_unaligned_too && written != base) bases.push_back(written);
    for (std::uint64_t i = 0; i < count * bases.size(); ++i) {
      const std::uint64_t addr = model::queue::entry_address<model::Concrete>(
          bases[i / count], b.told_apart_by + i % count, log2size(q));
      std::optional<QueueEntry> e = rewritable(addr, b.told_apart_fetched && i == 0);
      if (!e) {
        at.clear();
        break;
      }
      at.push_back(*e);
    }
    if (at.empty() || !options_.replay_with_entry) {
      both.why += "; only a replay with " + entry + " made a CMD_SYNC could tell them apart";
      return both;
    }
    told_apart_by_ = at;
    const std::optional<Mismatch> replayed = options_.replay_with_entry(at, op_);
    const std::string told =
        "; told apart by a replay with " + entry + " made a CMD_SYNC, which ";
    // The replay speaks for one explanation when it is charged every clause of that one, or
    // only clauses of it and of its own alternatives, and none that only the other names (it
    // may be ambiguous itself: it has no replay of its own past kMaxReplayDepth).
    std::vector<std::string> of_other;  // the other's clauses and its own alternatives'
    for (const Blame* x = &other; x; x = x->or_else.get())
      of_other.insert(of_other.end(), x->clauses.begin(), x->clauses.end());
    struct Candidate {
      const Blame* blame;
      const std::vector<std::string>* mine;    // its clauses and its alternatives'
      const std::vector<std::string>* theirs;  // the other's
    };
    for (const Candidate& k : {Candidate{&b, &b.clauses, &of_other}, Candidate{&other, &of_other, &b.clauses}}) {
      if (!replayed) break;
      const std::vector<std::string>& got = replayed->clauses;
      const bool explained =
          std::all_of(k.blame->clauses.begin(), k.blame->clauses.end(),
                      [&](const std::string& c) { return in(got, c); }) ||
          (!got.empty() &&
           std::all_of(got.begin(), got.end(), [&](const std::string& c) { return in(*k.mine, c); }));
      const bool theirs_only =
          std::any_of(k.theirs->begin(), k.theirs->end(),
                      [&](const std::string& c) { return !in(*k.mine, c) && in(got, c); });
      if (!explained || theirs_only) continue;
      const Blame* one = k.blame;
      return chosen(q, *one, one == &b, told + "fails as " + replayed->cause);
    }
    if (!replayed && b.replay_passes_if_this) return chosen(q, b, true, told + "passes");
    both.why += told + (replayed ? "fails otherwise: " + replayed->cause : "passes");
    return both;
  }

  // Entries a replay rewrites to tell two explanations apart, at most (a queue may hold 2^19).
  static constexpr std::uint64_t kMaxEntriesTold = 64;

  // The queue entry at `addr` as a replay can rewrite it: the command of the push that wrote it
  // last, or, if none did, memory as it was at reset. Nothing if software rewrote it (skip_err),
  // or if the model fetched it before the decision in question (`fetched_by_decision`: once, by
  // that decision, on a queue not compared since): rewritten, it would change what happened before
  // the divergence, and the replay would tell nothing.
  std::optional<QueueEntry> rewritable(std::uint64_t addr, bool fetched_by_decision) const {
    const auto fetched = fetches_.find(addr);
    if (fetched != fetches_.end() &&
        (fetched->second.count > (fetched_by_decision ? 1u : 0u) || fetched->second.settled))
      return std::nullopt;
    const auto written = written_.find(addr);
    if (written == written_.end()) {
      if (!SparseMemory::in_ram(addr, 16)) return std::nullopt;
      return QueueEntry{std::nullopt, 0, addr};
    }
    if (!written->second.op) return std::nullopt;
    return written->second;
  }

  // The explanation a replay spoke for, `why_chosen` added: the first one (`first`) without
  // its alternative; the other one told apart from its own alternative, if it has one.
  Blame chosen(const QueueAt& q, const Blame& one, bool first, const std::string& why_chosen) {
    Blame out = one;
    out.why += why_chosen;
    if (first) {
      out.or_else = nullptr;
      return out;
    }
    return out.or_else ? tell_apart(q, out) : out;
  }

  // What the model's rules decide for the entry at `index` of queue q if the queue starts at
  // `base` (an abort if the model's memory has none there).
  model::CmdError outcome_of_entry(const QueueAt& q, std::uint64_t base, std::uint64_t index,
                                   bool hyp_own) {
    std::uint64_t raw[2] = {0, 0};
    if (!t_.memory.read(model::queue::entry_address<model::Concrete>(base, index, log2size(q)), raw,
                        sizeof raw))
      return model::CmdError::Abt;
    const model::Features f = model::Features::from(t_.model.config());
    return q.region == S ? t_.model.rules().smmu_error(raw[0], raw[1], f)
                         : t_.model.rules().vcmdq_error(raw[0], raw[1], f, hyp_own);
  }

  // the device's outcome at decision d is what the entry at the queue's base as written
  // (not aligned down to the queue size) would give.
  bool fetched_from_unaligned_base(const QueueAt& q, const Decision& d,
                                   model::CmdError device_did) {
    const std::uint64_t written = written_base(q);
    if (written == model::queue::effective_base<model::Concrete>(written, log2size(q)))
      return false;
    return outcome_of_entry(q, written, d.step.command.cons, d.hyp_own) == device_did;
  }

  // What the model's rules decide for the entry at `index` of queue q (its memory, its HYP_OWN).
  model::CmdError entry_outcome(const QueueAt& q, std::uint64_t index) {
    return outcome_of_entry(q, queue_base(q), index,
                            q.region == S || vcmdq_hyp_own(t_.model, q.vcmdq));
  }

  // The address of the entry the model fetched in step `rec`.
  std::uint64_t fetched_address(const model::StepRecord& rec) const {
    QueueAt q;
    q.region = rec.region;
    q.vcmdq = rec.vcmdq;
    q.regs = rec.region == S ? &t_.model.smmu().queue() : &t_.model.cmdqv().queue(rec.vcmdq);
    return model::queue::entry_address<model::Concrete>(queue_base(q), rec.command.cons,
                                                        log2size(q));
  }

  // Queue q's base as software wrote it (its BASE.ADDR field).
  std::uint64_t written_base(const QueueAt& q) const {
    return queue_registers(q).get(q.regs->base) & q.regs->addr_mask;
  }
  // Queue q's base as the model fetches from it: aligned down to the queue size.
  std::uint64_t queue_base(const QueueAt& q) const {
    return model::queue::effective_base<model::Concrete>(written_base(q), log2size(q));
  }

  // The model's decisions on queue `q` since the queues last compared equal.
  std::vector<Decision> decisions_on(const QueueAt& q) const {
    std::vector<Decision> out;
    for (const Decision& d : t_.decisions) {
      if (same_queue(d.step, q.region, q.vcmdq)) out.push_back(d);
    }
    return out;
  }
  // Whether a step (or anything with its region and vcmdq) was on the queue of `region` (the
  // SMMU CMDQ) or VCMDQ `vcmdq` (CMDQV).
  template <class OnQueue>
  static bool same_queue(const OnQueue& s, model::Region region, std::uint32_t vcmdq) {
    return s.region == region && (region == S || s.vcmdq == vcmdq);
  }

  void touch(const RegisterAt& at, bool write) {
    if (coverage_) tag_access(*coverage_, t_.model, at, write, t_.map_changed);
  }

  void write(model::Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
    const RegisterAt at = register_at(t_.model, r, off);
    // A write after a kick settles first: a device may already have consumed (QEMU does, inside
    // the MMIO write), and the model must not let this write change what it then consumes.
    settle();
    touch(at, true);
    reach_hyp_own_access(at, size, true);
    t_.dirty = is_kick_register(at.qualified);
    if (acknowledges_cmdq_error(t_.model, at, value)) {
      const QueueAt q = queue_at(r, off);
      Decision resume{Decision::Kind::Resume, {}, true};
      resume.step.region = q.region;
      resume.step.vcmdq = q.vcmdq;
      resume.step.command.cons = queue_registers(q).get(q.regs->cons);
      t_.decisions.push_back(resume);
    }
    const model::AccessResult expect = t_.model.write(r, off, size, value, &t_.provenance);
    if (!dut_) return;
    const bool ok = guarded("writing " + hex(value) + " to " + describe_access(r, off, at),
                            [&] { return dut_->write(r, off, size, value); });
    const bool expect_ok =
        expect.status == AccessStatus::Ok || expect.status == AccessStatus::Unmapped;
    dut_->result_compared(1);
    if (ok != expect_ok) {
      fail(at.qualified,
           "write " + hex(value) + " to " + describe_access(r, off, at) + ": device " +
               (ok ? "accepted" : "bus error") + ", model " + model::to_string(expect.status),
           {at.instance.empty()
                ? "unmapped offset"
                : at.qualified.substr(at.qualified.find('.') + 1) + " (write accepted)"});
    }
  }

  void compare_read(model::Region r, std::uint64_t off, unsigned size) {
    const RegisterAt at = register_at(t_.model, r, off);
    if (is_progress_register(at.qualified)) settle();
    touch(at, false);
    reach_hyp_own_access(at, size, false);
    if (!dut_) return;  // reads change nothing in the model
    const model::AccessResult expect = t_.model.read(r, off, size);
    std::uint64_t got = 0;
    const bool ok = guarded("reading " + describe_access(r, off, at),
                            [&] { return dut_->read(r, off, size, got); });
    ++counters_.reads_compared;
    const std::uint64_t mask =
        compare_mask(t_.model, r, at, size) &
        (config_pair_access(at, size) ? t_.model.cmdqv().hyp_own_mask() : ~0ull);
    dut_->result_compared(ok ? mask : ~0ull);
    if (!ok || (got & mask) != (expect.value & mask)) {
      const std::string what = "read" + std::to_string(size * 8) + " " +
                               describe_access(r, off, at) + ": device " +
                               (ok ? hex(got) : "bus error") + ", model " + hex(expect.value);
      const QueueAt queue = queue_at(r, off);
      if (ok && at.id >= 0 && charge_decision(r, off, at, (got ^ expect.value) & mask, what))
        return;
      std::optional<Blame> blame;
      if (ok) blame = command_blame(queue, got, expect.value);
      if (at.alias && at.id < 0) {
        // An unmapped logical slot has no register: what it reads is ALIAS-3's decision (and a
        // value written there that reads back is a write ALIAS-2 says must be dropped).
        mismatch_ =
            Mismatch{op_, what, at.qualified, "ALIAS-3 (unmapped logical slot)", {"ALIAS-3"}};
        if (coverage_) coverage_->fail("ALIAS-3", what, {"unmapped logical slot"});
      } else if (blame) {
        fail_at_decision(at.qualified, what, *blame);
      } else {
        fail(at.qualified, what,
             ok ? differing_fields(t_.model, r, off, at, (got ^ expect.value) & mask)
                : std::vector<std::string>{at.instance + " (bus error)"});
      }
    }
  }

  // Brings a queue up the way Linux does, through the device's own registers; the reads are
  // the driver's: it polls each STATUS and reads HYP_OWN back after enabling the VINTF.
  void bring_up(const Op& op) {
    const std::uint64_t queue_bytes = std::max<std::uint64_t>(std::uint64_t{16} << op.log2size, 32);
    if (op.base & (queue_bytes - 1)) exercise("Q-5");  // the device must align the base down
    const bool aligned = (op.base & (queue_bytes - 1)) == 0;
    reach("Q-5", op.log2size == 0 ? "one-entry" : (aligned ? "aligned" : "misaligned"));
    if (op.smmu) {
      const unsigned cmdqs = t_.model.config().cmdqs;
      reach("Q-4", op.log2size < cmdqs ? "below" : op.log2size == cmdqs ? "equal" : "above");
      write(S, 0x20, 4, 0);  // CMDQEN = 0 before the queue registers change (IHI 0070 6.3.26)
      ack_error(S, 0x60);
      write(S, 0x90, 8, software_value(S, 0x90, 8, op.base | op.log2size));  // RES0 above OAS
      write(S, 0x98, 4, 0);
      write(S, 0x9C, 4, 0);
      write(S, 0x50, 4, op.irq_enable ? 1 : 0);  // IRQ_CTRL.GERROR_IRQEN (ERR-11)
      write(S, 0x20, 4, 1u << 3);
      return;
    }
    const std::uint32_t per = t_.model.config().lvcmdqs_per_vintf();
    const std::uint32_t slot =
        op.borrow_slot_of >= 0 ? static_cast<std::uint32_t>(op.borrow_slot_of) : op.queue;
    const std::uint32_t v = slot / per, l = slot % per, q = op.queue;
    const std::uint64_t hyp_own = op.hyp_own ? t_.model.cmdqv().hyp_own_mask() : 0;
    const std::uint64_t vintf = 0x1000 + 0x100ull * v, page0 = 0x10000 + 0x80ull * q;
    write(C, page0 + 8, 4, 0);  // VCMDQ disabled before it is reprogrammed (vcmdq_hw_deinit)
    ack_error(C, page0 + 0x10);
    write(C, 0x0, 4, 1);
    compare_read(C, 0x8, 4);
    // Linux brings a VINTF up once (tegra241_vintf_hw_init) and disables it only after its
    // LVCMDQs are torn down; what hardware does to enabled LVCMDQs of a VINTF disabled under
    // them is undocumented, so a bring-up never disables a VINTF that has one.
    if (!vintf_has_enabled_lvcmdq(v, q)) {
      write(C, vintf, 4, hyp_own);
      write(C, vintf, 4, hyp_own | 1);
    }
    compare_read(C, vintf + 4, 4);
    compare_read(C, vintf, 4);
    write(C, 0x200 + 4ull * q, 4, (std::uint64_t{v} << 15) | (std::uint64_t{l} << 1) | 1);
    write(C, 0x20000 + 0x80ull * q, 8, op.base | op.log2size);
    write(C, page0, 4, 0);
    write(C, page0 + 4, 4, 0);
    write(C, page0 + 8, 4, 1);
    compare_read(C, page0 + 0xC, 4);
    close_window();
  }

  // Whether a VCMDQ other than `except` is allocated to VINTF v and enabled (in the model).
  bool vintf_has_enabled_lvcmdq(std::uint32_t v, std::uint32_t except) const {
    const model::CmdqvModel& m = t_.model.cmdqv();
    for (std::uint32_t q = 0; q < m.vcmdqs(); ++q) {
      const auto o = m.owner(q);
      if (q != except && o && o->vintf == v && m.vcmdq_enabled(q)) return true;
    }
    return false;
  }

  // What a driver reads before it acknowledges a command queue error (arm_smmu_gerror_handler,
  // arm_smmu_cmdq_skip_err): CONS, GERROR and GERRORN, from the device. The acknowledgement is
  // then written from values both agree on; one computed from the model alone would toggle an
  // error the device never raised (software must not, 6.3.20) and hide where they parted.
  // In the driver's order: GERROR and GERRORN first, then CONS; the first difference ends it.
  void observe_error_state(model::Region r, std::uint64_t gerror_off) {
    for (const std::uint64_t off :
         {gerror_off, gerror_off + 4, r == S ? std::uint64_t{0x9C} : gerror_off - 0x10}) {
      if (!failed()) compare_read(r, off, 4);  // the last: CMDQ_CONS, or VCMDQ page0 CONS
    }
    close_window();
    if (failed()) return;
    // Both stand at the same CONS with the same errors: the decisions so far on this queue are
    // settled, as run_both settles every queue. Blame must not reach back to a command of the
    // queue before a bring-up rewrote its indexes.
    const QueueAt q = queue_at(r, gerror_off);
    std::erase_if(t_.decisions, [&](const Decision& d) {
      return d.kind == Decision::Kind::Command && same_queue(d.step, q.region, q.vcmdq);
    });
    for (auto& [addr, f] : fetches_) {
      if (same_queue(f, q.region, q.vcmdq)) f.settled = true;
    }
  }

  // GERRORN = GERROR if an error is active, once the device agrees it is (observe_error_state),
  // as Linux does after an error and before it reprograms a queue; `before` runs first, on an
  // active error only. Returns whether it acknowledged one.
  bool ack_error(model::Region r, std::uint64_t gerror_off,
                 const std::function<void()>& before = {}) {
    observe_error_state(r, gerror_off);
    if (failed()) return false;
    const std::uint64_t gerror = t_.model.read(r, gerror_off, 4).value;
    if ((gerror ^ t_.model.read(r, gerror_off + 4, 4).value) == 0) return false;
    if (before) before();
    write(r, gerror_off + 4, 4, gerror);
    return true;
  }

  // Writes the commands at PROD (as the model sees the queue) and advances PROD on both.
  void push(const Op& op) {
    const std::uint32_t q = op.queue;
    const model::RegisterFile<>& rf =
        op.smmu ? t_.model.smmu().registers() : t_.model.cmdqv().registers();
    const model::QueueRegs& regs = op.smmu ? t_.model.smmu().queue() : t_.model.cmdqv().queue(q);
    if (!op.smmu && !t_.model.cmdqv().vcmdq_live(q)) exercise("EN-4");
    if (op.smmu)
      reach("EN-5",
            (t_.model.read(S, 0x20, 4).value & (1u << 3)) ? "push-cmdqen-1" : "push-cmdqen-0");
    if (!op.smmu && !t_.model.cmdqv().owner(q) &&
        (t_.model.read(C, 0x200 + 4ull * q, 4).value & 1)) {
      exercise("ALLOC-5");  // allocated to a VINTF or LVCMDQ past the geometry
    }
    const std::uint64_t log2 = model::queue_log2size<model::Concrete>(rf, regs);
    const std::uint64_t base =
        model::queue::effective_base<model::Concrete>(rf.get(regs.base) & regs.addr_mask, log2);
    std::uint64_t prod = rf.get(regs.prod);
    // Software never writes more entries than there is space for (a full queue is software's
    // bug, and what a device then does is UNPREDICTABLE); the rest of the push is dropped.
    settle();
    const std::uint64_t space = model::queue::space<model::Concrete>(prod, rf.get(regs.cons), log2);
    std::uint64_t pushed = 0;
    for (const auto& words : op.commands) {
      if (pushed++ == space) break;
      const std::uint64_t addr = model::queue::entry_address<model::Concrete>(base, prod, log2);
      write_queue_entry(addr, words);
      written_[addr] = QueueEntry{op_, static_cast<std::size_t>(pushed - 1), addr};
      prod = model::queue::advance<model::Concrete>(prod, 1, log2);
    }
    const model::Region r = op.smmu ? S : C;
    const std::uint64_t prod_off = op.smmu ? 0x98 : 0x10000 + 0x80ull * q + 4;
    write(r, prod_off, 4, prod & 0xFFFFF);
    if (op.ack && !failed()) {
      // As a driver: wait for the queue to settle, and acknowledge only an error that is active
      // (6.3.20); GERROR read before the push was consumed would be a stale acknowledgement.
      settle();
      const std::uint64_t gerror_off = op.smmu ? 0x60 : 0x10000 + 0x80ull * q + 0x10;
      bool skipped = false;
      if (ack_error(r, gerror_off, [&] {
            skipped = op.skip_err && skip_illegal_entry(op.smmu, rf.get(regs.cons), base, log2);
          })) {
        exercise("ERR-3");
        reach("ERR-3", skipped ? "skipped" : "re-fetch");
      }
    }
  }

  // Linux's arm_smmu_cmdq_skip_err: an entry that raised CERROR_ILL is overwritten with a
  // CMD_SYNC (CS = SEV on the SMMU CMDQ without MSIs, CS = NONE on a VCMDQ: cmdqv.md section 9)
  // before the acknowledgement; other errors leave the entry to be fetched again.
  // `base` is the queue's effective base, `cons` its CONS register.
  bool skip_illegal_entry(bool smmu, std::uint64_t cons, std::uint64_t base, std::uint64_t log2) {
    if (static_cast<model::CmdError>(model::ConsErr::get(cons)) != model::CmdError::Ill)
      return false;
    const std::uint64_t addr = model::queue::entry_address<model::Concrete>(base, cons, log2);
    write_queue_entry(addr, {0x46u | (smmu ? 2u << 12 : 0u), 0});
    written_[addr] = QueueEntry{};  // no operation of the sequence holds what is there now
    return true;
  }

  // A queue entry in the model's memory and, where it is RAM, the device's.
  void write_queue_entry(std::uint64_t addr, const std::array<std::uint64_t, 2>& words) {
    t_.memory.write(addr, words.data(), sizeof words);
    fetches_.erase(addr);
    if (dut_ && SparseMemory::in_ram(addr, sizeof words)) {
      guarded("writing queue memory at " + hex(addr),
              [&] { dut_->write_memory(addr, words.data(), sizeof words); });
    }
  }

  // Lets both make progress, then compares every register that progress may change.
  void run_both() {
    t_.dirty = true;  // a device may make progress in run() even without a new write
    settle();
    compare_progress_registers();
    compare_interrupts();
    close_window();
    if (!failed()) start_window();
  }

  // Both agree on every queue: the next window of decisions starts. An acknowledgement that no
  // command has followed yet stays: a device that does not resume shows it only once software
  // gives the queue work again (ERR-3).
  void start_window() {
    for (auto& [addr, f] : fetches_) f.settled = true;
    std::vector<Decision> pending;
    for (std::size_t i = 0; i < t_.decisions.size(); ++i) {
      const Decision& d = t_.decisions[i];
      if (d.kind != Decision::Kind::Resume) continue;
      const bool followed =
          std::any_of(t_.decisions.begin() + static_cast<std::ptrdiff_t>(i) + 1, t_.decisions.end(),
                      [&](const Decision& later) {
                        return same_queue(later.step, d.step.region, d.step.vcmdq);
                      });
      if (!followed) {
        pending.push_back(d);
        pending.back().carried = true;
      }
    }
    t_.decisions = std::move(pending);
  }

  // Queue registers first, then the summaries derived from them (STATUS, error maps), so
  // that a wrong command outcome is blamed on the queue's clauses rather than on a map's.
  void compare_progress_registers() {
    using Names = std::vector<std::string_view>;
    static const Names kQueue = {"CMDQ_CONS", "CONS", "GERROR"};
    static const Names kDerived = {"STATUS",       "CMDQ_ERR_MAP", "LVCMDQ_ERR_MAP",
                                   "VI_ERR_MAP_0", "VI_ERR_MAP_1", "CR0ACK"};
    auto sweep = [&](model::Region r, const model::Layout& l, const Names& names) {
      for (const model::RegInstance& ri : l.instances()) {
        for (std::string_view w : names) {
          if (ri.reg->name == w && !failed()) compare_read(r, ri.offset, ri.width / 8);
        }
      }
    };
    for (const auto* names : {&kQueue, &kDerived}) {
      sweep(S, t_.model.smmu().registers().layout(), *names);
      if (has_cmdqv()) sweep(C, t_.model.cmdqv().registers().layout(), *names);
    }
  }

  // Edge interrupts: the device must have pulsed each line as often as the model.
  void compare_interrupts() {
    if (!dut_) return;
    static constexpr struct {
      model::IrqLine line;
      const char* name;
      const char* clause;
    } kLines[] = {{model::IrqLine::SmmuCmdqSync, "SMMU cmdq-sync", ""},
                  {model::IrqLine::SmmuGerror, "SMMU gerror", "ERR-11"},
                  {model::IrqLine::CmdqvError, "CMDQV error", "ERR-8"}};
    for (const auto& l : kLines) {
      const std::size_t want = t_.irq.count(l.line), got = (*dut_irq_).count(l.line);
      // Error interrupts for errors that activated together may be coalesced (IHI 0070 G.b
      // 7.5.1; the CMDQV line by analogy): at least one pulse, at most one per error.
      const bool coalescable = l.line != model::IrqLine::SmmuCmdqSync;
      if (want == got || failed() || (coalescable && got >= 1 && got <= want)) continue;
      const std::string what = std::string(l.name) + " interrupt pulsed " + std::to_string(got) +
                               " times, model " + std::to_string(want);
      if (l.line == model::IrqLine::SmmuCmdqSync) {
        // The queues agreed: blame the decision where the device consumed otherwise.
        if (const auto blame = blame_sync_interrupt(t_.model, t_.decisions, got < want)) {
          fail_at_decision(std::string("irq:") + l.name, what, *blame);
          continue;
        }
      }
      mismatch_ = Mismatch{op_, what, std::string("irq:") + l.name,
                           std::string(l.clause) + " (" + l.name + " interrupt)"};
      if (coverage_) coverage_->fail(l.clause, what, {std::string(l.name) + " interrupt"});
    }
  }

  std::uint64_t steps_ = 0;  // model steps over this Differential's life (options_.max_steps)

  ModelTwin& t_;
  Device* dut_;
  CountingIrq* dut_irq_;
  ClauseCoverage* coverage_;
  DifferentialCounters& counters_;
  DifferentialOptions options_;
  std::optional<Mismatch> mismatch_;
  std::size_t op_ = 0;
  // Who wrote each queue entry in memory, by address: a push (its op) or software skipping an
  // entry (no op). tell_apart replays with some made legal; told_apart_by_ holds those it used.
  std::map<std::uint64_t, QueueEntry> written_;
  std::vector<QueueEntry> told_apart_by_;
  // How often the model fetched each queue entry, by address, since the entry was last written,
  // from which queue, and whether both sides have agreed on that queue since.
  struct Fetches {
    std::uint64_t count = 0;
    model::Region region = S;
    std::uint32_t vcmdq = 0;
    bool settled = false;
  };
  std::map<std::uint64_t, Fetches> fetches_;
};

Differential::Differential(ModelTwin& twin, Device* dut, CountingIrq* dut_irq,
                           ClauseCoverage* coverage, DifferentialCounters& counters,
                           DifferentialOptions options)
    : impl_(std::make_unique<Impl>(twin, dut, dut_irq, coverage, counters, options)) {}
Differential::~Differential() = default;
std::optional<Mismatch> Differential::initialise_unknown_resets() {
  return impl_->initialise();
}
std::optional<Mismatch> Differential::apply(const Op& op, std::size_t index) {
  return impl_->apply_op(op, index);
}

std::vector<std::string> executor_checked_clauses(const spec::Spec& spec) {
  // Keep in step with the exercise() calls above and in clause_tagging.cpp.
  std::set<std::string> ids = {"ALIAS-1", "ALIAS-2", "ALIAS-3", "ALIAS-4", "ALLOC-1", "ALLOC-4",
                               "ALLOC-5", "Q-1",     "Q-2",     "Q-3",     "Q-5",     "Q-7",
                               "Q-8",     "HYP-5",   "EN-4",    "CMD-1",   "CMD-10",  "ERR-1",
                               "ERR-2",   "ERR-3",   "ERR-4",   "ERR-5",   "ERR-6",   "ERR-7",
                               "ERR-8",   "ERR-9",   "ERR-10",  "ERR-11"};
  for (const spec::Opcode& op : spec.opcodes) ids.insert(op.clauses.begin(), op.clauses.end());
  for (const spec::FieldRule& r : spec.field_rules) ids.insert(r.clause);
  for (const spec::Clause& c : spec.clauses) {
    if (c.checked_by == spec::CheckedBy::Registers && !c.registers.empty()) ids.insert(c.id);
  }
  return {ids.begin(), ids.end()};
}

}  // namespace cts::harness
