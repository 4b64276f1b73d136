// SPDX-License-Identifier: MIT
// Console table and JSON for a prove run.
#include "proof_report.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>

#include "proof_helpers.h"

namespace cts::proofs {
namespace {

std::string clauses_of(const ObligationInfo& i) {
  std::string s;
  for (std::size_t k = 0; k < i.clauses.size(); ++k) s += (k ? "," : "") + i.clauses[k];
  return s;
}

std::string ms(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string goals_of(const Verdict& v) {
  return std::to_string(v.goals - v.discharged) + (v.discharged ? " + " + std::to_string(v.discharged) : "");
}

// What a verdict means for its expectation, in words.
std::string meaning(const ObligationInfo& info, const Verdict& v) {
  const bool bug = info.expect == Expect::DemonstratesBug;
  switch (v.outcome) {
    case Outcome::Proven:
      return bug ? "known bug NOT reproduced: Z3 proved the property, so the model no longer shows this bug (FAIL)"
                 : "";
    case Outcome::Refuted:
      return bug ? "known bug reproduced: Z3 produced the counterexample that shows it (this is the expected result)"
                 : "RULE VIOLATED by the model: counterexample below (FAIL)";
    case Outcome::Unknown: return v.reason + " (FAIL: an unknown is never a pass)";
  }
  return "";
}

void print_counterexample(const Counterexample& c, std::ostream& out) {
  if (!c.story.empty()) out << "      in words: " << c.story << "\n";
  out << "      failing goals: ";
  for (std::size_t k = 0; k < c.failed_goals.size() && k < 4; ++k) out << (k ? "; " : "") << c.failed_goals[k];
  if (c.failed_goals.size() > 4) out << "; ... (" << c.failed_goals.size() << " in all)";
  out << "\n      values:";
  for (const auto& [name, value] : c.values) out << " " << name << "=" << hex(value);
  out << "\n";
  for (const CexAccess& a : c.accesses) {
    out << "      " << to_string(a.kind) << " " << a.region << " " << spec::to_string(a.view);
    if (a.kind != CexAccess::Kind::Step) out << " " << hex(a.offset) << "/" << a.size;
    out << (a.kind == CexAccess::Kind::Read ? " -> " : " = ") << hex(a.value) << "  (" << a.what << ")\n";
  }
}

void json_string(std::ostream& out, const std::string& s) {
  out << '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out << '\\' << ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out << buf;
    } else {
      out << ch;
    }
  }
  out << '"';
}

void json_strings(std::ostream& out, const std::vector<std::string>& v) {
  out << '[';
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (k) out << ", ";
    json_string(out, v[k]);
  }
  out << ']';
}

}  // namespace

bool ProofRun::passed() const {
  return std::all_of(results.begin(), results.end(),
                     [](const ProofResult& r) { return r.verdict.passed(r.obligation->info.expect); });
}

void print_table(const ProofRun& run, bool details, std::ostream& out) {
  std::size_t name_w = 10, clause_w = 6;
  for (const ProofResult& r : run.results) {
    name_w = std::max(name_w, r.obligation->info.name.size());
    clause_w = std::max(clause_w, clauses_of(r.obligation->info).size());
  }
  out << "cmdqv-cts prove: Z3 " << run.z3_version << "; rlimit " << run.options.rlimit
      << " per check (pinned resource limit, no wall-clock timeout); random_seed " << run.options.random_seed << "\n";
  out << std::left << std::setw(static_cast<int>(name_w + 2)) << "obligation" << std::setw(static_cast<int>(clause_w + 2))
      << "clause" << std::setw(18) << "expectation" << std::setw(9) << "verdict" << std::setw(7) << "result"
      << std::right << std::setw(9) << "time ms" << std::setw(11) << "rlimit" << "  " << std::left << "goals" << "\n";
  std::size_t proven = 0, refuted = 0, unknown = 0, failed = 0;
  for (const ProofResult& r : run.results) {
    const ObligationInfo& info = r.obligation->info;
    const Verdict& v = r.verdict;
    const bool ok = v.passed(info.expect);
    proven += v.outcome == Outcome::Proven;
    refuted += v.outcome == Outcome::Refuted;
    unknown += v.outcome == Outcome::Unknown;
    failed += !ok;
    out << std::left << std::setw(static_cast<int>(name_w + 2)) << info.name
        << std::setw(static_cast<int>(clause_w + 2)) << clauses_of(info) << std::setw(18) << to_string(info.expect)
        << std::setw(9) << to_string(v.outcome) << std::setw(7) << (ok ? "PASS" : "FAIL") << std::right << std::setw(9)
        << ms(v.ms) << std::setw(11) << v.rlimit_used << "  " << goals_of(v) << "\n";
    const std::string m = meaning(info, v);
    if (!m.empty()) out << "    " << m << "\n";
    if (v.outcome == Outcome::Refuted) print_counterexample(v.counterexample, out);
    if (details) {
      out << "    rule: " << info.rule << "\n    source: " << info.source << "\n    method: " << info.method
          << "\n    bounds: " << info.bounds << "\n    does not prove: " << info.not_proven << "\n    covers: "
          << v.covers << " reachable\n";
    }
  }
  out << "summary: " << run.results.size() << " obligations: " << proven << " proven, " << refuted << " refuted, "
      << unknown << " unknown; " << run.results.size() - failed << " passed, " << failed << " failed; total proof time "
      << ms(run.total_ms) << " ms; Z3 " << run.z3_version << "\n";
  if (run.not_selected) out << "skipped: " << run.not_selected << " obligations not selected by --only\n";
  out << "(goals: solved by Z3 + discharged structurally while building, i.e. the term was unchanged)\n";
}

