// SPDX-License-Identifier: MIT
// The differential conformance run (see conformance_run.h).
#include "cmdqv_cts/harness/conformance_run.h"

#include <cstdio>
#include <sstream>

#include "cmdqv_cts/harness/sparse_memory.h"
#include "cmdqv_cts/model/queue_index.h"

namespace cts::harness {
namespace {

using model::AccessStatus;
using model::ReferenceModel;

// splitmix64: a tiny generator whose output is the same on every platform and library,
// so that a seed reproduces a run anywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

class CountingIrq final : public model::IrqSink {
 public:
  void pulse(model::IrqLine line) override { ++counts_[static_cast<std::size_t>(line)]; }
  std::size_t count(model::IrqLine line) const { return counts_[static_cast<std::size_t>(line)]; }

 private:
  std::size_t counts_[3] = {};
};

// What a register offset is, for comparison and coverage.
struct RegisterAt {
  std::string qualified;  // "cmdqv:vintf.CONFIG"; empty for an unmapped offset
  std::string instance;   // "vintf[1].CONFIG"
  std::int32_t id = -1;   // instance behind the offset (alias resolved), -1 if none
  bool alias = false;
};

RegisterAt register_at(const ReferenceModel& m, model::Region r, std::uint64_t off) {
  RegisterAt out;
  if (r == model::Region::Cmdqv && !m.has_cmdqv()) return out;
  const model::RegisterFile<>& rf = r == model::Region::Smmu ? m.smmu().registers() : m.cmdqv().registers();
  const model::DecodedWord& w = rf.layout().decode(off & ~std::uint64_t{3});
  if (w.kind == model::DecodedWord::None) return out;
  out.alias = w.kind == model::DecodedWord::Alias;
  out.id = rf.resolve(w, off & ~std::uint64_t{3});
  const std::string region = r == model::Region::Smmu ? "smmu:" : "cmdqv:";
  if (out.id < 0) {
    out.qualified = region + rf.layout().region().blocks[0].name;  // never a clause register
    out.instance = "unmapped logical slot";
    return out;
  }
  const model::RegInstance& ri = rf.layout().instances()[static_cast<std::size_t>(out.id)];
  out.qualified = region + ri.block->name + "." + ri.reg->name;
  out.instance = ri.name();
  return out;
}

// ERR-5: CONS.ERR is UNKNOWN while the queue has no active CMDQ_ERR: compare without it.
std::uint64_t compare_mask(const ReferenceModel& m, model::Region r, const RegisterAt& at, std::uint64_t off,
                           unsigned size) {
  std::uint64_t mask = size == 8 ? ~0ull : 0xFFFFFFFFull;
  if (at.id < 0) return mask;
  const bool is_cons = at.qualified == "smmu:regs.CMDQ_CONS" || at.qualified == "cmdqv:vcmdq_page0.CONS";
  if (!is_cons) return mask;
  const model::RegisterFile<>& rf = r == model::Region::Smmu ? m.smmu().registers() : m.cmdqv().registers();
  const model::RegInstance& ri = rf.layout().instances()[static_cast<std::size_t>(at.id)];
  const model::QueueRegs& q = r == model::Region::Smmu ? m.smmu().queue() : m.cmdqv().queue(ri.block_index);
  if (model::cmdq_error_active<model::Concrete>(rf, q)) return mask;
  const unsigned shift = (off & 4) && size == 4 ? 32 : 0;  // CONS is 32-bit: only at its own offset
  return mask & ~(model::ConsErr::mask >> shift);
}

// One sequence: the device and the model side by side.
class Sequence {
 public:
  Sequence(std::shared_ptr<const spec::Spec> spec, const model::ModelConfig& config, Device& dut, ProfileRun& run,
           const RunOptions& options, std::uint32_t index)
      : model_(std::move(spec), config), dut_(dut), run_(run), options_(options), index_(index),
        rng_(options.seed * 0x100000001B3ull + index) {
    guarded("resetting", [&] { dut_.reset(); });
    collect_offsets();
  }

