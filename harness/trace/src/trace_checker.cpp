// SPDX-License-Identifier: MIT
// The trace checker (see trace_checker.h).
#include "cmdqv_cts/trace/trace_checker.h"

#include <algorithm>
#include <deque>

#include "cmdqv_cts/harness/clause_tagging.h"
#include "cmdqv_cts/harness/counting_irq.h"
#include "cmdqv_cts/harness/register_lookup.h"
#include "cmdqv_cts/harness/sparse_memory.h"
#include "cmdqv_cts/model/model_error.h"
#include "cmdqv_cts/model/queue_index.h"
#include "trace_fields.h"

namespace cts::trace {
namespace {

using harness::RegisterAt;
using model::Region;
using spec::hex;

constexpr std::uint64_t kRunBound = 1u << 16;       // model steps per settle, as the live run
constexpr std::uint64_t kSmmuRegionSize = 0x20000;  // SMMU pages 0 and 1 (IHI 0070 6.1)

// What the trace tells about queue contents.
enum class Contents {
  Full,     // queue memory is recorded (mem lines): the model reads what the device read
  Opcodes,  // only each consumed entry's opcode (consume lines): per-opcode legality
  None,     // nothing: the model cannot consume
};

const char* outcome_name(std::uint8_t code) {
  return code == 0 ? "executed" : model::to_string(static_cast<model::CmdError>(code));
}

// Identification registers: the model is built from them, so a trace that reads other values
// is a trace of another device, not a finding.
struct IdRegister {
  Region region;
  std::uint64_t offset;
  const char* name;
};
constexpr IdRegister kIdRegisters[] = {
    {Region::Smmu, 0x00, "IDR0"}, {Region::Smmu, 0x04, "IDR1"},
    {Region::Smmu, 0x0C, "IDR3"}, {Region::Smmu, 0x14, "IDR5"},
    {Region::Smmu, 0x1C, "AIDR"}, {Region::Cmdqv, 0x04, "CMDQV PARAM"}};
constexpr std::size_t kIdCount = sizeof(kIdRegisters) / sizeof(kIdRegisters[0]);
constexpr std::size_t kParam = kIdCount - 1;  // CMDQV PARAM: only with a CMDQV

class Checker;

// Queue memory when the trace records only opcodes: each read of an entry returns the next
// opcode the trace says that queue consumed, every other field 0.
class ConsumedOpcodeMemory final : public model::Memory {
 public:
  explicit ConsumedOpcodeMemory(const Checker& c) : checker_(c) {}
  bool read(std::uint64_t addr, void* buf, std::uint32_t len) override;
  bool write(std::uint64_t, const void*, std::uint32_t) override { return false; }

  void push(const TraceEvent& e) { fifo(e.queue).push_back(&e); }
  void clear() {
    fifos_.clear();
    taken_ = nullptr;
    overrun_.reset();
  }
  std::deque<const TraceEvent*>& fifo(const QueueId& q) {
    return fifos_[q.smmu ? -1 : static_cast<int>(q.vcmdq)];
  }
  const TraceEvent* first_left() const {
    const TraceEvent* first = nullptr;
    for (const auto& [_, f] : fifos_) {
      if (!f.empty() && (!first || f.front()->line < first->line)) first = f.front();
    }
    return first;
  }
  // Set by the last read: the entry it took, or the queue the trace shows no entry for.
  const TraceEvent* taken_ = nullptr;
  std::optional<QueueId> overrun_;