void print_json(const ProofRun& run, std::ostream& out) {
  out << "{\n  \"tool\": \"cmdqv-cts prove\",\n  \"z3_version\": ";
  json_string(out, run.z3_version);
  out << ",\n  \"rlimit_per_check\": " << run.options.rlimit << ",\n  \"random_seed\": " << run.options.random_seed
      << ",\n  \"total_ms\": " << ms(run.total_ms) << ",\n  \"not_selected\": " << run.not_selected << ",\n  \"passed\": " << (run.passed() ? "true" : "false")
      << ",\n  \"obligations\": [";
  for (std::size_t k = 0; k < run.results.size(); ++k) {
    const ObligationInfo& i = run.results[k].obligation->info;
    const Verdict& v = run.results[k].verdict;
    out << (k ? "," : "") << "\n    {\"name\": ";
    json_string(out, i.name);
    out << ", \"clauses\": ";
    json_strings(out, i.clauses);
    out << ", \"expect\": ";
    json_string(out, i.expect == Expect::MustHold ? "must_hold" : "demonstrates_bug");
    out << ", \"verdict\": ";
    json_string(out, to_string(v.outcome));
    out << ", \"passed\": " << (v.passed(i.expect) ? "true" : "false") << ", \"reason\": ";
    json_string(out, v.reason);
    out << ", \"ms\": " << ms(v.ms) << ", \"rlimit_used\": " << v.rlimit_used << ", \"goals\": " << v.goals
        << ", \"discharged\": " << v.discharged << ", \"covers\": " << v.covers;
    for (const auto& [key, text] : {std::pair<const char*, const std::string*>{"rule", &i.rule},
                                    {"source", &i.source},
                                    {"method", &i.method},
                                    {"bounds", &i.bounds},
                                    {"not_proven", &i.not_proven}}) {
      out << ", \"" << key << "\": ";
      json_string(out, *text);
    }
    if (v.outcome == Outcome::Refuted) {
      const Counterexample& c = v.counterexample;
      out << ", \"counterexample\": {\"story\": ";
      json_string(out, c.story);
      out << ", \"failed_goals\": ";
      json_strings(out, c.failed_goals);
      out << ", \"values\": {";
      for (std::size_t n = 0; n < c.values.size(); ++n) {
        out << (n ? ", " : "");
        json_string(out, c.values[n].first);
        out << ": " << c.values[n].second;
      }
      out << "}, \"accesses\": [";
      for (std::size_t n = 0; n < c.accesses.size(); ++n) {
        const CexAccess& a = c.accesses[n];
        out << (n ? ", " : "") << "{\"kind\": \"" << to_string(a.kind) << "\", \"region\": ";
        json_string(out, a.region);
        out << ", \"view\": \"" << spec::to_string(a.view) << "\", \"offset\": " << a.offset << ", \"size\": " << a.size
            << ", \"value\": " << a.value << ", \"what\": ";
        json_string(out, a.what);
        out << "}";
      }
      out << "]}";
    }
    out << "}";
  }
  out << "\n  ]\n}\n";
}

void print_list(const std::vector<Obligation>& obligations, std::ostream& out) {
  for (const Obligation& o : obligations) {
    out << o.info.name << "  [" << clauses_of(o.info) << "]  " << to_string(o.info.expect) << "  " << o.info.rule << "\n";
  }
}

}  // namespace cts::proofs
