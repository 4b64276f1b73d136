// SPDX-License-Identifier: MIT
// The matrix library: the expectation table's validation (file:line:column), the seeded step
// list, and cells computed by running the driver model on the reference model.
#include "cmdqv_cts/harness/driver_matrix.h"

#include <gtest/gtest.h>

#include <set>

#include "cmdqv_cts/spec/loader.h"

namespace cts::harness {
namespace {

std::shared_ptr<const spec::Spec> the_spec() {
  static const auto s = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
  return s;
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_matrix("t.yaml", text, *the_spec());
  } catch (const spec::SpecError& e) {
    return e.what();
  }
  return "";
}

const char* kHostTable = R"(clauses: [ROUTE-1, ROUTE-2, ALLOC-2]
kernels: [upstream-6.12.0, fixed, mutant-unmap-ascending]
rows:
  - name: host
    device: model
    profile: cmdqv-host
    expect: {upstream-6.12.0: ROUTE-2, fixed: pass, mutant-unmap-ascending: ALLOC-2}
)";

TEST(DriverMatrix, TheBuiltInTableParses) {
  const auto& texts = embedded_matrix_texts();
  ASSERT_EQ(texts.size(), 1u);
  const MatrixSpec m = parse_matrix(texts[0].file, texts[0].text, *the_spec());
  EXPECT_EQ(m.kernels, (std::vector<std::string>{"upstream-6.12.0", "fixed"}));
  EXPECT_EQ(m.rows.size(), 3u);
}

TEST(DriverMatrix, MalformedTablesAreRejectedWithTheirPosition) {
  EXPECT_NE(error_of("clauses: [ROUTE-9]\nkernels: [fixed]\nrows: []\n")
                .find("t.yaml:1:11: unknown clause 'ROUTE-9'"),
            std::string::npos);
  EXPECT_NE(error_of("clauses: [HYP-1]\nkernels: [fixed]\nrows: []\n")
                .find("is not checked by the driver model"),
            std::string::npos);
  EXPECT_NE(error_of("clauses: [ROUTE-1]\nkernels: [fixed]\nrows:\n  - {name: h, device: model, "
                     "profile: smmuv3, "
                     "expect: {fixed: pass}}\n")
                .find("expected cmdqv-host or cmdqv-guest"),
            std::string::npos);
  EXPECT_NE(error_of("clauses: [ROUTE-1]\nkernels: [fixed]\nrows:\n  - {name: h, device: model, "
                     "profile: cmdqv-host, "
                     "expect: {}}\n")
                .find("no expectation for kernel 'fixed'"),
            std::string::npos);
  EXPECT_NE(error_of("clauses: [ROUTE-1]\nkernels: [fixed]\nrows:\n  - {name: h, device: model, "
                     "profile: cmdqv-host, "
                     "expect: {fixed: ROUTE-2}}\n")
                .find("expected pass or one of the matrix's clauses"),
            std::string::npos);
  EXPECT_NE(error_of("clauses: [ROUTE-1]\nkernels: [fixed]\nrows: []\ncolour: red\n")
                .find("unknown key 'colour'"),
            std::string::npos);
}

TEST(DriverMatrix, StepsCoverEveryCommandOnFourCpusInASeededOrder) {
  const std::vector<driver::LinuxCommand> cmds(driver::linux_commands().begin(),
                                               driver::linux_commands().begin() + 3);
  const auto a = matrix_steps(cmds, 1), b = matrix_steps(cmds, 1), c = matrix_steps(cmds, 2);
  ASSERT_EQ(a.size(), 3 + 3 * 4 + 1u);
  EXPECT_EQ(a.front().kind, driver::StepKind::Probe);
  EXPECT_EQ(a.back().kind, driver::StepKind::Remove);
  std::set<std::pair<unsigned, unsigned>> seen;
  for (const driver::DriverStep& s : a) {
    if (s.kind == driver::StepKind::Issue) seen.insert({s.opcode, s.index});
  }
  EXPECT_EQ(seen.size(), 12u);
  auto same = [](const auto& x, const auto& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const auto& p, const auto& q) {
      return p.kind == q.kind && p.opcode == q.opcode && p.index == q.index;
    });
  };
  EXPECT_TRUE(same(a, b));
  EXPECT_FALSE(same(a, c));
}

// Cells are computed by running the driver, not read from the table: the table's answers for the
// host row are what the runs give, with a four-step minimal list for each failure.
TEST(DriverMatrix, HostRowIsComputed) {
  const MatrixSpec m = parse_matrix("host.yaml", kHostTable, *the_spec());
  const MatrixResult r = run_matrix(m, the_spec(), MatrixOptions{});
  ASSERT_EQ(r.cells.size(), 1u);
  EXPECT_EQ(r.cells[0][0].verdict, "ROUTE-2");
  EXPECT_EQ(r.cells[0][0].minimal_steps.size(), 4u);
  EXPECT_EQ(r.cells[0][1].verdict, "pass");
  EXPECT_EQ(r.cells[0][2].verdict, "ALLOC-2");
  EXPECT_EQ(r.cells[0][2].minimal_steps.size(), 4u)
      << "probe, init_structures, device_reset, remove";
  EXPECT_NE(r.cells[0][2].what.find("VCMDQ 0"), std::string::npos) << r.cells[0][2].what;
  EXPECT_TRUE(r.all_as_expected());
}

}  // namespace
}  // namespace cts::harness
