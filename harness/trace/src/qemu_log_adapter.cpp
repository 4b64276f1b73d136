// SPDX-License-Identifier: MIT
// QEMU smmuv3_* trace log -> Trace (see qemu_log_adapter.h). Event formats: QEMU 7.2
// hw/arm/trace-events, as printed by its "log" trace backend.
#include "cmdqv_cts/trace/qemu_log_adapter.h"

#include <array>
#include <cctype>
#include <optional>
#include <string_view>

#include "trace_fields.h"

namespace cts::trace {
namespace {

// The SMMU IRQ numbers of QEMU's smmuv3_trigger_irq (its SMMUIrq order).
constexpr unsigned kQemuIrqCmdSync = 2, kQemuIrqGerror = 3;
// Writes after which QEMU 7.2 consumes commands: CR0, GERRORN, CMDQ_PROD.
constexpr std::array<std::uint64_t, 3> kConsumingOffsets = {0x20, 0x64, 0x98};

// Opcode names printed by smmuv3_cmdq_opcode (QEMU 7.2, measured by pushing every opcode
// 0x00..0xFF): each SMMU_CMD_* name is one opcode; INVALID (0x00, 0x47..0xFF) and UNKNOWN
// (the unassigned values below 0x47) name sets of opcodes.
struct NamedOpcode {
  std::string_view name;
  std::uint8_t opcode;
};
constexpr NamedOpcode kOpcodes[] = {
    {"SMMU_CMD_PREFETCH_CONFIG", 0x01},
    {"SMMU_CMD_PREFETCH_ADDR", 0x02},
    {"SMMU_CMD_CFGI_STE", 0x03},
    {"SMMU_CMD_CFGI_STE_RANGE", 0x04},
    {"SMMU_CMD_CFGI_CD", 0x05},
    {"SMMU_CMD_CFGI_CD_ALL", 0x06},
    {"SMMU_CMD_CFGI_ALL", 0x07},
    {"SMMU_CMD_TLBI_NH_ALL", 0x10},
    {"SMMU_CMD_TLBI_NH_ASID", 0x11},
    {"SMMU_CMD_TLBI_NH_VA", 0x12},
    {"SMMU_CMD_TLBI_NH_VAA", 0x13},
    {"SMMU_CMD_TLBI_EL3_ALL", 0x18},
    {"SMMU_CMD_TLBI_EL3_VA", 0x1A},
    {"SMMU_CMD_TLBI_EL2_ALL", 0x20},
    {"SMMU_CMD_TLBI_EL2_ASID", 0x21},
    {"SMMU_CMD_TLBI_EL2_VA", 0x22},
    {"SMMU_CMD_TLBI_EL2_VAA", 0x23},
    {"SMMU_CMD_TLBI_S12_VMALL", 0x28},
    {"SMMU_CMD_TLBI_S2_IPA", 0x2A},
    {"SMMU_CMD_TLBI_NSNH_ALL", 0x30},
    {"SMMU_CMD_ATC_INV", 0x40},
    {"SMMU_CMD_PRI_RESP", 0x41},
    {"SMMU_CMD_RESUME", 0x44},
    {"SMMU_CMD_STALL_TERM", 0x45},
    {"SMMU_CMD_SYNC", 0x46},
};

// smmuv3_* events the checker does not need: translation, STE/CD decoding, the config cache,
// notifiers, the event queue, and informational events about commands and GERROR whose
// effect the register reads show.
constexpr std::string_view kSkippedEvents[] = {
    "smmuv3_write_gerror",      "smmuv3_write_gerrorn",
    "smmuv3_unhandled_cmd",     "smmuv3_record_event",
    "smmuv3_find_ste",          "smmuv3_find_ste_2lvl",
    "smmuv3_get_ste",           "smmuv3_translate_disable",
    "smmuv3_translate_bypass",  "smmuv3_translate_abort",
    "smmuv3_translate_success", "smmuv3_get_cd",
    "smmuv3_decode_cd",         "smmuv3_decode_cd_tt",
    "smmuv3_cmdq_cfgi_ste",     "smmuv3_cmdq_cfgi_ste_range",
    "smmuv3_cmdq_cfgi_cd",      "smmuv3_config_cache_hit",
    "smmuv3_config_cache_miss", "smmuv3_s1_range_inval",
    "smmuv3_cmdq_tlbi_nh",      "smmuv3_cmdq_tlbi_nh_asid",
    "smmuv3_config_cache_inv",  "smmuv3_notify_flag_add",
    "smmuv3_notify_flag_del",   "smmuv3_inv_notifiers_iova",
};

// A cursor over one event's arguments; every mismatch is a TraceError at this line.
class Args {
 public:
  Args(const std::string& file, std::size_t line, std::string_view event, std::string_view rest)
      : file_(file), line_(line), event_(event), s_(rest) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw TraceError(file_, line_, std::string(event_) + ": " + what);
  }
  void skip_spaces() {
    while (!s_.empty() && s_.front() == ' ') s_.remove_prefix(1);
  }
  void expect(std::string_view literal) {
    skip_spaces();
    if (s_.substr(0, literal.size()) != literal) {
      fail("expected '" + std::string(literal) + "'" +
           (s_.empty() ? " (truncated line)" : ", got '" + std::string(s_.substr(0, 16)) + "'"));
    }
    s_.remove_prefix(literal.size());
  }
  // A number in the given base up to the next separator.
  std::uint64_t number(const char* what, bool hex) {
    skip_spaces();
    std::size_t n = 0;
    while (
        n < s_.size() &&
        (hex ? std::isxdigit(static_cast<unsigned char>(s_[n])) != 0 || s_[n] == 'x' || s_[n] == 'X'
             : std::isdigit(static_cast<unsigned char>(s_[n])) != 0 || s_[n] == '-')) {
      ++n;
    }
    std::uint64_t v = 0;
    const std::string_view tok = s_.substr(0, n);
    const bool ok = hex ? parse_hex(tok, v) : parse_decimal(tok, v);
    if (!ok) {
      fail(std::string(what) + (tok.empty() ? " missing (truncated line)"
                                            : " '" + std::string(tok) + "' is not a " +
                                                  (hex ? "hex" : "decimal") + " number"));
    }
    s_.remove_prefix(n);
    return v;
  }
  std::string_view word() {
    skip_spaces();
    std::size_t n = 0;
    while (n < s_.size() && s_[n] != ' ') ++n;
    const std::string_view w = s_.substr(0, n);
    s_.remove_prefix(n);
    if (w.empty()) fail("truncated line");
    return w;
  }
  void end() {
    skip_spaces();
    if (!s_.empty()) fail("unexpected '" + std::string(s_) + "'");
  }