 private:
  const Checker& checker_;
  std::map<int, std::deque<const TraceEvent*>> fifos_;
};

// Queue memory when the trace records none: the model must not need it.
class NoContentsMemory final : public model::Memory {
 public:
  bool read(std::uint64_t, void*, std::uint32_t) override {
    needed = true;
    return false;
  }
  bool write(std::uint64_t, const void*, std::uint32_t) override { return false; }
  bool needed = false;
};

class Checker {
 public:
  Checker(std::shared_ptr<const spec::Spec> spec, const Trace& t, const CheckOptions& o)
      : trace_(t),
        profile_(resolve_profile(t, o)),
        config_(resolve_config(t, profile_)),
        reset_model_(build_model(spec)),
        model_(reset_model_),
        verdict_(harness::ClauseCoverage(*spec, config_.view, config_.cmdqv)),
        opcode_memory_(*this) {
    verdict_.profile = profile_;
    verdict_.config = config_;
    verdict_.config_origin = config_origin_;
    for (std::string& n : early_notes_) verdict_.narrowing.push_back(std::move(n));
    contents_ = Contents::None;
    for (const TraceEvent& e : t.events) {
      if (e.kind == EventKind::Consume) contents_ = Contents::Opcodes;
      if (e.kind == EventKind::Memory && contents_ == Contents::None) contents_ = Contents::Full;
    }
    if (contents_ == Contents::Opcodes) {
      verdict_.narrowing.push_back(
          "queue memory is not recorded, only the opcode of each consumed entry: each command is "
          "checked for legality by its opcode against the IDR features (and HYP_OWN) with every "
          "other field taken as 0; no field-level check (SSec, CMD_SYNC CS, reserved fields), and "
          "the cmdq-sync interrupt is not compared");
    }
  }

  TraceVerdict run() {
    for (const TraceEvent& e : trace_.events) {
      current_line_ = e.line;
      ++verdict_.events;
      process(e);
    }
    if (!stopped()) {
      if (contents_ == Contents::Opcodes && opcode_memory_.first_left()) {
        dirty_ = true;
        settle();
      }
      if (!stopped() && irq_compare_pending_) compare_interrupts();
    }
    summarise();
    return std::move(verdict_);
  }

  // Which queue's next entry (at CONS) is at `addr`.
  std::optional<QueueId> queue_at(std::uint64_t addr) const {
    auto entry = [&](const model::RegisterFile<>& rf, const model::QueueRegs& q) {
      const std::uint64_t log2 = model::queue_log2size<model::Concrete>(rf, q);
      const std::uint64_t base =
          model::queue::effective_base<model::Concrete>(rf.get(q.base) & q.addr_mask, log2);
      return model::queue::entry_address<model::Concrete>(base, rf.get(q.cons), log2);
    };
    if (entry(model_.smmu().registers(), model_.smmu().queue()) == addr) return QueueId{};
    if (model_.has_cmdqv()) {
      for (std::uint32_t q = 0; q < model_.cmdqv().vcmdqs(); ++q) {
        if (entry(model_.cmdqv().registers(), model_.cmdqv().queue(q)) == addr)
          return QueueId{false, q};
      }
    }
    return std::nullopt;
  }

 private:
  [[noreturn]] void error(std::size_t line, const std::string& what) const {
    throw TraceError(trace_.file, line, what);
  }

  static harness::Profile resolve_profile(const Trace& t, const CheckOptions& o) {
    if (t.profile && o.profile && *t.profile != *o.profile) {
      throw TraceError(t.file, t.profile_line,
                       std::string("the trace is of profile ") + harness::to_string(*t.profile) +
                           ", not " + harness::to_string(*o.profile) + " (--profile)");
    }
    return t.profile ? *t.profile : o.profile.value_or(harness::Profile::Smmuv3);
  }

