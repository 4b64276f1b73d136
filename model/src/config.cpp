// SPDX-License-Identifier: MIT
// ModelConfig: defaults, option parsing and validation.
#include "cmdqv_cts/model/config.h"

#include <charconv>
#include <functional>
#include <map>
#include <sstream>

#include "cmdqv_cts/model/model_error.h"

namespace cts::model {
namespace {

std::uint64_t parse_number(std::string_view key, std::string_view text) {
  std::uint64_t v = 0;
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) {
    throw ModelError("option '" + std::string(key) + "': '" + std::string(text) +
                     "' is not a number");
  }
  return v;
}

using Setter = std::function<void(ModelConfig&, std::uint64_t)>;

const std::map<std::string, Setter, std::less<>>& setters() {
  auto u = [](unsigned ModelConfig::*m) {
    return Setter([m](ModelConfig& c, std::uint64_t v) { c.*m = static_cast<unsigned>(v); });
  };
  auto b = [](bool ModelConfig::*m) {
    return Setter([m](ModelConfig& c, std::uint64_t v) { c.*m = v != 0; });
  };
  static const std::map<std::string, Setter, std::less<>> table = {
      {"vintfs_log2", u(&ModelConfig::vintfs_log2)},
      {"vcmdqs_log2", u(&ModelConfig::vcmdqs_log2)},
      {"sids_log2", u(&ModelConfig::sids_log2)},
      {"cmdqs", u(&ModelConfig::cmdqs)},
      {"stall_model", u(&ModelConfig::stall_model)},
      {"s1p", b(&ModelConfig::s1p)},
      {"s2p", b(&ModelConfig::s2p)},
      {"hyp", b(&ModelConfig::hyp)},
      {"ats", b(&ModelConfig::ats)},
      {"pri", b(&ModelConfig::pri)},
      {"msi", b(&ModelConfig::msi)},
      {"sev", b(&ModelConfig::sev)},
      {"mpam", b(&ModelConfig::mpam)},
      {"dpt", b(&ModelConfig::dpt)},
      {"cmdqv", b(&ModelConfig::cmdqv)},
      {"ril", b(&ModelConfig::ril)},
      {"ds", b(&ModelConfig::ds)},
      {"ssidsize", u(&ModelConfig::ssidsize)},
      {"idr0", [](ModelConfig& c, std::uint64_t v) { c.set_identification(v, c.idr1, c.idr3); }},
      {"idr1", [](ModelConfig& c, std::uint64_t v) { c.set_identification(c.idr0, v, c.idr3); }},
      {"idr3", [](ModelConfig& c, std::uint64_t v) { c.set_identification(c.idr0, c.idr1, v); }},
      {"guest_accepts_disputed",
       [](ModelConfig& c, std::uint64_t v) { c.policy.guest_accepts_disputed = v != 0; }},
      {"guest_reject_code",
       [](ModelConfig& c, std::uint64_t v) {
         c.policy.guest_reject_code = static_cast<std::uint8_t>(v);
       }},
  };
  return table;
}

std::string known_keys() {
  std::string s;
  for (const auto& [k, _] : setters()) s += (s.empty() ? "" : ", ") + k;
  return s;
}

}  // namespace

ModelConfig ModelConfig::defaults(spec::View view) {
  ModelConfig c;
  c.view = view;
  if (view == spec::View::Guest) {
    c.vintfs_log2 = 0;
    c.vcmdqs_log2 = 1;
    c.sids_log2 = 4;
  }
  return c;
}

ModelConfig ModelConfig::parse(std::string_view options, spec::View view) {
  ModelConfig c = defaults(view);
  while (!options.empty()) {
    const std::size_t comma = options.find(',');
    std::string_view item = options.substr(0, comma);
    options = comma == std::string_view::npos ? std::string_view{} : options.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      throw ModelError("option '" + std::string(item) + "': expected key=value");
    }
    const std::string_view key = item.substr(0, eq);
    if (key.rfind("ill_", 0) == 0) {  // ill_CMD-N=0|1: the outcome of the field rule CMD-N (either)
      c.policy.field_either_ill[std::string(key.substr(4))] =
          parse_number(key, item.substr(eq + 1)) != 0;
      continue;
    }
    const auto it = setters().find(key);
    if (it == setters().end()) {
      throw ModelError("unknown option '" + std::string(key) + "' (known: " + known_keys() + ")");
    }
    it->second(c, parse_number(key, item.substr(eq + 1)));
  }
  c.validate();
  return c;
}