 private:
  const std::string& file_;
  std::size_t line_;
  std::string_view event_;
  std::string_view s_;
};

// "PID@SECONDS.MICROS:" as QEMU prints it with -msg timestamp=on.
std::string_view strip_prefix(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i;
    return i > from;
  };
  if (!digits() || i >= s.size() || s[i++] != '@' || !digits() || i >= s.size() || s[i++] != '.' ||
      !digits() || i >= s.size() || s[i] != ':') {
    return s;
  }
  return s.substr(i + 1);
}

class QemuLogReader {
 public:
  QemuLogReader(Trace& t) : t_(t) {}

  void line(std::size_t n, std::string_view raw) {
    std::string_view s = strip_prefix(raw);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    if (s.empty()) return;
    if (s.substr(0, 12) == "qemu-system-") {  // QEMU's own diagnostics on the same stream
      skip("QEMU message", n, true);
      return;
    }
    const std::size_t sp = s.find(' ');
    const std::string_view name = s.substr(0, sp);
    const std::string_view rest =
        sp == std::string_view::npos ? std::string_view{} : s.substr(sp + 1);
    if (name.substr(0, 7) != "smmuv3_") {
      throw TraceError(t_.file, n,
                       "unknown event '" + std::string(name.substr(0, 40)) +
                           "': not an smmuv3_* trace event (record with -trace 'smmuv3_*')");
    }
    Args a(t_.file, n, name, rest);
    if (name == "smmuv3_read_mmio" || name == "smmuv3_write_mmio") {
      access(n, name == "smmuv3_write_mmio", a);
    } else if (name == "smmuv3_cmdq_consume") {
      a.expect("prod=");
      (void)a.number("prod", false);
      finish_entry(n);
      entry_ = TraceEvent{};
      entry_->kind = EventKind::Consume;
      entry_->line = n;
      entry_opcode_ = false;
    } else if (name == "smmuv3_cmdq_opcode") {
      a.expect("<---");
      opcode(n, a.word());
      a.end();
    } else if (name == "smmuv3_cmdq_consume_error") {
      a.expect("Error on");
      (void)a.word();
      a.expect("command execution:");
      const std::uint64_t code = a.number("error code", false);
      a.end();
      if (!entry_)
        throw TraceError(t_.file, n,
                         "smmuv3_cmdq_consume_error without a preceding smmuv3_cmdq_consume");
      if (code == 0 || code > 127)
        a.fail("error code " + std::to_string(code) + " is not a CONS.ERR code");
      entry_->outcome = static_cast<std::uint8_t>(code);
      entry_->abort = !entry_opcode_;  // no opcode was read: the fetch aborted
      if (entry_->abort) entry_->opcode_name = "abort";
      finish_entry(n);
    } else if (name == "smmuv3_cmdq_consume_out") {
      a.expect("prod:");
      (void)a.number("prod", false);
      finish_entry(n);
    } else if (name == "smmuv3_trigger_irq") {
      a.expect("irq=");
      const std::uint64_t irq = a.number("irq", false);
      a.end();
      if (irq != kQemuIrqCmdSync && irq != kQemuIrqGerror) {
        skip("smmuv3_trigger_irq of the event or PRI queue", n, true);
        return;
      }
      TraceEvent e;
      e.kind = EventKind::Irq;
      e.line = n;
      e.irq = irq == kQemuIrqCmdSync ? model::IrqLine::SmmuCmdqSync : model::IrqLine::SmmuGerror;
      (entry_ ? entry_irqs_ : side_effects_)
          .push_back(e);  // a CMD_SYNC's interrupt follows its entry
    } else {
      bool known = false;
      for (std::string_view k : kSkippedEvents) known = known || k == name;
      skip(std::string(name), n, known);
    }
  }