  model::ModelConfig resolve_config(const Trace& t, harness::Profile p) {
    if (t.config) {
      model::ModelConfig c;
      try {
        c = harness::profile_config(p, *t.config);
      } catch (const model::ModelError& e) {
        error(t.config_line, std::string("config: ") + e.what());
      }
      if (c.cmdqv != (p != harness::Profile::Smmuv3)) {
        error(t.config_line, std::string("config: cmdqv=") + (c.cmdqv ? "1" : "0") +
                                 " contradicts profile " + harness::to_string(p));
      }
      config_origin_ = "the trace header (line " + std::to_string(t.config_line) + ")";
      header_config_ = true;
      return c;
    }
    // No header: read the device's identification as the live run probes it.
    model::ModelConfig c = harness::profile_config(p, "");
    std::optional<std::uint64_t> ids[kIdCount];
    std::size_t lines[kIdCount] = {};
    for (const TraceEvent& e : t.events) {
      if (e.kind != EventKind::Read || e.fault) continue;
      for (std::size_t i = 0; i < kIdCount; ++i) {
        if (!ids[i] && e.region == kIdRegisters[i].region && e.offset == kIdRegisters[i].offset) {
          ids[i] = e.value & 0xFFFFFFFF;
          lines[i] = e.line;
        }
      }
    }
    c.set_identification(ids[0], ids[1], ids[2]);
    c.set_identification5(ids[3], ids[4]);
    std::string used, missing;
    for (std::size_t i = 0; i < kIdCount; ++i) {
      if (i == kParam && !c.cmdqv) continue;
      std::string& into = ids[i] ? used : missing;
      into += (into.empty() ? "" : ", ") + std::string(kIdRegisters[i].name) +
              (ids[i] ? " (line " + std::to_string(lines[i]) + ")" : "");
    }
    if (c.cmdqv && ids[kParam]) {
      c.vcmdqs_log2 = static_cast<unsigned>((*ids[kParam] >> 4) & 0xF);
      c.vintfs_log2 = static_cast<unsigned>((*ids[kParam] >> 8) & 0xF);
      c.sids_log2 = static_cast<unsigned>((*ids[kParam] >> 12) & 0xF);
    }
    try {
      c.validate();
    } catch (const model::ModelError& e) {
      error(lines[kParam] ? lines[kParam] : lines[1],
            std::string("the identification the trace reads is impossible: ") + e.what());
    }
    config_origin_ = used.empty() ? "the profile's defaults (no header, no identification read)"
                                  : "the identification registers the trace reads: " + used;
    if (!missing.empty()) {
      early_notes_.push_back(missing + " never read: the model assumes the profile's default " +
                             "features and geometry there (" + c.describe() + ")");
    }
    return c;
  }

  model::ReferenceModel build_model(std::shared_ptr<const spec::Spec> spec) {
    try {
      return model::ReferenceModel(std::move(spec), config_);
    } catch (const model::ModelError& e) {
      error(trace_.config_line ? trace_.config_line : 1, std::string("config: ") + e.what());
    }
  }

  bool stopped() const { return segment_failed_ || contents_lost_; }

  void process(const TraceEvent& e) {
    if (e.kind == EventKind::Reset) {
      reset_segment();
      return;
    }
    if (stopped()) {
      ++verdict_.unchecked_events;
      return;
    }
    const bool is_read = e.kind == EventKind::Read;
    if (last_was_read_ && !is_read && e.kind != EventKind::Irq) {
      if (irq_compare_pending_ && e.kind != EventKind::Consume) compare_interrupts();
      verdict_.coverage.close_window();  // a run of reads is one comparison point
    } else if (irq_compare_pending_ && (e.kind == EventKind::Write || e.kind == EventKind::Memory ||
                                        e.kind == EventKind::Run)) {
      compare_interrupts();
    }
    if (stopped()) return;
    if (e.kind != EventKind::Irq) last_was_read_ = is_read;
    switch (e.kind) {
      case EventKind::Read:
        read(e);
        break;
      case EventKind::Write:
        write(e);
        break;
      case EventKind::Memory:
        settle();
        if (contents_ == Contents::Full)
          (void)memory_.write(e.address, e.bytes.data(),
                              static_cast<std::uint32_t>(e.bytes.size()));
        break;
      case EventKind::Consume:
        consume(e);
        break;
      case EventKind::Irq:
        ++trace_irq_[static_cast<std::size_t>(e.irq)];
        break;
      case EventKind::Run:
        dirty_ = true;
        settle();
        irq_compare_pending_ = true;
        break;
      case EventKind::Reset:
        break;
    }
  }

  void reset_segment() {
    if (!stopped() && irq_compare_pending_) compare_interrupts();
    model_ = reset_model_;
    memory_ = harness::SparseMemory();
    opcode_memory_.clear();
    no_contents_ = NoContentsMemory();
    model_irq_ = harness::CountingIrq();
    trace_irq_ = {};
    dirty_ = map_changed_ = segment_failed_ = contents_lost_ = irq_compare_pending_ = false;
    last_was_read_ = false;
    verdict_.coverage.close_window();
    ++verdict_.segments;
  }

