// SPDX-License-Identifier: MIT
// Results as JSON lines: writing as the run goes, reading back, adding shards (results_log.h).
#include "cmdqv_cts/harness/results_log.h"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/harness/scenario.h"
#include "text_escape.h"

namespace cts::harness {
namespace {

constexpr const char* kSchema = "cmdqv-cts-results/1";

std::string q(const std::string& s) {
  return json_string(s);
}

std::string string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + q(items[i]);
  return out + "]";
}

std::string key(const std::string& device, Profile p) {
  return device + "\n" + to_string(p);
}

// Field access with errors that name the file, line and field.
struct Line {
  const std::string& file;
  std::size_t number;
  YAML::Node node;

  [[noreturn]] void fail(const std::string& what) const {
    throw ResultsError(file + ":" + std::to_string(number) + ": " + what);
  }
  YAML::Node field(const char* name) const {
    const YAML::Node n = node[name];
    if (!n) fail(std::string("missing field '") + name + "'");
    return n;
  }
  template <class T>
  T get(const char* name) const {
    try {
      return field(name).as<T>();
    } catch (const YAML::Exception&) {
      fail(std::string("field '") + name + "' has the wrong type");
    }
  }
  std::vector<std::string> strings(const char* name) const {
    const YAML::Node n = field(name);
    if (!n.IsSequence()) fail(std::string("field '") + name + "' is not a list");
    std::vector<std::string> out;
    for (const YAML::Node& item : n) {
      if (!item.IsScalar()) fail(std::string("field '") + name + "' holds a non-string");
      out.push_back(item.Scalar());
    }
    return out;
  }
  Profile profile() const {
    Profile p{};
    if (!profile_from_string(get<std::string>("profile"), p))
      fail("unknown profile '" + get<std::string>("profile") + "'");
    return p;
  }
};

Failure read_failure(const Line& l) {
  Failure f;
  f.sequence = l.get<std::uint32_t>("sequence");
  if (l.node["directed_test"]) f.directed_test = l.get<std::string>("directed_test");
  f.what = l.get<std::string>("what");
  f.clauses = l.strings("clauses");
  f.cases = l.strings("cases");
  f.steps = l.strings("steps");
  f.shrunk = l.get<bool>("shrunk");
  f.nondeterministic = l.get<bool>("nondeterministic");
  f.original_length = l.get<std::size_t>("original_length");
  try {
    f.ops = parse_scenario(l.file + ":" + std::to_string(l.number) + " (scenario)",
                           l.get<std::string>("scenario"))
                .steps;
  } catch (const std::exception& e) {
    l.fail(std::string("field 'scenario': ") + e.what());
  }
  return f;
}

void read_run(const Line& l, const spec::Spec& spec, ProfileRun& r) {
  r.config = l.get<std::string>("config");
  r.ops = l.get<std::uint64_t>("operations");
  r.reads_compared = l.get<std::uint64_t>("reads_compared");
  r.commands = l.get<std::uint64_t>("commands");
  r.failing_sequences = l.get<std::uint32_t>("failing_sequences");
  r.device_failure = l.get<std::string>("device_failure");
  r.interrupted = l.get<bool>("interrupted");
  r.disputed_choices = l.strings("disputed_choices");
  r.step_bound_hits = l.get<std::uint32_t>("step_bound_hits");
  r.first_step_bound = l.get<std::string>("first_step_bound");
  r.injected_dma_aborts = l.get<std::uint64_t>("injected_dma_aborts");
  r.injected_faults = l.get<std::uint64_t>("injected_faults");
  r.injected_faults_compared = l.get<std::uint64_t>("injected_faults_compared");
  if (l.node["directed_judged"]) {  // results of runs before the directed tests lack both
    r.directed_judged = l.get<std::uint32_t>("directed_judged");
    r.directed_not_fitting = l.get<std::uint32_t>("directed_not_fitting");
  }
  if (l.node["campaign"]) {  // results of runs before expectation campaigns lack it
    const Line c{l.file, l.number, l.field("campaign")};
    r.campaign = CampaignKey{c.get<std::uint64_t>("seed"), c.get<std::uint32_t>("first_sequence"),
                             c.get<std::uint32_t>("sequences"), c.get<std::uint32_t>("ops"),
                             c.get<bool>("directed")};
    r.partial = l.get<bool>("partial");
  }
  r.coverage.restore_unattributed(l.get<std::uint64_t>("unattributed"),
                                  l.get<std::string>("first_unattributed"));
  const YAML::Node tallies = l.field("tallies");
  if (!tallies.IsSequence()) l.fail("field 'tallies' is not a list");
  for (const YAML::Node& t : tallies) {
    const Line item{l.file, l.number, t};
    ClauseTally recorded;
    recorded.exercised = item.get<std::uint64_t>("exercised");
    recorded.failures = item.get<std::uint64_t>("failures");
    recorded.first_failure = item.get<std::string>("first_failure");
    recorded.skip_reason = item.get<std::string>("skip_reason");
    const YAML::Node cases = item.field("cases");
    if (!cases.IsSequence()) item.fail("field 'cases' is not a list");
    for (const YAML::Node& k : cases) {
      const Line one{l.file, l.number, k};
      CaseTally& c = recorded.cases[one.get<std::string>("case")];
      c.failures = one.get<std::uint64_t>("failures");
      c.first_failure = one.get<std::string>("first_failure");
    }
    if (const YAML::Node branches = t["branches"]) {
      if (!branches.IsMap()) item.fail("field 'branches' is not a mapping");
      for (const auto& b : branches) {
        try {
          recorded.branches[b.first.as<std::string>()] = b.second.as<std::uint64_t>();
        } catch (const YAML::Exception&) {
          item.fail("field 'branches' has an entry of the wrong type");
        }
      }
    }
    const std::string id = item.get<std::string>("id");
    if (!r.coverage.restore(id, recorded)) {
      l.fail("clause '" + id +
             "' is not in this spec (results of another spec version? pass --spec DIR)");
    }
  }
  (void)spec;
}

}  // namespace