  // Registers whose hardware reset value is unknown are programmed to 0 first, as a driver
  // would, so that reads compare defined values (identification registers come from the
  // device itself: see probe_device_config).
  void initialise_unknown_resets() {
    auto sweep = [&](model::Region r, const model::Layout& l, spec::View view) {
      for (const model::RegInstance& ri : l.instances()) {
        if (!ri.reset_known && ri.writable[model::view_index(view)] != 0) write(r, ri.offset, ri.width / 8, 0);
      }
    };
    sweep(model::Region::Smmu, model_.smmu().registers().layout(), spec::View::Host);
    if (has_cmdqv()) sweep(model::Region::Cmdqv, model_.cmdqv().registers().layout(), model_.config().view);
  }

  void play() {
    initialise_unknown_resets();
    for (op_ = 0; op_ < options_.ops_per_sequence && !failed_; ++op_) {
      ++run_.ops;
      switch (rng_.below(10)) {
        case 0: case 1: case 2: random_write(); break;
        case 3: case 4: random_read(); break;
        case 5: bring_up(); break;
        case 6: case 7: push(); break;
        default: run_both(); break;
      }
    }
    if (!failed_) run_both();
  }

 private:
  bool has_cmdqv() const { return model_.has_cmdqv(); }

  // Runs one call into the device; a device failure gains where it happened.
  template <class F>
  auto guarded(const std::string& doing, F&& call) -> decltype(call()) {
    try {
      return call();
    } catch (const DeviceFailure& e) {
      throw DeviceFailure(std::string(e.what()) + " at operation " + std::to_string(op_) + " while " + doing);
    }
  }

  static std::string describe(model::Region r, std::uint64_t off, const RegisterAt& at) {
    return std::string(r == model::Region::Smmu ? "smmu" : "cmdqv") + "+" + hex(off) +
           (at.instance.empty() ? "" : " (" + at.instance + ")");
  }

  void collect_offsets() {
    for (const model::RegInstance& ri : model_.smmu().registers().layout().instances()) {
      offsets_.emplace_back(model::Region::Smmu, ri.offset);
    }
    if (!has_cmdqv()) return;
    const model::Layout& l = model_.cmdqv().registers().layout();
    for (const model::RegInstance& ri : l.instances()) offsets_.emplace_back(model::Region::Cmdqv, ri.offset);
    for (const model::AliasInfo& a : l.aliases()) {  // the logical pages, slot by slot
      const model::BlockInfo& target = l.blocks()[a.target_block];
      for (std::uint32_t i = 0; i < a.instances; ++i) {
        for (std::uint32_t s = 0; s < a.slots; ++s) {
          for (std::uint32_t k = 0; k < target.per_instance; ++k) {
            const model::RegInstance& ri = l.instances()[target.first_instance + k];
            const std::uint64_t rel = ri.offset - target.block->base;
            offsets_.emplace_back(model::Region::Cmdqv,
                                  a.block->base + i * a.block->stride + s * a.block->alias->slot_stride + rel);
          }
        }
      }
    }
  }

  std::uint64_t random_value() {
    switch (rng_.below(4)) {
      case 0: return rng_.next();
      case 1: return rng_.below(4);
      case 2: return std::uint64_t{1} << rng_.below(32);
      default: return rng_.next() & 0x3FFFF;
    }
  }

  void fail(const RegisterAt& at, const std::string& what) {
    run_.failures.push_back({index_, op_, what});
    if (at.qualified.empty()) {
      run_.coverage.fail("", what);
    } else {
      run_.coverage.fail_register(at.qualified, what);
    }
    failed_ = true;
  }

  void touch(const RegisterAt& at, bool write) {
    if (at.qualified.empty()) return;
    run_.coverage.exercise_register(at.qualified);
    if (at.qualified == "cmdqv:cmdq_alloc.CMDQ_ALLOC" && write) map_changed_ = true;
    if (!at.alias) return;
    if (at.id >= 0) {
      run_.coverage.exercise("ALIAS-1");
      run_.coverage.exercise("ALLOC-1");
    } else {
      run_.coverage.exercise(write ? "ALIAS-2" : "ALIAS-3");
    }
    if (map_changed_) run_.coverage.exercise("ALIAS-4");  // the slot resolves through a changed map
    if (shared_slot()) run_.coverage.exercise("ALLOC-4");
  }