  // The access must fit the regions of this geometry.
  RegisterAt locate(const TraceEvent& e) {
    if (e.region == Region::Cmdqv && !model_.has_cmdqv()) {
      error(e.line, std::string("a CMDQV access in a trace of profile ") +
                        harness::to_string(profile_) + ": a trace for another region layout");
    }
    const std::uint64_t size =
        e.region == Region::Smmu
            ? std::max(kSmmuRegionSize, model_.smmu().registers().layout().extent())
            : model_.cmdqv().registers().layout().extent();
    if (e.offset + e.size > size) {
      error(e.line, std::string(region_name(e.region)) + "+" + hex(e.offset) + " is outside the " +
                        region_name(e.region) + " region of this device (" + hex(size) +
                        " bytes; " + config_.describe() + "): a trace for another region layout");
    }
    return harness::register_at(model_, e.region, e.offset);
  }

  void read(const TraceEvent& e) {
    const RegisterAt at = locate(e);
    if (at.qualified.empty()) {
      if (unmapped_reads_++ == 0)
        first_unmapped_ =
            harness::describe_access(e.region, e.offset, at) + " at line " + std::to_string(e.line);
      return;
    }
    if (harness::is_progress_register(at.qualified)) settle();
    if (stopped()) return;
    harness::tag_access(verdict_.coverage, model_, at, false, map_changed_);
    const model::AccessResult expect = model_.read(e.region, e.offset, e.size);
    check_identity(e, expect);
    ++verdict_.reads_compared;
    const std::uint64_t mask = harness::compare_mask(model_, e.region, at, e.size);
    const bool expect_ok =
        expect.status == model::AccessStatus::Ok || expect.status == model::AccessStatus::Unmapped;
    if (e.fault != !expect_ok || (!e.fault && (e.value & mask) != (expect.value & mask))) {
      // The fields that differ are the cases, as in a live run; a bus error is the register's.
      const std::vector<std::string> fields =
          e.fault || !expect_ok ? std::vector<std::string>{}
                                : harness::differing_fields(model_, e.region, e.offset, at,
                                                            (e.value ^ expect.value) & mask);
      violation_at(current_line_, at.qualified,
                   "read" + std::to_string(e.size * 8) + " " +
                       harness::describe_access(e.region, e.offset, at) + ": trace " +
                       (e.fault ? "bus error" : hex(e.value)) + ", model " +
                       (expect_ok ? hex(expect.value) : "bus error"),
                   fields);
    }
  }

  void check_identity(const TraceEvent& e, const model::AccessResult& expect) {
    if (!header_config_ || e.fault) return;
    for (const IdRegister& id : kIdRegisters) {
      if (id.region != e.region || id.offset != e.offset) continue;
      if ((e.value & 0xFFFFFFFF) != (expect.value & 0xFFFFFFFF)) {
        error(e.line, std::string("the trace reads ") + id.name + " = " +
                          hex(e.value & 0xFFFFFFFF) + ", but its header (line " +
                          std::to_string(trace_.config_line) + ") describes a device with " +
                          id.name + " = " + hex(expect.value & 0xFFFFFFFF) +
                          ": a trace of another device configuration");
      }
    }
  }

  void write(const TraceEvent& e) {
    settle();
    if (stopped()) return;
    const RegisterAt at = locate(e);
    ++verdict_.writes;
    harness::tag_access(verdict_.coverage, model_, at, true, map_changed_);
    if (harness::acknowledges_cmdq_error(model_, at, e.value)) verdict_.coverage.exercise("ERR-3");
    dirty_ = harness::is_kick_register(at.qualified);
    const model::AccessResult expect = model_.write(e.region, e.offset, e.size, e.value);
    const bool expect_ok =
        expect.status == model::AccessStatus::Ok || expect.status == model::AccessStatus::Unmapped;
    if (e.fault == expect_ok) {
      violation(at.qualified, "write " + hex(e.value) + " to " +
                                  harness::describe_access(e.region, e.offset, at) + ": trace " +
                                  (e.fault ? "bus error" : "accepted") + ", model " +
                                  model::to_string(expect.status));
    }
  }