ResultsLog::ResultsLog(const std::string& path, const RunOptions& o, const Expectations& x)
    : path_(path) {
  file_ = std::fopen(path.c_str(), "w");
  if (!file_) throw ResultsError(path + ": cannot create: " + std::strerror(errno));
  line(std::string("{\"type\": \"header\", \"schema\": ") + q(kSchema) + ", \"seed\": " +
       std::to_string(o.seed) + ", \"first_sequence\": " + std::to_string(o.first_sequence) +
       ", \"sequences\": " + std::to_string(o.sequences) +
       ", \"ops_per_sequence\": " + std::to_string(o.ops_per_sequence) + ", \"shrink_failures\": " +
       std::to_string(o.shrink_failures) + ", \"shard_index\": " + std::to_string(o.shard_index) +
       ", \"shard_count\": " + std::to_string(o.shard_count) + ", \"max_model_steps\": " +
       std::to_string(o.max_model_steps) + ", \"clauses\": " + string_array(o.clause_globs) +
       ", \"expect_files\": " + string_array(x.files) +
       ", \"builtin_expectations\": " + (x.builtin ? "true" : "false") + "}");
}

ResultsLog::~ResultsLog() {
  if (file_) std::fclose(file_);
}

void ResultsLog::line(const std::string& json) {
  if (std::fputs(json.c_str(), file_) == EOF || std::fputc('\n', file_) == EOF ||
      std::fflush(file_) != 0 || fsync(fileno(file_)) != 0) {
    throw ResultsError(path_ + ": cannot write: " + std::strerror(errno));
  }
}

void ResultsLog::failure(const std::string& device, Profile profile, const Failure& f) {
  Scenario sc;
  sc.name = device + " " + to_string(profile) + " " + failure_origin(f);
  sc.profile = profile;
  sc.steps = f.ops;
  line("{\"type\": \"failure\", \"device\": " + q(device) +
       ", \"profile\": " + q(to_string(profile)) + ", \"sequence\": " + std::to_string(f.sequence) +
       (f.directed_test.empty() ? "" : ", \"directed_test\": " + q(f.directed_test)) +
       ", \"what\": " + q(f.what) + ", \"clauses\": " + string_array(f.clauses) +
       ", \"cases\": " + string_array(f.cases) + ", \"shrunk\": " + (f.shrunk ? "true" : "false") +
       ", \"nondeterministic\": " + (f.nondeterministic ? "true" : "false") +
       ", \"original_length\": " + std::to_string(f.original_length) +
       ", \"steps\": " + string_array(f.steps) + ", \"scenario\": " + q(to_yaml(sc)) + "}");
}