  // ALLOC-4: two allocated entries name the same (VINTF, LVCMDQ).
  bool shared_slot() const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;
    for (std::uint32_t q = 0; q < model_.cmdqv().vcmdqs(); ++q) {
      const auto o = model_.cmdqv().owner(q);
      if (!o) continue;
      for (const auto& s : seen) {
        if (s.first == o->vintf && s.second == o->lvcmdq) return true;
      }
      seen.emplace_back(o->vintf, o->lvcmdq);
    }
    return false;
  }

  void random_write() {
    const auto [r, o] = offsets_[rng_.below(offsets_.size())];
    const unsigned size = rng_.chance(25) ? 8 : 4;
    const std::uint64_t off = o & ~std::uint64_t{size - 1};
    write(r, off, size, random_value());
    if (rng_.chance(50) && !failed_) {  // read back at once: the sharpest check of register semantics
      compare_read(r, off, size);
      run_.coverage.close_window();
    }
  }

  void write(model::Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
    const RegisterAt at = register_at(model_, r, off);
    touch(at, true);
    const model::AccessResult expect = model_.write(r, off, size, value);
    const bool ok = guarded("writing " + hex(value) + " to " + describe(r, off, at),
                            [&] { return dut_.write(r, off, size, value); });
    const bool expect_ok = expect.status == AccessStatus::Ok || expect.status == AccessStatus::Unmapped;
    if (ok != expect_ok) {
      fail(at, "write " + hex(value) + " to " + hex(off) + " (" + at.instance + "): device " +
                   (ok ? "accepted" : "bus error") + ", model " + model::to_string(expect.status));
    }
  }

  void random_read() {
    const auto [r, o] = offsets_[rng_.below(offsets_.size())];
    const unsigned size = rng_.chance(25) ? 8 : 4;
    compare_read(r, o & ~std::uint64_t{size - 1}, size);
    run_.coverage.close_window();
  }

  void compare_read(model::Region r, std::uint64_t off, unsigned size) {
    const RegisterAt at = register_at(model_, r, off);
    touch(at, false);
    const model::AccessResult expect = model_.read(r, off, size);
    std::uint64_t got = 0;
    const bool ok = guarded("reading " + describe(r, off, at), [&] { return dut_.read(r, off, size, got); });
    ++run_.reads_compared;
    const std::uint64_t mask = compare_mask(model_, r, at, off, size);
    if (!ok || (got & mask) != (expect.value & mask)) {
      fail(at, "read" + std::to_string(size * 8) + " " + (r == model::Region::Smmu ? "smmu" : "cmdqv") + "+" +
                   hex(off) + " (" + (at.instance.empty() ? "unmapped" : at.instance) + "): device " +
                   (ok ? hex(got) : "bus error") + ", model " + hex(expect.value));
    }
  }

