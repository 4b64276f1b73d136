// SPDX-License-Identifier: MIT
// Device option parsing and geometry validation: every bad option names itself.
#include <gtest/gtest.h>

#include "cmdqv_cts/model/model_error.h"
#include "test_support.h"

namespace cts::model::test {
namespace {

TEST(Config, DefaultsPerView) {
  const ModelConfig host = ModelConfig::defaults(spec::View::Host);
  EXPECT_EQ(host.vintfs(), 4u);
  EXPECT_EQ(host.vcmdqs(), 8u);
  const ModelConfig guest = ModelConfig::defaults(spec::View::Guest);
  EXPECT_EQ(guest.vintfs(), 1u);
  EXPECT_EQ(guest.vcmdqs(), 2u);
  EXPECT_EQ(guest.sids_per_vintf(), 16u);
}

TEST(Config, ParsesKeyValueLists) {
  const ModelConfig c = ModelConfig::parse("vintfs_log2=1,vcmdqs_log2=0x2,cmdqs=8,ats=1", spec::View::Host);
  EXPECT_EQ(c.vintfs(), 2u);
  EXPECT_EQ(c.lvcmdqs_per_vintf(), 2u);
  EXPECT_EQ(c.cmdqs, 8u);
  EXPECT_TRUE(c.ats);
}

TEST(Config, BadOptionsNameTheKey) {
  const struct {
    const char* options;
    const char* message;
  } cases[] = {
      {"bogus=1", "unknown option 'bogus'"},
      {"vintfs_log2", "expected key=value"},
      {"cmdqs=abc", "option 'cmdqs': 'abc' is not a number"},
      {"cmdqs=", "option 'cmdqs': '' is not a number"},
      {"vintfs_log2=7", "option 'vintfs_log2': at most 6"},
      {"vintfs_log2=3,vcmdqs_log2=2", "option 'vcmdqs_log2': must be >= vintfs_log2"},
      {"sids_log2=5", "option 'sids_log2'"},
      {"cmdqs=20", "option 'cmdqs'"},
      {"guest_reject_code=2", "option 'guest_reject_code'"},
  };
  for (const auto& c : cases) {
    try {
      (void)ModelConfig::parse(c.options, spec::View::Host);
      ADD_FAILURE() << "accepted " << c.options;
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

TEST(Config, EveryValidGeometryLaysOut) {
  for (unsigned vi = 0; vi <= 6; ++vi) {
    for (unsigned vq = vi; vq <= 7; ++vq) {
      ModelConfig c = ModelConfig::defaults(spec::View::Host);
      c.vintfs_log2 = vi;
      c.vcmdqs_log2 = vq;
      EXPECT_NO_THROW(ReferenceModel(embedded_spec(), c)) << vi << " " << vq;
    }
  }
}

}  // namespace
}  // namespace cts::model::test