void ResultsLog::restart(const std::string& device, Profile profile) {
  line("{\"type\": \"restart\", \"device\": " + q(device) +
       ", \"profile\": " + q(to_string(profile)) + "}");
}

void ResultsLog::run(const ProfileRun& r) {
  std::string tallies;
  for (const ClauseTally& t : r.coverage.tallies()) {
    tallies += std::string(tallies.empty() ? "" : ", ") + "{\"id\": " + q(t.clause->id) +
               ", \"exercised\": " + std::to_string(t.exercised) +
               ", \"failures\": " + std::to_string(t.failures) +
               ", \"first_failure\": " + q(t.first_failure) +
               ", \"skip_reason\": " + q(t.skip_reason) + ", \"cases\": [";
    bool first = true;
    for (const auto& [name, k] : t.cases) {
      tallies += std::string(first ? "" : ", ") + "{\"case\": " + q(name) +
                 ", \"failures\": " + std::to_string(k.failures) +
                 ", \"first_failure\": " + q(k.first_failure) + "}";
      first = false;
    }
    tallies += "]";
    if (!t.branches.empty()) {  // only clauses with branches (results of older runs lack it)
      tallies += ", \"branches\": {";
      first = true;
      for (const auto& [name, n] : t.branches) {
        tallies += std::string(first ? "" : ", ") + q(name) + ": " + std::to_string(n);
        first = false;
      }
      tallies += "}";
    }
    tallies += "}";
  }
  line("{\"type\": \"run\", \"device\": " + q(r.device) +
       ", \"profile\": " + q(to_string(r.profile)) + ", \"config\": " + q(r.config) +
       ", \"operations\": " + std::to_string(r.ops) + ", \"reads_compared\": " +
       std::to_string(r.reads_compared) + ", \"commands\": " + std::to_string(r.commands) +
       ", \"failing_sequences\": " + std::to_string(r.failing_sequences) +
       ", \"device_failure\": " + q(r.device_failure) +
       ", \"interrupted\": " + (r.interrupted ? "true" : "false") +
       ", \"unattributed\": " + std::to_string(r.coverage.unattributed_failures()) +
       ", \"first_unattributed\": " + q(r.coverage.first_unattributed()) +
       ", \"disputed_choices\": " + string_array(r.disputed_choices) + ", \"step_bound_hits\": " +
       std::to_string(r.step_bound_hits) + ", \"first_step_bound\": " + q(r.first_step_bound) +
       ", \"injected_dma_aborts\": " + std::to_string(r.injected_dma_aborts) +
       ", \"injected_faults\": " + std::to_string(r.injected_faults) +
       ", \"injected_faults_compared\": " + std::to_string(r.injected_faults_compared) +
       ", \"directed_judged\": " + std::to_string(r.directed_judged) +
       ", \"directed_not_fitting\": " + std::to_string(r.directed_not_fitting) +
       (r.campaign ? ", \"campaign\": {\"seed\": " + std::to_string(r.campaign->seed) +
                         ", \"first_sequence\": " + std::to_string(r.campaign->first_sequence) +
                         ", \"sequences\": " + std::to_string(r.campaign->sequences) +
                         ", \"ops\": " + std::to_string(r.campaign->ops_per_sequence) +
                         ", \"directed\": " + (r.campaign->directed ? "true" : "false") +
                         "}, \"partial\": " + (r.partial ? "true" : "false")
                   : std::string()) +
       ", \"tallies\": [" + tallies + "]}");
}

void ResultsLog::end(int exit_status) {
  line("{\"type\": \"end\", \"exit\": " + std::to_string(exit_status) + "}");
}