  void consume(const TraceEvent& e) {
    if (!e.queue.smmu && (!model_.has_cmdqv() || e.queue.vcmdq >= model_.cmdqv().vcmdqs())) {
      error(e.line, "queue " + queue_name(e.queue) + " does not exist in this device (" +
                        config_.describe() + "): a trace for another geometry");
    }
    if (!e.opcode_known && opcode_sets_++ == 0) {
      verdict_.narrowing.push_back(
          "the trace names some consumed entries only by a set of opcodes (" + e.opcode_name +
          ", first at line " + std::to_string(e.line) +
          "): they are checked as the Reserved opcode 0x00");
    }
    opcode_memory_.push(e);
  }

  model::Memory& queue_memory() {
    switch (contents_) {
      case Contents::Full:
        return memory_;
      case Contents::Opcodes:
        return opcode_memory_;
      case Contents::None:
        break;
    }
    return no_contents_;
  }

  // Both sides quiescent: the model consumes what it can (the device already has).
  void settle() {
    if (!dirty_ || stopped()) return;
    dirty_ = false;
    for (std::uint64_t steps = 0; steps < kRunBound && !stopped(); ++steps) {
      opcode_memory_.taken_ = nullptr;
      opcode_memory_.overrun_.reset();
      const model::StepRecord rec = model_.step(queue_memory(), model_irq_);
      if (rec.result == model::StepResult::Idle) break;
      if (no_contents_.needed) {
        contents_lost_ = true;
        verdict_.narrowing.push_back("line " + std::to_string(current_line_) +
                                     ": the model must consume a queue entry, but the trace "
                                     "records neither queue memory nor "
                                     "consumed opcodes: checking stops there until the next reset");
        break;
      }
      ++verdict_.commands;
      harness::tag_step(verdict_.coverage, model_, rec);
      if (contents_ == Contents::Opcodes) check_outcome(rec);
    }
    if (contents_ == Contents::Opcodes && !stopped()) {
      if (const TraceEvent* left = opcode_memory_.first_left()) {
        violation_at(left->line, cons_register(left->queue),
                     "the trace consumes " + left->opcode_name + " on " + queue_name(left->queue) +
                         ", but the model's queue has nothing to consume (empty, stopped by an "
                         "error, or disabled)");
      }
    }
  }

  std::string cons_register(const QueueId& q) const {
    return q.smmu ? "smmu:regs.CMDQ_CONS" : "cmdqv:vcmdq_page0.CONS";
  }

  void check_outcome(const model::StepRecord& rec) {
    const QueueId q = rec.region == Region::Smmu ? QueueId{} : QueueId{false, rec.vcmdq};
    if (opcode_memory_.overrun_ || !opcode_memory_.taken_) {
      violation(cons_register(q), "the model consumes an entry of " + queue_name(q) + " (CONS " +
                                      hex(rec.command.cons) +
                                      ") that the trace does not show consumed");
      return;
    }
    const TraceEvent& e = *opcode_memory_.taken_;
    const auto got = static_cast<std::uint8_t>(
        rec.result == model::StepResult::Faulted ? rec.command.error : model::CmdError::None);
    if (e.outcome && *e.outcome != got) {
      violation_at(e.line, cons_register(q),
                   queue_name(q) + " entry " + e.opcode_name + " (CONS " + hex(rec.command.cons) +
                       "): trace " + outcome_name(*e.outcome) + ", model " + outcome_name(got));
    }
  }

  void compare_interrupts() {
    irq_compare_pending_ = false;
    static constexpr struct {
      model::IrqLine line;
      const char* clause;
    } kLines[] = {{model::IrqLine::SmmuCmdqSync, ""},
                  {model::IrqLine::SmmuGerror, "ERR-11"},
                  {model::IrqLine::CmdqvError, "ERR-8"}};
    for (const auto& l : kLines) {
      if (l.line == model::IrqLine::SmmuCmdqSync && contents_ == Contents::Opcodes) continue;
      const std::size_t want = model_irq_.count(l.line),
                        got = trace_irq_[static_cast<std::size_t>(l.line)];
      if (want == got || stopped()) continue;
      violation_clause(l.clause, std::string(irq_name(l.line)) + " interrupt pulsed " +
                                     std::to_string(got) + " times since the reset, model " +
                                     std::to_string(want));
    }
  }

