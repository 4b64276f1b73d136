// SPDX-License-Identifier: MIT
// Results as JSON lines: what a run writes is what `report` reads back, a torn or malformed
// file is reported with its line, and shards of a campaign add up to the unsharded campaign.
#include "cmdqv_cts/harness/results_log.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cmdqv_cts/harness/console_report.h"
#include "cmdqv_cts/harness/html_report.h"
#include "test_devices.h"

namespace cts::harness {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("cts-results-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const char* name) const { return (path / name).string(); }
};

model::ModelConfig guest() {
  return profile_config(Profile::CmdqvGuest, "");
}

ProfileRun failing_run(const RunOptions& o, ResultsLog* log) {
  HypOwnNotMasked dut(guest());
  RunObserver observer;
  if (log)
    observer.failure = [&](const Failure& f) {
      log->failure("hyp-own-not-masked", Profile::CmdqvGuest, f);
    };
  ProfileRun r = run_profile(the_spec(), Profile::CmdqvGuest, guest(), dut, o, observer);
  if (log) log->run(r);
  return r;
}

RunOptions options(std::uint32_t sequences) {
  RunOptions o;
  o.sequences = sequences;
  return o;
}

std::string console(const ProfileRun& r, const RunOptions& o) {
  std::ostringstream os;
  print_report(os, r, o, true);
  return os.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ResultsLog, ReadingBackGivesTheSameReportByteForByte) {
  TempDir dir;
  const RunOptions o = options(30);
  auto log = std::make_unique<ResultsLog>(dir.file("results.jsonl"), o, ResultsLog::Expectations{});
  const ProfileRun written = failing_run(o, log.get());
  log->end(1);
  log.reset();
  ASSERT_FALSE(written.failures.empty());
  // The blame reaches the decision the device broke, HYP_OWN wired to 0 (HYP-1); where a
  // failure is charged to several clauses they are listed in spec order.
  EXPECT_EQ(written.failures.front().clauses.front(), "HYP-1");
  auto spec_index = [](const std::string& id) {
    const auto& cs = the_spec()->clauses;
    return std::find_if(cs.begin(), cs.end(), [&](const spec::Clause& c) { return c.id == id; }) -
           cs.begin();
  };
  for (const Failure& f : written.failures) {
    for (std::size_t i = 1; i < f.clauses.size(); ++i)
      EXPECT_LT(spec_index(f.clauses[i - 1]), spec_index(f.clauses[i])) << f.what;
  }
  const ResultsFile back = read_results(dir.path.string(), *the_spec());
  EXPECT_TRUE(back.ended);
  EXPECT_TRUE(back.warnings.empty());
  ASSERT_EQ(back.runs.size(), 1u);
  EXPECT_EQ(back.options.sequences, 30u);
  ProfileRun named = written;
  named.device = "hyp-own-not-masked";
  EXPECT_EQ(console(back.runs[0], back.options), console(named, o));
  EXPECT_EQ(back.runs[0].failures.front().ops.size(), written.failures.front().ops.size());
}

TEST(ResultsLog, AKilledRunKeepsTheFailuresFoundSoFar) {
  TempDir dir;
  const RunOptions o = options(30);
  std::size_t found = 0;  // failures written before the kill
  {
    ResultsLog log(dir.file("results.jsonl"), o, {});
    found = failing_run(o, &log).failures.size();
  }
  ASSERT_GE(found, 2u);
  // Keep the header and the failures, drop the verdict, and tear the last line as a kill -9
  // in the middle of a write would.
  std::istringstream all(read_text(dir.file("results.jsonl")));
  std::string text, line;
  for (int n = 0; std::getline(all, line) && line.find("\"type\": \"run\"") == std::string::npos;
       ++n)
    text += line + "\n";
  text += "{\"type\": \"failure\", \"dev";
  write_text(dir.file("results.jsonl"), text);

  const ResultsFile back = read_results(dir.file("results.jsonl"), *the_spec());
  EXPECT_FALSE(back.ended);
  ASSERT_EQ(back.runs.size(), 1u);
  EXPECT_TRUE(back.runs[0].interrupted);
  EXPECT_EQ(back.runs[0].failures.size(), found);
  EXPECT_FALSE(run_passes(back.runs[0], {}));
  const std::string report = console(back.runs[0], back.options);
  EXPECT_NE(report.find("HYP-1     normative  FAIL"), std::string::npos) << report;
  EXPECT_NE(report.find("INTERRUPTED: the suite stopped before this device and profile finished"),
            std::string::npos);
  ASSERT_EQ(back.warnings.size(), 2u);
  // The torn line follows the header and the failures.
  const std::string torn = "results.jsonl:" + std::to_string(found + 2) + ":";
  EXPECT_NE(back.warnings[0].find(torn + " incomplete last line ignored"), std::string::npos)
      << back.warnings[0];
}

// A campaign judged again under the outcomes the device chose withdraws the first pass's failures.
TEST(ResultsLog, ARestartWithdrawsTheFailuresLoggedBeforeIt) {
  TempDir dir;
  const RunOptions o = options(30);
  {
    ResultsLog log(dir.file("results.jsonl"), o, {});
    HypOwnNotMasked dut(guest());
    RunObserver observer;
    observer.failure = [&](const Failure& f) {
      log.failure("hyp-own-not-masked", Profile::CmdqvGuest, f);
    };
    const ProfileRun first =
        run_profile(the_spec(), Profile::CmdqvGuest, guest(), dut, o, observer);
    ASSERT_GT(first.failures.size(), 1u);
    log.restart("hyp-own-not-masked", Profile::CmdqvGuest);
    Failure last = first.failures.front();
    last.what = "after the restart";
    log.failure("hyp-own-not-masked", Profile::CmdqvGuest, last);
  }
  const ResultsFile back = read_results(dir.file("results.jsonl"), *the_spec());
  ASSERT_EQ(back.runs.size(), 1u);
  ASSERT_EQ(back.runs[0].failures.size(), 1u);
  EXPECT_EQ(back.runs[0].failures[0].what, "after the restart");
}

TEST(ResultsLog, MalformedFilesAreErrorsNamingTheLine) {
  TempDir dir;
  const std::string header =
      "{\"type\": \"header\", \"schema\": \"cmdqv-cts-results/1\", \"seed\": 1, "
      "\"first_sequence\": 0, "
      "\"sequences\": 2, \"ops_per_sequence\": 4, \"shrink_failures\": 3, \"shard_index\": 0, "
      "\"shard_count\": 1, \"max_model_steps\": 65536, "
      "\"clauses\": [], \"expect_files\": [], \"builtin_expectations\": false}\n";
  const struct {
    std::string text;
    std::string error;
  } cases[] = {
      {"", "empty (not a results file)"},
      {"{\"type\": \"run\"}\n", ":1: not a results file"},
      {header + "{\"type\": \"verdict\"}\n{\"type\": \"end\", \"exit\": 0}\n",
       ":2: unknown record type 'verdict'"},
      {header + "[1, 2\n{\"type\": \"end\", \"exit\": 0}\n", ":2: not a JSON object"},
      {header + "{\"type\": \"failure\", \"device\": \"d\", \"profile\": \"smmuv9\"}\n",
       ":2: unknown profile 'smmuv9'"},
      {header + "{\"type\": \"failure\", \"device\": \"d\", \"profile\": \"smmuv3\"}\n",
       ":2: missing field 'sequence'"},
  };
  for (const auto& c : cases) {
    write_text(dir.file("bad.jsonl"), c.text);
    try {
      read_results(dir.file("bad.jsonl"), *the_spec());
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const ResultsError& e) {
      EXPECT_NE(std::string(e.what()).find(c.error), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(read_results(dir.file("missing.jsonl"), *the_spec()), ResultsError);
}

TEST(ResultsLog, ShardsAddUpToTheUnshardedCampaign) {
  TempDir dir;
  RunOptions whole = options(45);
  const ProfileRun reference = failing_run(whole, nullptr);
  std::vector<ResultsFile> shards;
  for (std::uint32_t i = 0; i < 3; ++i) {
    RunOptions o = whole;
    o.shard_index = i;
    o.shard_count = 3;
    EXPECT_EQ(sequences_in_shard(o), 15u);
    const std::string path = dir.file(("shard" + std::to_string(i) + ".jsonl").c_str());
    {
      ResultsLog log(path, o, {});
      failing_run(o, &log);
      log.end(1);
    }
    shards.push_back(read_results(path, *the_spec()));
  }
  const ResultsFile merged = merge_results(shards);
  ASSERT_EQ(merged.runs.size(), 1u);
  const ProfileRun& m = merged.runs[0];
  EXPECT_EQ(m.ops, reference.ops);
  EXPECT_EQ(m.reads_compared, reference.reads_compared);
  EXPECT_EQ(m.commands, reference.commands);
  EXPECT_EQ(m.failing_sequences, reference.failing_sequences);
  for (std::size_t i = 0; i < m.coverage.tallies().size(); ++i) {
    EXPECT_EQ(m.coverage.tallies()[i].exercised, reference.coverage.tallies()[i].exercised)
        << m.coverage.tallies()[i].clause->id;
    EXPECT_EQ(m.coverage.tallies()[i].failures, reference.coverage.tallies()[i].failures);
  }
  EXPECT_TRUE(merged.warnings.empty());
  // Each shard is part of the campaign; all of them together are the whole of it, the campaign
  // an expectations file names (only that may call an entry stale).
  EXPECT_TRUE(shards[1].runs[0].partial);
  ASSERT_TRUE(m.campaign.has_value());
  EXPECT_EQ(*m.campaign, campaign_of(whole));
  EXPECT_FALSE(m.partial);

  // A missing shard is said; shards of another campaign are refused.
  EXPECT_EQ(merge_results({shards[0], shards[2]}).warnings.size(), 1u);
  EXPECT_TRUE(merge_results({shards[0], shards[2]}).runs[0].partial);
  ResultsFile other = shards[1];
  other.options.seed = 2;
  EXPECT_THROW(merge_results({shards[0], other}), ResultsError);
  EXPECT_THROW(merge_results({shards[0], shards[0]}), ResultsError);
}

TEST(ResultsLog, ClauseSelectionSkipsTheOthersAndKeepsTheirExpectationsOutOfTheVerdict) {
  RunOptions o = options(20);
  o.clause_globs = {"Q-*"};
  const ProfileRun r = failing_run(o, nullptr);
  for (const ClauseTally& t : r.coverage.tallies()) {
    if (t.clause->id.rfind("Q-", 0) == 0) {
      EXPECT_TRUE(t.skip_reason.empty()) << t.clause->id;
    } else {
      EXPECT_FALSE(t.skip_reason.empty()) << t.clause->id;
    }
  }
  EXPECT_TRUE(run_passes(r, {})) << "the HYP_OWN defect is outside Q-*";
}

TEST(HtmlReport, DrawsEachCounterexampleAsASequenceDiagram) {
  const RunOptions o = options(10);
  ProfileRun r = failing_run(o, nullptr);
  ASSERT_FALSE(r.failures.empty());
  std::ostringstream os;
  write_html_report(os, {{r, false}}, o, {});
  const std::string html = os.str();
  EXPECT_NE(html.find("<h1>cmdqv-cts: FAIL</h1>"), std::string::npos);
  std::size_t diagrams = 0;
  for (std::size_t at = html.find("<svg class=\"sequence\""); at != std::string::npos;
       at = html.find("<svg class=\"sequence\"", at + 1))
    ++diagrams;
  EXPECT_EQ(diagrams, r.failures.size());
  EXPECT_NE(html.find("&#x2260; read32 cmdqv+0x1000 (vintf[0].CONFIG): device 0x20001, model 0x1"),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace cts::harness
