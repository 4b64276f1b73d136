// SPDX-License-Identifier: MIT
// The results of a run as JSON lines (schema "cmdqv-cts-results/1", README.md), appended and
// flushed to disk as the run goes: a header, each shrunk failure as soon as it is found, and
// each device/profile verdict when it ends. A crash or kill -9 of the suite therefore keeps
// every verdict found so far, and `cmdqv-cts report` rebuilds the reports from the file.
// Shards of one campaign (--shard i/n) are added back together by merge_runs().
#pragma once

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/file_reports.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::harness {

// A results file that cannot be read: names the file and line.
class ResultsError : public std::runtime_error {
 public:
  explicit ResultsError(const std::string& what) : std::runtime_error(what) {}
};

class ResultsLog {
 public:
  // Which expectations judged the run, so that `report` judges it the same way.
  struct Expectations {
    std::vector<std::string> files;  // --expect FILE...
    bool builtin = false;            // the project's own files (a run with no --device)
  };
  // Creates (truncates) `path` and writes the header line. Throws ResultsError.
  ResultsLog(const std::string& path, const RunOptions& options, const Expectations& expectations);
  ~ResultsLog();
  ResultsLog(const ResultsLog&) = delete;
  ResultsLog& operator=(const ResultsLog&) = delete;

  void failure(const std::string& device, Profile profile, const Failure& f);
  // The run of (device, profile) starts again: the failures logged for it so far are withdrawn.
  void restart(const std::string& device, Profile profile);
  void run(const ProfileRun& r);
  void end(int exit_status);

 private:
  void line(const std::string& json);  // one line, flushed and synced before returning
  std::string path_;
  std::FILE* file_ = nullptr;
};

struct ResultsFile {
  RunOptions options;  // from the header
  ResultsLog::Expectations expectations;
  std::vector<ProfileRun> runs;  // complete runs, and interrupted ones (device_failure says so)
  bool ended = false;            // the run wrote its final line
  std::vector<std::string> warnings;  // e.g. a torn last line after a kill
};

// Reads `path` (a results.jsonl, or a report directory that holds one). Throws ResultsError
// naming file:line on anything but a torn last line.
ResultsFile read_results(const std::string& path, const spec::Spec& spec);

// Adds shards of one campaign together, device by device and profile by profile. Throws
// ResultsError if the shards are not of one campaign (seed, sequences, ops, shard count).
ResultsFile merge_results(const std::vector<ResultsFile>& shards);

}  // namespace cts::harness