namespace {
// A pinnable option, where the device reports it, and its value in a configuration.
struct PinSource {
  const char* key;
  const char* reg;
  std::uint64_t (*value)(const ModelConfig&);
};
const PinSource kPinSources[] = {
    {"s2p", "IDR0.S2P", [](const ModelConfig& c) -> std::uint64_t { return c.s2p; }},
    {"s1p", "IDR0.S1P", [](const ModelConfig& c) -> std::uint64_t { return c.s1p; }},
    {"hyp", "IDR0.HYP", [](const ModelConfig& c) -> std::uint64_t { return c.hyp; }},
    {"ats", "IDR0.ATS", [](const ModelConfig& c) -> std::uint64_t { return c.ats; }},
    {"msi", "IDR0.MSI", [](const ModelConfig& c) -> std::uint64_t { return c.msi; }},
    {"sev", "IDR0.SEV", [](const ModelConfig& c) -> std::uint64_t { return c.sev; }},
    {"pri", "IDR0.PRI", [](const ModelConfig& c) -> std::uint64_t { return c.pri; }},
    {"stall_model", "IDR0.STALL_MODEL",
     [](const ModelConfig& c) -> std::uint64_t { return c.stall_model; }},
    {"cmdqs", "IDR1.CMDQS", [](const ModelConfig& c) -> std::uint64_t { return c.cmdqs; }},
    {"ssidsize", "IDR1.SSIDSIZE", [](const ModelConfig& c) -> std::uint64_t { return c.ssidsize; }},
    {"ril", "IDR3.RIL", [](const ModelConfig& c) -> std::uint64_t { return c.ril; }},
    {"ds", "IDR5.DS", [](const ModelConfig& c) -> std::uint64_t { return c.ds; }},
    {"mpam", "IDR3.MPAM", [](const ModelConfig& c) -> std::uint64_t { return c.mpam; }},
    {"dpt", "IDR3.DPT", [](const ModelConfig& c) -> std::uint64_t { return c.dpt; }},
    {"vcmdqs_log2", "CMDQV PARAM.NUM_VCMDQ_LOG2",
     [](const ModelConfig& c) -> std::uint64_t { return c.vcmdqs_log2; }},
    {"vintfs_log2", "CMDQV PARAM.NUM_VINTF_LOG2",
     [](const ModelConfig& c) -> std::uint64_t { return c.vintfs_log2; }},
    {"sids_log2", "CMDQV PARAM.NUM_SID_PER_VM_LOG2",
     [](const ModelConfig& c) -> std::uint64_t { return c.sids_log2; }},
};
}  // namespace

void ModelConfig::pin_from(std::string_view options) {
  while (!options.empty()) {
    const std::size_t comma = options.find(',');
    const std::string_view item = options.substr(0, comma);
    options = comma == std::string_view::npos ? std::string_view{} : options.substr(comma + 1);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = item.substr(0, eq);
    for (const PinSource& p : kPinSources) {
      if (key == p.key) pinned[std::string(key)] = parse_number(key, item.substr(eq + 1));
    }
  }
}

void ModelConfig::check_pins(const ModelConfig& reported) const {
  for (const PinSource& p : kPinSources) {
    const auto it = pinned.find(p.key);
    if (it == pinned.end()) continue;
    if (!reported.cmdqv && std::string_view(p.reg).rfind("CMDQV", 0) == 0) continue;
    const std::uint64_t got = p.value(reported);
    if (got != it->second) {
      throw ConfigMismatch(std::string(p.reg) + ": the device reports " + std::to_string(got) +
                           ", option " + p.key + "=" + std::to_string(it->second) + " pins " +
                           std::to_string(it->second));
    }
  }
}

void ModelConfig::validate() const {
  auto need = [](bool ok, const std::string& what) {
    if (!ok) throw ModelError(what);
  };
  // PARAM field widths cap the counts at 64 VINTFs and 128 VCMDQs; every VINTF needs a VCMDQ.
  need(vintfs_log2 <= 6, "option 'vintfs_log2': at most 6 (64 VINTFs)");
  need(vcmdqs_log2 <= 7, "option 'vcmdqs_log2': at most 7 (128 VCMDQs)");
  need(vcmdqs_log2 >= vintfs_log2,
       "option 'vcmdqs_log2': must be >= vintfs_log2 (one LVCMDQ per VINTF at least)");
  // The VINTF block holds 16 SID_MATCH/SID_REPLACE pairs before LVCMDQ_ERR_MAP.
  need(sids_log2 <= 4, "option 'sids_log2': at most 4 (16 SID pairs per VINTF block)");
  need(cmdqs <= 19, "option 'cmdqs': IDR1.CMDQS is at most 19");
  need(stall_model <= 3, "option 'stall_model': a 2-bit field");
  need(ssidsize <= 20, "option 'ssidsize': IDR1.SSIDSIZE is at most 20");
  need(policy.guest_reject_code == 1 || policy.guest_reject_code == 4,
       "option 'guest_reject_code': 1 (ILL) or 4 (ILL_ACCESS)");
}