ResultsFile read_results(const std::string& given, const spec::Spec& spec) {
  std::string path = given;
  if (std::filesystem::is_directory(given))
    path = (std::filesystem::path(given) / "results.jsonl").string();
  std::ifstream in(path);
  if (!in) throw ResultsError(path + ": cannot open");
  std::vector<std::string> lines;
  for (std::string text; std::getline(in, text);) lines.push_back(text);
  const bool last_is_whole = [&] {
    in.clear();
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::streamoff>(in.tellg());
    if (size <= 0) return true;
    in.seekg(size - 1);
    return in.get() == '\n';
  }();
  if (lines.empty()) throw ResultsError(path + ": empty (not a results file)");

  ResultsFile out;
  std::map<std::string, std::size_t> index;             // device+profile -> runs[i]
  std::map<std::string, std::vector<Failure>> pending;  // failures of runs not yet ended
  std::vector<std::string> order;
  for (std::size_t n = 1; n <= lines.size(); ++n) {
    if (lines[n - 1].empty()) continue;
    YAML::Node node;
    try {
      node = YAML::Load(lines[n - 1]);
    } catch (const YAML::Exception& e) {
      if (n == lines.size() && !last_is_whole) {  // torn by a kill mid-write
        out.warnings.push_back(path + ":" + std::to_string(n) +
                               ": incomplete last line ignored (the run was interrupted)");
        break;
      }
      throw ResultsError(path + ":" + std::to_string(n) + ": not a JSON object: " + e.msg);
    }
    const Line l{path, n, node};
    if (!node.IsMap()) l.fail("not a JSON object");
    const std::string type = l.get<std::string>("type");
    if (n == 1) {
      if (type != "header" || l.get<std::string>("schema") != kSchema) {
        l.fail(std::string("not a results file: the first line must be the header of schema ") +
               kSchema);
      }
      out.options.seed = l.get<std::uint64_t>("seed");
      out.options.first_sequence = l.get<std::uint32_t>("first_sequence");
      out.options.sequences = l.get<std::uint32_t>("sequences");
      out.options.ops_per_sequence = l.get<std::uint32_t>("ops_per_sequence");
      out.options.max_model_steps = l.get<std::uint64_t>("max_model_steps");
      out.options.shrink_failures = l.get<std::uint32_t>("shrink_failures");
      out.options.shard_index = l.get<std::uint32_t>("shard_index");
      out.options.shard_count = l.get<std::uint32_t>("shard_count");
      out.options.clause_globs = l.strings("clauses");
      out.expectations.files = l.strings("expect_files");
      out.expectations.builtin = l.get<bool>("builtin_expectations");
      continue;
    }
    if (type == "failure") {
      const std::string k = key(l.get<std::string>("device"), l.profile());
      if (!pending.count(k)) order.push_back(k);
      pending[k].push_back(read_failure(l));
    } else if (type == "restart") {
      const std::string k = key(l.get<std::string>("device"), l.profile());
      if (!pending.count(k)) order.push_back(k);
      pending[k].clear();
    } else if (type == "run") {
      const std::string device = l.get<std::string>("device");
      const Profile p = l.profile();
      const std::string k = key(device, p);
      if (index.count(k))
        l.fail("a second verdict for device " + device + ", profile " + to_string(p));
      ProfileRun r = empty_profile_run(spec, p, device);
      read_run(l, spec, r);
      r.failures = std::move(pending[k]);
      pending.erase(k);
      index[k] = out.runs.size();
      out.runs.push_back(std::move(r));
    } else if (type == "end") {
      out.ended = true;
    } else {
      l.fail("unknown record type '" + type + "'");
    }
  }
  // Failures recorded for a device and profile whose verdict never came: the suite stopped.
  for (const std::string& k : order) {
    const auto it = pending.find(k);
    if (it == pending.end()) continue;
    const std::size_t nl = k.find('\n');
    Profile p{};
    profile_from_string(k.substr(nl + 1), p);
    ProfileRun r = empty_profile_run(spec, p, k.substr(0, nl));
    r.failures = std::move(it->second);
    r.failing_sequences = static_cast<std::uint32_t>(r.failures.size());
    for (const Failure& f : r.failures) {
      for (const std::string& c : f.clauses) r.coverage.fail(c, f.what, f.cases);
    }
    r.interrupted = true;
    r.device_failure = "the suite stopped before this device and profile finished; " +
                       std::to_string(r.failures.size()) + " failure(s) had been recorded";
    out.runs.push_back(std::move(r));
  }
  if (!out.ended)
    out.warnings.push_back(path +
                           ": the run did not finish (no end record): its verdicts are partial");
  return out;
}

