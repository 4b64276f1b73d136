// SPDX-License-Identifier: MIT
// cts-trace reader and writer (see cts_trace_format.h and README.md).
#include "cmdqv_cts/trace/cts_trace_format.h"

#include <charconv>
#include <sstream>
#include <vector>

#include "trace_fields.h"

namespace cts::trace {
namespace {

using spec::hex;

class LineParser {
 public:
  LineParser(const std::string& file, std::size_t line, std::vector<std::string> fields)
      : file_(file), line_(line), f_(std::move(fields)) {}

  [[noreturn]] void fail(const std::string& what) const { throw TraceError(file_, line_, what); }

  // Exactly `n` fields, or between n and `max`.
  void arity(std::size_t n, std::size_t max, const char* shape) const {
    if (f_.size() < n || f_.size() > max) {
      fail("'" + f_[0] + "' expects " + shape + ", got " + std::to_string(f_.size() - 1) +
           (f_.size() < n ? " fields (truncated line?)" : " fields"));
    }
  }
  const std::string& at(std::size_t i) const { return f_[i]; }
  std::size_t size() const { return f_.size(); }

  std::uint64_t hex_number(std::size_t i, const char* what, std::uint64_t max) const {
    std::uint64_t v = 0;
    if (!parse_hex(f_[i], v))
      fail(std::string(what) + " '" + f_[i] + "' is not a hex number (0x...)");
    if (v > max)
      fail(std::string(what) + " " + f_[i] + " is out of range (at most " + hex(max) + ")");
    return v;
  }
  model::Region region(std::size_t i) const {
    model::Region r{};
    if (!region_from_name(f_[i], r)) fail("unknown region '" + f_[i] + "' (known: smmu, cmdqv)");
    return r;
  }
  unsigned access_size(std::size_t i) const {
    if (f_[i] == "4") return 4;
    if (f_[i] == "8") return 8;
    fail("access size '" + f_[i] + "': expected 4 or 8");
  }

 private:
  const std::string& file_;
  std::size_t line_;
  std::vector<std::string> f_;
};

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line.substr(0, line.find('#')));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::uint64_t value_max(unsigned size) {
  return size == 8 ? ~0ull : 0xFFFFFFFFull;
}

TraceEvent parse_event(const LineParser& p, std::size_t line) {
  TraceEvent e;
  e.line = line;
  const std::string& kind = p.at(0);
  if (kind == "reset" || kind == "run") {
    p.arity(1, 1, "no fields");
    e.kind = kind == "reset" ? EventKind::Reset : EventKind::Run;
  } else if (kind == "read") {
    p.arity(5, 5, "REGION OFFSET SIZE VALUE|fault");
    e.kind = EventKind::Read;
    e.region = p.region(1);
    e.offset = p.hex_number(2, "offset", 0xFFFFFFFF);
    e.size = p.access_size(3);
    e.fault = p.at(4) == "fault";
    if (!e.fault) e.value = p.hex_number(4, "value", value_max(e.size));
  } else if (kind == "write") {
    p.arity(5, 6, "REGION OFFSET SIZE VALUE [fault]");
    e.kind = EventKind::Write;
    e.region = p.region(1);
    e.offset = p.hex_number(2, "offset", 0xFFFFFFFF);
    e.size = p.access_size(3);
    e.value = p.hex_number(4, "value", value_max(e.size));
    if (p.size() == 6 && p.at(5) != "fault")
      p.fail("write: unexpected '" + p.at(5) + "' (only 'fault' may follow the value)");
    e.fault = p.size() == 6;
  } else if (kind == "mem") {
    p.arity(3, 3, "ADDRESS HEXBYTES");
    e.kind = EventKind::Memory;
    e.address = p.hex_number(1, "address", ~0ull);
    if (!parse_hex_bytes(p.at(2), e.bytes))
      p.fail("memory bytes '" + p.at(2) + "' are not an even number of hex digits");
    if (e.bytes.size() > kMaxMemoryBytes)
      p.fail("memory write of " + std::to_string(e.bytes.size()) +
             " bytes (at most 4096 per line)");
  } else if (kind == "consume") {
    p.arity(3, 5, "QUEUE OPCODE|abort [ok | err CODE]");
    e.kind = EventKind::Consume;
    if (!queue_from_name(p.at(1), e.queue))
      p.fail("unknown queue '" + p.at(1) + "' (smmu or vcmdqN)");
    e.abort = p.at(2) == "abort";
    if (!e.abort) e.opcode = static_cast<std::uint8_t>(p.hex_number(2, "opcode", 0xFF));
    e.opcode_name = e.abort ? "abort" : hex(e.opcode);
    if (p.size() == 4 && p.at(3) == "ok") {
      e.outcome = 0;
    } else if (p.size() == 5 && p.at(3) == "err") {
      std::uint64_t code = 0;
      if (!parse_decimal(p.at(4), code) || code == 0 || code > 127)
        p.fail("error code '" + p.at(4) + "': expected 1..127");
      e.outcome = static_cast<std::uint8_t>(code);
    } else if (p.size() > 3) {
      p.fail("consume: expected 'ok' or 'err CODE' after the opcode");
    }
  } else if (kind == "irq") {
    p.arity(2, 2, "LINE");
    e.kind = EventKind::Irq;
    if (!irq_from_name(p.at(1), e.irq))
      p.fail("unknown interrupt line '" + p.at(1) + "' (cmdq-sync, gerror, cmdqv-error)");
  } else {
    p.fail("unknown event '" + kind + "' (known: reset read write mem consume irq run)");
  }
  return e;
}

}  // namespace