void ModelConfig::set_identification(std::optional<std::uint64_t> i0, std::optional<std::uint64_t> i1,
                                     std::optional<std::uint64_t> i3) {
  // Field positions: Arm IHI 0070 G.b 6.3.1 - 6.3.4 (as in spec/registers/smmu.yaml).
  auto bit = [](std::uint64_t v, unsigned b) { return ((v >> b) & 1) != 0; };
  idr0 = i0;
  idr1 = i1;
  idr3 = i3;
  if (i0) {
    s2p = bit(*i0, 0);
    s1p = bit(*i0, 1);
    hyp = bit(*i0, 9);
    ats = bit(*i0, 10);
    msi = bit(*i0, 13);
    sev = bit(*i0, 14);
    pri = bit(*i0, 16);
    stall_model = static_cast<unsigned>((*i0 >> 24) & 3);
    vmw = bit(*i0, 17);
  }
  if (i1) {
    cmdqs = static_cast<unsigned>((*i1 >> 21) & 0x1F);
    ssidsize = static_cast<unsigned>((*i1 >> 6) & 0x1F);
  }
  if (i3) {
    mpam = bit(*i3, 7);
    ril = bit(*i3, 10);
    dpt = bit(*i3, 15);
  }
}

void ModelConfig::set_identification5(std::optional<std::uint64_t> i5,
                                      std::optional<std::uint64_t> a) {
  // IDR5.OAS [2:0] (6.3.6): 32, 36, 40, 42, 44, 48, 52 bits (0b111: 56 from SMMUv3.3 on).
  static constexpr unsigned kOasBits[8] = {32, 36, 40, 42, 44, 48, 52, 56};
  idr5 = i5;
  aidr = a;
  if (i5) {
    oas = kOasBits[*i5 & 7];
    ds = ((*i5 >> 3) & 1) != 0;  // IDR5.DS, bit 3 (spec/registers/smmu.yaml)
  }
  if (a) arch_minor = static_cast<unsigned>(*a & 0xF);  // AIDR.ArchMinorRev [3:0] (6.3.8)
}

spec::Params ModelConfig::params() const {
  return {
      {"vintfs_log2", vintfs_log2},
      {"vcmdqs_log2", vcmdqs_log2},
      {"sids_log2", sids_log2},
      {"vintfs", vintfs()},
      {"vcmdqs", vcmdqs()},
      {"lvcmdqs_per_vintf", lvcmdqs_per_vintf()},
      {"sids_per_vintf", sids_per_vintf()},
      {"cmdqs", cmdqs},
      {"s1p", s1p},
      {"s2p", s2p},
      {"hyp", hyp},
      {"ats", ats},
      {"pri", pri},
      {"stall_model", stall_model},
      {"msi", msi},
      {"sev", sev},
      {"mpam", mpam},
      {"dpt", dpt},
      {"vmw", vmw},
      {"oas", oas},
      {"ril", ril},
      {"ds", ds},
      {"ssidsize", ssidsize},
  };
}

std::string ModelConfig::describe() const {
  std::ostringstream os;
  os << "view=" << spec::to_string(view) << " cmdqv=" << cmdqv << " vintfs_log2=" << vintfs_log2
     << " vcmdqs_log2=" << vcmdqs_log2 << " sids_log2=" << sids_log2 << " cmdqs=" << cmdqs
     << " s1p=" << s1p << " s2p=" << s2p << " hyp=" << hyp << " ats=" << ats << " pri=" << pri
     << " stall_model=" << stall_model;
  if (ril)
    os << " ril=1";  // shown only when set, so that reports of devices without it read as before
  if (ds) os << " ds=1";
  if (ssidsize) os << " ssidsize=" << ssidsize;
  return os.str();
}

}  // namespace cts::model