ResultsFile merge_results(const std::vector<ResultsFile>& shards) {
  if (shards.empty()) throw ResultsError("merge: no shards");
  ResultsFile out;
  out.options = shards.front().options;
  out.options.shard_index = 0;
  out.options.shard_count = 1;
  out.expectations = shards.front().expectations;
  out.ended = true;
  std::map<std::string, std::size_t> index;
  std::vector<bool> seen(shards.front().options.shard_count, false);
  for (const ResultsFile& s : shards) {
    const RunOptions& a = shards.front().options;
    const RunOptions& b = s.options;
    if (a.seed != b.seed || a.first_sequence != b.first_sequence || a.sequences != b.sequences ||
        a.ops_per_sequence != b.ops_per_sequence || a.shard_count != b.shard_count ||
        a.clause_globs != b.clause_globs) {
      throw ResultsError(
          "merge: the shards are not of one campaign (seed, sequences, ops, --clauses and shard "
          "count "
          "must agree)");
    }
    if (seen[b.shard_index])
      throw ResultsError("merge: shard " + std::to_string(b.shard_index) + " given twice");
    seen[b.shard_index] = true;
    out.ended = out.ended && s.ended;
    out.warnings.insert(out.warnings.end(), s.warnings.begin(), s.warnings.end());
    for (const ProfileRun& r : s.runs) {
      const std::string k = key(r.device, r.profile);
      const auto it = index.find(k);
      if (it == index.end()) {
        index[k] = out.runs.size();
        out.runs.push_back(r);
        continue;
      }
      ProfileRun& m = out.runs[it->second];
      m.ops += r.ops;
      m.reads_compared += r.reads_compared;
      m.commands += r.commands;
      m.failing_sequences += r.failing_sequences;
      if (m.step_bound_hits == 0) m.first_step_bound = r.first_step_bound;
      m.step_bound_hits += r.step_bound_hits;
      m.injected_dma_aborts += r.injected_dma_aborts;
      m.injected_faults += r.injected_faults;
      m.injected_faults_compared += r.injected_faults_compared;
      m.directed_judged += r.directed_judged;  // shard 0 alone judges them
      m.directed_not_fitting += r.directed_not_fitting;
      m.failures.insert(m.failures.end(), r.failures.begin(), r.failures.end());
      // Directed tests first (they run first, in shard 0), then by sequence.
      std::stable_sort(m.failures.begin(), m.failures.end(),
                       [](const Failure& x, const Failure& y) {
                         return std::make_pair(x.directed_test.empty(), x.sequence) <
                                std::make_pair(y.directed_test.empty(), y.sequence);
                       });
      if (m.device_failure.empty()) m.device_failure = r.device_failure;
      for (const std::string& c : r.disputed_choices) {
        if (std::find(m.disputed_choices.begin(), m.disputed_choices.end(), c) ==
            m.disputed_choices.end())
          m.disputed_choices.push_back(c);
      }
      m.coverage.merge(r.coverage);
    }
  }
  // Every shard there: each merged run covers the whole campaign (unless --clauses cut it).
  const bool all_shards = std::all_of(seen.begin(), seen.end(), [](bool b) { return b; });
  for (ProfileRun& r : out.runs) r.partial = !all_shards || !out.options.clause_globs.empty();
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) {
      out.warnings.push_back("merge: shard " + std::to_string(i) + " of " +
                             std::to_string(seen.size()) +
                             " is missing: the merged verdicts cover only part of the campaign");
    }
  }
  return out;
}

}  // namespace cts::harness