  void finish(std::size_t last_line) {
    finish_entry(last_line);
    if (!side_effects_.empty()) {
      t_.notes.push_back(
          "the log ends inside an access: its last consumption events have no MMIO write");
      flush(true);
    }
    if (t_.events.empty())
      throw TraceError(t_.file, last_line == 0 ? 1 : last_line,
                       "empty log: no smmuv3_* MMIO event");
  }

 private:
  void access(std::size_t n, bool write, Args& a) {
    a.expect("addr:");
    const std::uint64_t addr = a.number("addr", true);
    a.expect("val:");
    const std::uint64_t val = a.number("val", true);
    a.expect("size:");
    const std::uint64_t size = a.number("size", true);
    a.expect("(");
    const std::uint64_t result = a.number("result", false);
    a.expect(")");
    a.end();
    if (size != 4 && size != 8) a.fail("size " + std::to_string(size) + ": expected 4 or 8");
    if (size == 4 && val > 0xFFFFFFFFull) a.fail("val " + spec::hex(val) + " does not fit 4 bytes");
    if (!write && !side_effects_.empty()) flush(true);
    TraceEvent e;
    e.kind = write ? EventKind::Write : EventKind::Read;
    e.line = n;
    e.region = model::Region::Smmu;
    e.offset = addr;
    e.size = static_cast<unsigned>(size);
    e.value = val;
    e.fault = result != 0;
    t_.events.push_back(e);
    if (write) {
      finish_entry(n);
      bool consuming = false;
      for (std::uint64_t o : kConsumingOffsets) consuming = consuming || o == addr;
      flush(consuming);
    }
  }

  void opcode(std::size_t n, std::string_view name) {
    if (!entry_)
      throw TraceError(t_.file, n, "smmuv3_cmdq_opcode without a preceding smmuv3_cmdq_consume");
    entry_opcode_ = true;
    entry_->opcode_name = std::string(name);
    if (name == "INVALID" || name == "UNKNOWN") {
      entry_->opcode = 0x00;  // a Reserved opcode stands for the set (see the README)
      entry_->opcode_known = false;
      return;
    }
    for (const NamedOpcode& o : kOpcodes) {
      if (o.name == name) {
        entry_->opcode = o.opcode;
        return;
      }
    }
    throw TraceError(t_.file, n,
                     "smmuv3_cmdq_opcode: unknown command name '" + std::string(name) + "'");
  }

  // The entry in progress ends: executed unless an error was logged for it.
  void finish_entry(std::size_t n) {
    if (!entry_) return;
    if (!entry_opcode_ && !entry_->outcome) {
      throw TraceError(t_.file, n,
                       "smmuv3_cmdq_consume at line " + std::to_string(entry_->line) +
                           " has neither an opcode nor an error");
    }
    if (!entry_->outcome) entry_->outcome = 0;
    side_effects_.push_back(*entry_);
    for (TraceEvent& e : entry_irqs_) side_effects_.push_back(std::move(e));
    entry_irqs_.clear();
    entry_.reset();
  }

  void flush(bool settle) {
    for (TraceEvent& e : side_effects_) t_.events.push_back(std::move(e));
    const bool had = !side_effects_.empty();
    side_effects_.clear();
    if (settle || had) {
      TraceEvent run;
      run.kind = EventKind::Run;
      run.line = t_.events.back().line;
      t_.events.push_back(run);
    }
  }

  void skip(const std::string& name, std::size_t n, bool known) {
    for (SkippedEvents& s : t_.skipped) {
      if (s.name == name) {
        ++s.count;
        return;
      }
    }
    t_.skipped.push_back(SkippedEvents{name, 1, n, known});
  }

  Trace& t_;
  std::optional<TraceEvent> entry_;  // the command queue entry being consumed
  bool entry_opcode_ = false;
  std::vector<TraceEvent> entry_irqs_;    // raised while the entry in progress executed
  std::vector<TraceEvent> side_effects_;  // logged before the write that caused them
};

}  // namespace

Trace parse_qemu_log(const std::string& text, const std::string& file) {
  Trace t;
  t.file = file;
  t.format = "qemu";
  t.lines = split_lines(text);
  QemuLogReader reader(t);
  for (std::size_t i = 0; i < t.lines.size(); ++i) reader.line(i + 1, t.lines[i]);
  reader.finish(t.lines.size());
  return t;
}

}  // namespace cts::trace