  void violation(const std::string& reg, const std::string& what) {
    violation_at(current_line_, reg, what);
  }

  // `cases`: the fields that differ; without them (a write, a consumption, a bus error) the
  // register is the case.
  void violation_at(std::size_t line, const std::string& reg, const std::string& what,
                    std::vector<std::string> cases = {}) {
    if (cases.empty()) cases = {reg.substr(reg.find('.') + 1)};
    record(line, what,
           [&](const std::string& w) { verdict_.coverage.fail_register(reg, w, cases); });
  }

  void violation_clause(const char* clause, const std::string& what) {
    record(current_line_, what,
           [&](const std::string& w) { verdict_.coverage.fail(clause, w, {std::string(clause)}); });
  }

  template <class Fail>
  void record(std::size_t line, const std::string& what, Fail&& fail) {
    const auto& tallies = verdict_.coverage.tallies();
    std::vector<std::uint64_t> before;
    for (const harness::ClauseTally& t : tallies) before.push_back(t.failures);
    const std::string located = "line " + std::to_string(line) + ": " + what;
    fail(located);
    Violation v{line, located, {}};
    for (std::size_t i = 0; i < tallies.size(); ++i) {
      if (tallies[i].failures == before[i]) continue;
      v.clauses.push_back(tallies[i].clause->id);
      verdict_.first_violation_line.try_emplace(tallies[i].clause->id, line);
    }
    verdict_.violations.push_back(std::move(v));
    segment_failed_ = true;
  }

  void summarise() {
    if (unmapped_reads_ > 0) {
      verdict_.narrowing.push_back(
          std::to_string(unmapped_reads_) +
          " reads of offsets no register of spec/ describes were not compared (first: " +
          first_unmapped_ + ")");
    }
    if (contents_ == Contents::Opcodes) {
      bool memory_lines =
          std::any_of(trace_.events.begin(), trace_.events.end(),
                      [](const TraceEvent& e) { return e.kind == EventKind::Memory; });
      if (memory_lines)
        verdict_.narrowing.push_back(
            "mem lines are ignored: the consume lines decide what the model consumes");
    }
  }

  const Trace& trace_;
  std::string config_origin_;
  std::vector<std::string> early_notes_;
  bool header_config_ = false;
  harness::Profile profile_;
  model::ModelConfig config_;
  const model::ReferenceModel reset_model_;
  model::ReferenceModel model_;
  TraceVerdict verdict_;
  Contents contents_ = Contents::None;
  harness::SparseMemory memory_;
  ConsumedOpcodeMemory opcode_memory_;
  NoContentsMemory no_contents_;
  harness::CountingIrq model_irq_;
  std::array<std::size_t, harness::CountingIrq::kLines> trace_irq_{};
  bool dirty_ = false, map_changed_ = false, segment_failed_ = false, contents_lost_ = false;
  bool irq_compare_pending_ = false, last_was_read_ = false;
  std::size_t current_line_ = 0, unmapped_reads_ = 0, opcode_sets_ = 0;
  std::string first_unmapped_;
};

bool ConsumedOpcodeMemory::read(std::uint64_t addr, void* buf, std::uint32_t len) {
  std::fill_n(static_cast<std::uint8_t*>(buf), len, std::uint8_t{0});
  const std::optional<QueueId> q = checker_.queue_at(addr);
  std::deque<const TraceEvent*>* f = q ? &fifo(*q) : nullptr;
  if (!f || f->empty()) {
    overrun_ = q.value_or(QueueId{});
    static_cast<std::uint8_t*>(buf)[0] = model::cmd::kCmdSync;  // keeps the model going; reported
    return true;
  }
  taken_ = f->front();
  f->pop_front();
  if (taken_->abort) return false;
  static_cast<std::uint8_t*>(buf)[0] = taken_->opcode;
  return true;
}

}  // namespace

TraceVerdict check_trace(std::shared_ptr<const spec::Spec> spec, const Trace& trace,
                         const CheckOptions& options) {
  Checker checker(std::move(spec), trace, options);
  return checker.run();
}

}  // namespace cts::trace