Trace parse_cts_trace(const std::string& text, const std::string& file) {
  Trace t;
  t.file = file;
  t.format = "cts";
  t.lines = split_lines(text);
  bool header_seen = false;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    const std::size_t line = i + 1;
    const std::vector<std::string> f = fields_of(t.lines[i]);
    if (f.empty()) continue;
    LineParser p(file, line, f);
    if (!header_seen) {
      if (f[0] != "cts-trace") p.fail("not a cts-trace: the first line must be 'cts-trace 1'");
      p.arity(2, 2, "VERSION");
      if (f[1] != std::to_string(kCtsTraceVersion)) {
        p.fail("cts-trace version '" + f[1] + "' is not supported (this checker reads version 1)");
      }
      header_seen = true;
      continue;
    }
    if (f[0] == "profile" || f[0] == "config" || f[0] == "device") {
      if (!t.events.empty()) p.fail("'" + f[0] + "' must come before the first event");
      if (f[0] == "device") {
        const std::string& raw = t.lines[i];
        t.device = raw.substr(raw.find("device") + 6);
        t.device.erase(0, t.device.find_first_not_of(" \t"));
        continue;
      }
      p.arity(2, 2, f[0] == "profile" ? "PROFILE" : "OPTIONS (key=value,... without spaces)");
      if (f[0] == "profile") {
        harness::Profile prof{};
        if (!harness::profile_from_string(f[1], prof)) {
          p.fail("unknown profile '" + f[1] + "' (known: smmuv3, cmdqv-host, cmdqv-guest)");
        }
        t.profile = prof;
        t.profile_line = line;
      } else {
        t.config = f[1];
        t.config_line = line;
      }
      continue;
    }
    t.events.push_back(parse_event(p, line));
  }
  if (!header_seen) throw TraceError(file, 1, "empty trace: no 'cts-trace 1' header");
  return t;
}

std::string config_options(const model::ModelConfig& c) {
  std::ostringstream os;
  os << "cmdqv=" << c.cmdqv << ",vintfs_log2=" << c.vintfs_log2 << ",vcmdqs_log2=" << c.vcmdqs_log2
     << ",sids_log2=" << c.sids_log2 << ",cmdqs=" << c.cmdqs << ",s1p=" << c.s1p << ",s2p=" << c.s2p
     << ",hyp=" << c.hyp << ",ats=" << c.ats << ",pri=" << c.pri << ",msi=" << c.msi
     << ",sev=" << c.sev << ",stall_model=" << c.stall_model << ",mpam=" << c.mpam
     << ",dpt=" << c.dpt << ",guest_accepts_disputed=" << c.policy.guest_accepts_disputed
     << ",guest_reject_code=" << unsigned{c.policy.guest_reject_code};
  // Identification last: the features above then follow it, as in probe_device_config.
  if (c.idr0) os << ",idr0=" << hex(*c.idr0);
  if (c.idr1) os << ",idr1=" << hex(*c.idr1);
  if (c.idr3) os << ",idr3=" << hex(*c.idr3);
  return os.str();
}

void write_header(std::ostream& out, harness::Profile profile, const model::ModelConfig& config,
                  const std::string& device) {
  out << "cts-trace " << kCtsTraceVersion << "\n"
      << "profile " << harness::to_string(profile) << "\n"
      << "config " << config_options(config) << "\n";
  if (!device.empty()) out << "device " << device << "\n";
}

std::string format_event(const TraceEvent& e) {
  switch (e.kind) {
    case EventKind::Reset:
      return "reset";
    case EventKind::Run:
      return "run";
    case EventKind::Read:
      return "read " + std::string(region_name(e.region)) + " " + hex(e.offset) + " " +
             std::to_string(e.size) + " " + (e.fault ? "fault" : hex(e.value));
    case EventKind::Write:
      return "write " + std::string(region_name(e.region)) + " " + hex(e.offset) + " " +
             std::to_string(e.size) + " " + hex(e.value) + (e.fault ? " fault" : "");
    case EventKind::Memory:
      return "mem " + hex(e.address) + " " + hex_bytes(e.bytes);
    case EventKind::Consume: {
      std::string s = "consume " + queue_name(e.queue) + " " + (e.abort ? "abort" : hex(e.opcode));
      if (e.outcome) s += *e.outcome == 0 ? " ok" : " err " + std::to_string(*e.outcome);
      return s;
    }
    case EventKind::Irq:
      return std::string("irq ") + irq_name(e.irq);
  }
  return "";
}

void write_cts_trace(std::ostream& out, const Trace& t) {
  out << "cts-trace " << kCtsTraceVersion << "\n";
  if (t.profile) out << "profile " << harness::to_string(*t.profile) << "\n";
  if (t.config) out << "config " << *t.config << "\n";
  if (!t.device.empty()) out << "device " << t.device << "\n";
  for (const TraceEvent& e : t.events) out << format_event(e) << "\n";
}

}  // namespace cts::trace
