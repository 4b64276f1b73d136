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
    throw ModelError("option '" + std::string(key) + "': '" + std::string(text) + "' is not a number");
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
      {"vintfs_log2", u(&ModelConfig::vintfs_log2)}, {"vcmdqs_log2", u(&ModelConfig::vcmdqs_log2)},
      {"sids_log2", u(&ModelConfig::sids_log2)},     {"cmdqs", u(&ModelConfig::cmdqs)},
      {"stall_model", u(&ModelConfig::stall_model)}, {"s1p", b(&ModelConfig::s1p)},
      {"s2p", b(&ModelConfig::s2p)},                 {"hyp", b(&ModelConfig::hyp)},
      {"ats", b(&ModelConfig::ats)},                 {"pri", b(&ModelConfig::pri)},
      {"msi", b(&ModelConfig::msi)},                 {"sev", b(&ModelConfig::sev)},
      {"mpam", b(&ModelConfig::mpam)},               {"dpt", b(&ModelConfig::dpt)},
      {"cmdqv", b(&ModelConfig::cmdqv)},
      {"idr0", [](ModelConfig& c, std::uint64_t v) { c.set_identification(v, c.idr1, c.idr3); }},
      {"idr1", [](ModelConfig& c, std::uint64_t v) { c.set_identification(c.idr0, v, c.idr3); }},
      {"idr3", [](ModelConfig& c, std::uint64_t v) { c.set_identification(c.idr0, c.idr1, v); }},
      {"guest_accepts_disputed",
       [](ModelConfig& c, std::uint64_t v) { c.policy.guest_accepts_disputed = v != 0; }},
      {"guest_reject_code",
       [](ModelConfig& c, std::uint64_t v) { c.policy.guest_reject_code = static_cast<std::uint8_t>(v); }},
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
    const auto it = setters().find(key);
    if (it == setters().end()) {
      throw ModelError("unknown option '" + std::string(key) + "' (known: " + known_keys() + ")");
    }
    it->second(c, parse_number(key, item.substr(eq + 1)));
  }
  c.validate();
  return c;
}

void ModelConfig::validate() const {
  auto need = [](bool ok, const std::string& what) {
    if (!ok) throw ModelError(what);
  };
  // PARAM field widths cap the counts at 64 VINTFs and 128 VCMDQs; every VINTF needs a VCMDQ.
  need(vintfs_log2 <= 6, "option 'vintfs_log2': at most 6 (64 VINTFs)");
  need(vcmdqs_log2 <= 7, "option 'vcmdqs_log2': at most 7 (128 VCMDQs)");
  need(vcmdqs_log2 >= vintfs_log2, "option 'vcmdqs_log2': must be >= vintfs_log2 (one LVCMDQ per VINTF at least)");
  // The VINTF block holds 16 SID_MATCH/SID_REPLACE pairs before LVCMDQ_ERR_MAP.
  need(sids_log2 <= 4, "option 'sids_log2': at most 4 (16 SID pairs per VINTF block)");
  need(cmdqs <= 19, "option 'cmdqs': IDR1.CMDQS is at most 19");
  need(stall_model <= 3, "option 'stall_model': a 2-bit field");
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
  }
  if (i1) cmdqs = static_cast<unsigned>((*i1 >> 21) & 0x1F);
  if (i3) {
    mpam = bit(*i3, 7);
    dpt = bit(*i3, 15);
  }
}

spec::Params ModelConfig::params() const {
  return {
      {"vintfs_log2", vintfs_log2}, {"vcmdqs_log2", vcmdqs_log2}, {"sids_log2", sids_log2},
      {"vintfs", vintfs()},         {"vcmdqs", vcmdqs()},         {"lvcmdqs_per_vintf", lvcmdqs_per_vintf()},
      {"sids_per_vintf", sids_per_vintf()}, {"cmdqs", cmdqs},     {"s1p", s1p},
      {"s2p", s2p},                 {"hyp", hyp},                 {"ats", ats},
      {"pri", pri},                 {"stall_model", stall_model}, {"msi", msi},
      {"sev", sev},                 {"mpam", mpam},               {"dpt", dpt},
  };
}

std::string ModelConfig::describe() const {
  std::ostringstream os;
  os << "view=" << spec::to_string(view) << " cmdqv=" << cmdqv << " vintfs_log2=" << vintfs_log2
     << " vcmdqs_log2=" << vcmdqs_log2 << " sids_log2=" << sids_log2 << " cmdqs=" << cmdqs
     << " s1p=" << s1p << " s2p=" << s2p << " hyp=" << hyp << " ats=" << ats << " pri=" << pri
     << " stall_model=" << stall_model;
  return os.str();
}

}  // namespace cts::model
