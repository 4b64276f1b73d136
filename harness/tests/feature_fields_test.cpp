// SPDX-License-Identifier: MIT
// A field whose existence depends on an ID-register feature is declared in YAML alone
// (`res0_unless:`): adding one to a spec changes what the generator writes, with no C++ change.
// Software writes RES0 bits as 0 (IHI 0070 G.b 6.2), so without the feature the run never
// sets the field's bits; with it, random writes do.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/spec/loader.h"
#include "test_devices.h"

namespace cts::harness {
namespace {

constexpr std::uint64_t kIrqCtrl = 0x50;
constexpr std::uint64_t kNewField = 1u << 5;

// The embedded spec with one more IRQ_CTRL field, present only with IDR0.ATS.
std::shared_ptr<const spec::Spec> spec_with_feature_field() {
  std::vector<spec::SpecText> docs = spec::embedded_spec_texts();
  for (spec::SpecText& d : docs) {
    if (d.file.find("smmu.yaml") == std::string::npos) continue;
    const std::string anchor = "          - {name: EVTQ_IRQEN, bits: \"2\", access: RW}\n";
    const std::size_t at = d.text.find(anchor);
    if (at == std::string::npos)
      throw std::runtime_error("IRQ_CTRL.EVTQ_IRQEN not found in smmu.yaml");
    d.text.insert(
        at + anchor.size(),
        "          - {name: TEST_ATS_IRQEN, bits: \"5\", access: RW, res0_unless: ats}\n");
  }
  return std::make_shared<const spec::Spec>(spec::load_spec(docs));
}

// Counts the writes to IRQ_CTRL that set the new field's bit.
class WriteSpy final : public Device {
 public:
  explicit WriteSpy(model::ReferenceModel m) : inner_(std::move(m)) {}
  std::string name() const override { return "write-spy"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& v) override {
    return inner_.read(r, off, size, v);
  }
  bool write(Region r, std::uint64_t off, unsigned size, std::uint64_t v) override {
    if (r == Region::Smmu && off == kIrqCtrl && (v & kNewField)) ++field_set;
    return inner_.write(r, off, size, v);
  }
  void write_memory(std::uint64_t addr, const void* data, std::uint32_t len) override {
    inner_.write_memory(addr, data, len);
  }
  void run(model::IrqSink& irq) override { inner_.run(irq); }
  void reset() override { inner_.reset(); }
  unsigned field_set = 0;

 private:
  ModelDevice inner_;
};

unsigned writes_setting_the_field(bool ats) {
  const auto spec = spec_with_feature_field();
  model::ModelConfig config = profile_config(Profile::Smmuv3, ats ? "ats=1" : "ats=0");
  WriteSpy spy{model::ReferenceModel(spec, config)};
  RunOptions o;
  o.seed = 3;
  o.sequences = 150;
  const ProfileRun r = run_profile(spec, Profile::Smmuv3, config, spy, o);
  EXPECT_TRUE(r.failures.empty()) << r.failures.front().what;
  return spy.field_set;
}

TEST(FeatureFields, WithoutTheFeatureTheGeneratorWritesItsBitsAsZero) {
  EXPECT_EQ(writes_setting_the_field(false), 0u);
}

TEST(FeatureFields, WithTheFeatureTheGeneratorWritesItsBits) {
  EXPECT_GT(writes_setting_the_field(true), 0u);
}

TEST(FeatureFields, TheLayoutMakesTheAbsentFieldReserved) {
  const auto spec = spec_with_feature_field();
  for (bool ats : {false, true}) {
    const model::ReferenceModel m(spec, profile_config(Profile::Smmuv3, ats ? "ats=1" : "ats=0"));
    const model::Layout& l = m.smmu().registers().layout();
    const model::RegInstance& ri =
        l.instances()[static_cast<std::size_t>(l.find("regs", "IRQ_CTRL"))];
    EXPECT_EQ((ri.defined & kNewField) != 0, ats);
    EXPECT_EQ((ri.absent & kNewField) != 0, !ats);
  }
}

// A device that holds its own value in an undocumented field: CMDQV CONFIG.PER_CMD_OFFSET
// reads as 1 (QEMU's reset value) whatever software writes.
class OwnPerCmdOffset final : public ModelWithDefect {
 public:
  explicit OwnPerCmdOffset(model::ReferenceModel m) : ModelWithDefect(std::move(m)) {}
  std::string name() const override { return "own-per-cmd-offset"; }
  bool read(Region r, std::uint64_t off, unsigned size, std::uint64_t& v) override {
    if (!inner_.read(r, off, size, v)) return false;
    if (r == Region::Cmdqv && off == 0) v = (v & ~std::uint64_t{0xE}) | 0x2;
    return true;
  }
};

// The embedded spec, with CONFIG.PER_CMD_OFFSET declared undocumented or not.
std::shared_ptr<const spec::Spec> spec_with_per_cmd_offset(bool undocumented) {
  std::vector<spec::SpecText> docs = spec::embedded_spec_texts();
  bool found = false;
  for (spec::SpecText& d : docs) {
    const std::string flag = "name: PER_CMD_OFFSET, bits: \"3:1\", access: RW, undocumented: true";
    const std::size_t at = d.text.find(flag);
    if (at == std::string::npos) continue;
    found = true;
    if (!undocumented)
      d.text.replace(at, flag.size(), "name: PER_CMD_OFFSET, bits: \"3:1\", access: RW");
  }
  if (!found) throw std::runtime_error("CONFIG.PER_CMD_OFFSET not found undocumented in spec/");
  return std::make_shared<const spec::Spec>(spec::load_spec(docs));
}

std::uint32_t failing_sequences_with_own_per_cmd_offset(bool undocumented) {
  const auto spec = spec_with_per_cmd_offset(undocumented);
  const model::ModelConfig config = profile_config(Profile::CmdqvHost, "");
  OwnPerCmdOffset dut{model::ReferenceModel(spec, config)};
  RunOptions o;
  o.seed = 5;
  o.sequences = 60;
  return run_profile(spec, Profile::CmdqvHost, config, dut, o).failing_sequences;
}

// What the device reads in an undocumented field is never a finding; the same device fails
// once the spec declares the field an ordinary RW one. No C++ names the field.
TEST(UndocumentedFields, AreNeverCompared) {
  EXPECT_EQ(failing_sequences_with_own_per_cmd_offset(true), 0u);
  EXPECT_GT(failing_sequences_with_own_per_cmd_offset(false), 0u);
}

}  // namespace
}  // namespace cts::harness
