// SPDX-License-Identifier: MIT
// The prove command: exit codes, selection, the table, the known-bug wording and the JSON report.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "prove_command.h"
#include "registry.h"

namespace cts::proofs {
namespace {

int prove(const std::vector<std::string>& args, std::string* text = nullptr) {
  std::ostringstream out;
  const int rc = run_prove_command(args, out);
  if (text) *text = out.str();
  return rc;
}

TEST(ProveCommand, UsageErrorsExit2) {
  std::string text;
  EXPECT_EQ(prove({"--bogus"}, &text), 2);
  EXPECT_NE(text.find("usage:"), std::string::npos);
  EXPECT_EQ(prove({"--rlimit", "many"}), 2);
  EXPECT_EQ(prove({"--rlimit", "0"}), 2);
  EXPECT_EQ(prove({"--rlimit"}), 2);
  EXPECT_EQ(prove({"--only", "no.such.obligation"}), 2);
  EXPECT_EQ(prove({"--help"}, &text), 0);
  EXPECT_NE(text.find("--only GLOB"), std::string::npos);
}

TEST(ProveCommand, ListNamesEveryObligationWithoutProving) {
  std::string text;
  ASSERT_EQ(prove({"--list"}, &text), 0);
  for (const Obligation& o : all_obligations()) EXPECT_NE(text.find(o.info.name), std::string::npos) << o.info.name;
  EXPECT_EQ(text.find("Z3"), std::string::npos) << "--list must not run the solver";
}

TEST(ProveCommand, KnownBugIsReportedAsReproducedAndPasses) {
  const std::string json = testing::TempDir() + "prove_command_test.json";
  std::string text;
  ASSERT_EQ(prove({"--only", "route.upstream*", "--json", json, "--details"}, &text), 0) << text;
  EXPECT_NE(text.find("Z3 4."), std::string::npos);
  EXPECT_NE(text.find("known bug reproduced"), std::string::npos) << text;
  EXPECT_NE(text.find("in words: opcode 0x"), std::string::npos) << "the counterexample names the opcode:\n" << text;
  EXPECT_NE(text.find("driver keeps it on the SMMU CMDQ"), std::string::npos) << text;
  EXPECT_NE(text.find("does not prove:"), std::string::npos);
  EXPECT_EQ(text.find("hyp.guest_reads_zero"), std::string::npos) << "--only selects";
  std::ifstream in(json);
  std::stringstream doc;
  doc << in.rdbuf();
  EXPECT_NE(doc.str().find("\"z3_version\": \"4."), std::string::npos) << doc.str();
  EXPECT_NE(doc.str().find("\"counterexample\""), std::string::npos);
  EXPECT_NE(doc.str().find("\"passed\": true"), std::string::npos);
  std::remove(json.c_str());
}

TEST(ProveCommand, SelectsByClauseId) {
  std::string text;
  ASSERT_EQ(prove({"--only", "HYP-2"}, &text), 0) << text;
  EXPECT_NE(text.find("hyp.host_reads_back"), std::string::npos);
  EXPECT_NE(text.find("summary: 1 obligations"), std::string::npos) << text;
}

TEST(ProveCommand, AResourceLimitTooSmallFailsWithUnknown) {
  std::string text;
  EXPECT_EQ(prove({"--only", "queue.prod_no_overwrite", "--rlimit", "1000"}, &text), 1);
  EXPECT_NE(text.find("not proven (resource limit)"), std::string::npos) << text;
  EXPECT_NE(text.find("FAIL"), std::string::npos);
}

}  // namespace
}  // namespace cts::proofs