  // Bring a queue up the way Linux does, through the device's own registers.
  void bring_up() {
    const std::uint32_t vcmdqs = has_cmdqv() ? model_.config().vcmdqs() : 0;
    const std::uint32_t q = static_cast<std::uint32_t>(rng_.below(vcmdqs + 1));
    const unsigned log2 = static_cast<unsigned>(rng_.below(6));
    std::uint64_t base = 0x40000000 + (std::uint64_t{q} + 1) * 0x100000;
    if (rng_.chance(30)) {  // low address bits the device must ignore
      base |= rng_.below(std::uint64_t{16} << log2) & ~std::uint64_t{0x1F};
      run_.coverage.exercise("Q-5");
    }
    if (rng_.chance(8)) base += 0x100000000ull;  // ERR-4: outside RAM, the command fetch aborts
    if (q == vcmdqs) {
      write(model::Region::Smmu, 0x90, 8, base | log2);
      write(model::Region::Smmu, 0x98, 4, 0);
      write(model::Region::Smmu, 0x9C, 4, 0);
      write(model::Region::Smmu, 0x20, 4, 1u << 3);
      return;
    }
    constexpr model::Region C = model::Region::Cmdqv;
    const std::uint32_t per = model_.config().lvcmdqs_per_vintf();
    std::uint32_t v = q / per, l = q % per;
    if (rng_.chance(5)) {  // ALLOC-4: borrow another queue's logical slot
      const auto other = static_cast<std::uint32_t>(rng_.below(vcmdqs));
      v = other / per;
      l = other % per;
    }
    const bool hyp_own = rng_.chance(50);
    // The reads are the driver's: it polls each STATUS and reads HYP_OWN back after enabling.
    const std::uint64_t vintf = 0x1000 + 0x100ull * v, page0 = 0x10000 + 0x80ull * q;
    write(C, 0x0, 4, 1);
    compare_read(C, 0x8, 4);
    write(C, vintf, 4, hyp_own ? 1u << 17 : 0);
    write(C, vintf, 4, (hyp_own ? 1u << 17 : 0) | 1);
    compare_read(C, vintf + 4, 4);
    compare_read(C, vintf, 4);
    write(C, 0x200 + 4ull * q, 4, (std::uint64_t{v} << 15) | (std::uint64_t{l} << 1) | 1);
    write(C, 0x20000 + 0x80ull * q, 8, base | log2);
    write(C, page0, 4, 0);
    write(C, page0 + 4, 4, 0);
    write(C, page0 + 8, 4, 1);
    compare_read(C, page0 + 0xC, 4);
    run_.coverage.close_window();
  }

  // Write commands at PROD (as the model sees the queue) and advance PROD on both.
  void push() {
    const std::uint32_t vcmdqs = has_cmdqv() ? model_.config().vcmdqs() : 0;
    const std::uint32_t q = static_cast<std::uint32_t>(rng_.below(vcmdqs + 1));
    const bool smmu = q == vcmdqs;
    const model::RegisterFile<>& rf = smmu ? model_.smmu().registers() : model_.cmdqv().registers();
    const model::QueueRegs& regs = smmu ? model_.smmu().queue() : model_.cmdqv().queue(q);
    if (!smmu && !model_.cmdqv().vcmdq_live(q)) run_.coverage.exercise("EN-4");
    if (!smmu && !model_.cmdqv().owner(q) && (model_.read(model::Region::Cmdqv, 0x200 + 4ull * q, 4).value & 1)) {
      run_.coverage.exercise("ALLOC-5");  // allocated to a VINTF or LVCMDQ past the geometry
    }
    const std::uint64_t log2 = model::queue_log2size<model::Concrete>(rf, regs);
    const std::uint64_t base = model::queue::effective_base<model::Concrete>(rf.get(regs.base) & regs.addr_mask, log2);
    std::uint64_t prod = rf.get(regs.prod);
    const std::uint64_t n = 1 + rng_.below(4);
    static constexpr std::uint8_t kCommon[] = {0x11, 0x12, 0x40, 0x46, 0x03, 0x04, 0x10, 0x30, 0x01, 0x41, 0x44};
    for (std::uint64_t k = 0; k < n; ++k) {
      std::uint64_t d0 = rng_.chance(70) ? kCommon[rng_.below(sizeof kCommon)] : rng_.below(256);
      if (rng_.chance(10)) d0 |= 1u << 10;                // SSec
      if (rng_.chance(20)) d0 |= rng_.below(4) << 12;     // CS / RESP
      const std::uint64_t d1 = rng_.chance(20) ? rng_.below(4) << 12 : 0;
      const std::uint64_t words[2] = {d0, d1};
      const std::uint64_t addr = model::queue::entry_address<model::Concrete>(base, prod, log2);
      memory_.write(addr, words, sizeof words);
      if (SparseMemory::in_ram(addr, sizeof words)) {
        guarded("writing queue memory at " + hex(addr), [&] { dut_.write_memory(addr, words, sizeof words); });
      }
      prod = model::queue::advance<model::Concrete>(prod, 1, log2);
    }
    if (smmu) {
      write(model::Region::Smmu, 0x98, 4, prod & 0xFFFFF);
    } else {
      write(model::Region::Cmdqv, 0x10000 + 0x80ull * q + 4, 4, prod & 0xFFFFF);
    }
    if (rng_.chance(20)) {  // sometimes acknowledge whatever error is pending
      const std::uint64_t gerror_off = smmu ? 0x60 : 0x10000 + 0x80ull * q + 0x10;
      const std::uint64_t gerrorn_off = gerror_off + 4;
      const model::Region r = smmu ? model::Region::Smmu : model::Region::Cmdqv;
      write(r, gerrorn_off, 4, model_.read(r, gerror_off, 4).value);
      run_.coverage.exercise("ERR-3");
    }
  }

  // The clauses one consumed (or faulted) command exercised. The opcode's own clauses come
  // from commands.yaml; the HYP_OWN-dependent ones apply only on a VCMDQ with that HYP_OWN.
  void tag_step(const model::StepRecord& rec, bool hyp_own) {
    ++run_.commands;
    const bool vcmdq = rec.region == model::Region::Cmdqv;
    for (const char* id : {"Q-1", "Q-2", "Q-3", "Q-8"}) run_.coverage.exercise(id);
    if (vcmdq) {
      run_.coverage.exercise("Q-7");
      run_.coverage.exercise("HYP-5");
    }
    const auto op = static_cast<std::uint8_t>(rec.command.dword0 & 0xFF);
    const spec::Opcode* e = model_.rules().entry(op);
    if (!e) run_.coverage.exercise("CMD-1");
    for (const std::string& c : e ? e->clauses : std::vector<std::string>{}) {
      const bool guest_filter = c == "HYP-4" || c == "CMD-6" || c == "CMD-7" || c == "CMD-8";
      if (c == "HYP-3" && !(vcmdq && hyp_own)) continue;
      if (guest_filter && !(vcmdq && !hyp_own)) continue;
      run_.coverage.exercise(c);
    }
    if (rec.result != model::StepResult::Faulted) return;
    for (const char* id : {"ERR-1", "ERR-2", "ERR-5"}) run_.coverage.exercise(id);
    if (rec.command.error == model::CmdError::Ill) run_.coverage.exercise("CMD-10");
    if (rec.command.error == model::CmdError::Abt) run_.coverage.exercise("ERR-4");
    if (vcmdq) {
      for (const char* id : {"ERR-6", "ERR-7", "ERR-8", "ERR-10"}) run_.coverage.exercise(id);
      if (!hyp_own) run_.coverage.exercise("ERR-9");
    }
  }

  // Let both make progress, then compare every register that progress may change.
  void run_both() {
    for (std::uint64_t steps = 0; steps < options_.run_bound; ++steps) {
      const model::StepRecord rec = model_.step(memory_, model_irq_);
      if (rec.result == model::StepResult::Idle) break;
      tag_step(rec, rec.region == model::Region::Cmdqv && vcmdq_hyp_own(rec.vcmdq));
    }
    guarded("running (consuming commands)", [&] { dut_.run(dut_irq_); });
    compare_progress_registers();
    compare_interrupts();
    run_.coverage.close_window();
  }

  bool vcmdq_hyp_own(std::uint32_t q) const {
    const auto o = model_.cmdqv().owner(q);
    return o && model_.cmdqv().vintf_hyp_own(o->vintf);
  }

  // Edge interrupts: the device must have pulsed each line as often as the model.
  void compare_interrupts() {
    static constexpr struct {
      model::IrqLine line;
      const char* name;
      const char* clause;
    } kLines[] = {{model::IrqLine::SmmuCmdqSync, "SMMU cmdq-sync", ""},
                  {model::IrqLine::SmmuGerror, "SMMU gerror", "ERR-1"},
                  {model::IrqLine::CmdqvError, "CMDQV error", "ERR-8"}};
    for (const auto& l : kLines) {
      const std::size_t want = model_irq_.count(l.line), got = dut_irq_.count(l.line);
      if (want == got || failed_) continue;
      const std::string what = std::string(l.name) + " interrupt pulsed " + std::to_string(got) +
                               " times, model " + std::to_string(want);
      run_.failures.push_back({index_, op_, what});
      run_.coverage.fail(l.clause, what);
      failed_ = true;
    }
  }

  // Queue registers first, then the summaries derived from them (STATUS, error maps), so
  // that a wrong command outcome is blamed on the queue's clauses rather than on a map's.
  void compare_progress_registers() {
    using Names = std::vector<std::string_view>;
    static const Names kQueue = {"CMDQ_CONS", "CONS", "GERROR"};
    static const Names kDerived = {"STATUS", "CMDQ_ERR_MAP", "LVCMDQ_ERR_MAP", "VI_ERR_MAP_0", "VI_ERR_MAP_1",
                                   "CR0ACK"};
    auto sweep = [&](model::Region r, const model::Layout& l, const Names& names) {
      for (const model::RegInstance& ri : l.instances()) {
        for (std::string_view w : names) {
          if (ri.reg->name == w && !failed_) compare_read(r, ri.offset, ri.width / 8);
        }
      }
    };
    for (const auto* names : {&kQueue, &kDerived}) {
      sweep(model::Region::Smmu, model_.smmu().registers().layout(), *names);
      if (has_cmdqv()) sweep(model::Region::Cmdqv, model_.cmdqv().registers().layout(), *names);
    }
  }

  ReferenceModel model_;
  Device& dut_;
  ProfileRun& run_;
  const RunOptions& options_;
  std::uint32_t index_;
  Rng rng_;
  SparseMemory memory_;
  CountingIrq model_irq_, dut_irq_;
  bool map_changed_ = false;
  std::vector<std::pair<model::Region, std::uint64_t>> offsets_;
  std::uint32_t op_ = 0;
  bool failed_ = false;
};

}  // namespace

const char* to_string(Profile p) {
  switch (p) {
    case Profile::Smmuv3: return "smmuv3";
    case Profile::CmdqvHost: return "cmdqv-host";
    case Profile::CmdqvGuest: return "cmdqv-guest";
  }
  return "?";
}

bool profile_from_string(std::string_view s, Profile& out) {
  for (Profile p : {Profile::Smmuv3, Profile::CmdqvHost, Profile::CmdqvGuest}) {
    if (s == to_string(p)) {
      out = p;
      return true;
    }
  }
  return false;
}

model::ModelConfig profile_config(Profile p, std::string_view device_options) {
  const spec::View view = p == Profile::CmdqvGuest ? spec::View::Guest : spec::View::Host;
  model::ModelConfig c = model::ModelConfig::parse(device_options, view);
  if (p == Profile::Smmuv3) c.cmdqv = false;
  return c;
}

model::ModelConfig probe_device_config(Device& dut, const model::ModelConfig& base) {
  dut.reset();
  auto read = [&](Region r, std::uint64_t off, const char* name) {
    std::uint64_t v = 0;
    if (!dut.read(r, off, 4, v)) throw DeviceFailure(std::string("bus error reading ") + name);
    return v;
  };
  model::ModelConfig c = base;
  c.set_identification(read(Region::Smmu, 0x00, "IDR0"), read(Region::Smmu, 0x04, "IDR1"),
                       read(Region::Smmu, 0x0C, "IDR3"));
  if (c.cmdqv) {
    const std::uint64_t param = read(Region::Cmdqv, 0x04, "CMDQV PARAM");
    c.vcmdqs_log2 = static_cast<unsigned>((param >> 4) & 0xF);
    c.vintfs_log2 = static_cast<unsigned>((param >> 8) & 0xF);
    c.sids_log2 = static_cast<unsigned>((param >> 12) & 0xF);
  }
  c.validate();
  return c;
}

ProfileRun run_profile(std::shared_ptr<const spec::Spec> spec, Profile profile, const model::ModelConfig& config,
                       Device& dut, const RunOptions& options) {
  ProfileRun run{profile, dut.name(), config.describe(), 0, 0, 0, {},
                 ClauseCoverage(*spec, config.view, config.cmdqv), {}};
  std::uint32_t s = options.first_sequence;
  try {
    for (; s < options.first_sequence + options.sequences; ++s) Sequence(spec, config, dut, run, options, s).play();
  } catch (const DeviceFailure& e) {
    // Everything found before the failure stays in `run`.
    run.device_failure = std::string(e.what()) + " (sequence " + std::to_string(s) + ")";
  }
  return run;
}

}  // namespace cts::harness
