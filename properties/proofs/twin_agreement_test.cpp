// SPDX-License-Identifier: MIT
// SymbolicCmdqv (the register file and write hooks the ERR/EN/ALIAS proofs run) against the real
// CmdqvModel: random bring-up, MMIO, command and step sequences, every written value and step
// outcome a variable; after each operation the symbolic registers, evaluated, equal the model's.
// This is what keeps the mirrored hook table of symbolic_cmdqv.cpp from drifting.
#include <gtest/gtest.h>

#include <random>

#include "cmdqv_cts/model/reference_model.h"
#include "proof_env.h"
#include "symbolic_cmdqv.h"
#include "symbolic_eval.h"
#include "test_support.h"

namespace cts::proofs {
namespace {

using model::Region;
using S = Symbolic;

constexpr std::uint64_t kQueueMemory = 0x40000000;
constexpr std::uint8_t kOpcodes[] = {0x11, 0x12, 0x40, 0x46, 0x03, 0x04, 0x10, 0x00, 0x18, 0x41};

class TwinAgreement : public testing::TestWithParam<spec::View> {
 protected:
  z3::context ctx;
  ProofEnv env{ctx};
};

class Bench {
 public:
  Bench(ProofEnv& env, const model::ModelConfig& cfg, std::uint64_t seed)
      : m_(model::test::embedded_spec(), cfg), twin_(env.cmdqv_layout(cfg), cfg.view), val_(env.ctx()), rng_(seed) {}

  void write(std::uint64_t off, unsigned size, std::uint64_t v) {
    m_.write(Region::Cmdqv, off, size, v);
    const bool alloc = reaches_alloc(off) || (size == 8 && reaches_alloc(off + 4));
    twin_.write(off, size, alloc ? S::lit(v) : val_.word("w" + std::to_string(n_++), v));
  }

  void bring_up() {
    write(0x000, 4, 1);
    for (std::uint32_t v = 0; v < twin_.vintfs(); ++v) write(offset(twin_.vintf(v).config), 4, (v % 2) << 17 | 1);
    for (std::uint32_t q = 0; q < twin_.vcmdqs(); ++q) {
      write(offset(twin_.vcmdq(q).alloc), 4, twin_.alloc_value(q / twin_.lvcmdqs_per_vintf(), q % twin_.lvcmdqs_per_vintf(), true));
      write(offset(twin_.vcmdq(q).regs.base), 8, kQueueMemory + q * 0x10000 + rng_() % 5);
      write(offset(twin_.vcmdq(q).config), 4, 1);
    }
  }

  // One random operation; returns a line describing it.
  std::string random_op() {
    const std::uint32_t q = static_cast<std::uint32_t>(rng_() % twin_.vcmdqs());
    const model::QueueRegs& r = twin_.vcmdq(q).regs;
    switch (rng_() % 8) {
      case 0: {  // any register word, any value
        const auto& inst = twin_.layout().instances();
        const model::RegInstance& ri = inst[rng_() % inst.size()];
        const std::uint64_t v = (rng_() % 2) ? rng_() : rng_() % 4;
        const unsigned size = ri.width == 64 || (rng_() % 4 == 0 && ri.offset % 8 == 0) ? 8 : 4;
        if (ri.reg->name == "CMDQ_ALLOC") return "skip";
        write(ri.offset, size, v);
        return "write " + ri.name();
      }
      case 1: {  // ack: GERRORN = GERROR
        write(offset(r.gerrorn), 4, m_.cmdqv().registers().get(r.gerror));
        return "ack vcmdq " + std::to_string(q);
      }
      case 2: {  // toggle an enable
        const std::int32_t id = rng_() % 2 ? twin_.vcmdq(q).config : twin_.vintf(q / twin_.lvcmdqs_per_vintf()).config;
        write(offset(id), 4, m_.cmdqv().registers().get(id) ^ (rng_() % 3 == 0 ? 1 : 0));
        return "enable toggle";
      }
      case 3:
      case 4: {  // push a command and publish PROD
        const model::RegisterFile<>& rf = m_.cmdqv().registers();
        const std::uint64_t log2 = model::queue_log2size(rf, r);
        const std::uint64_t prod = rf.get(r.prod);
        const std::uint64_t base = model::queue::effective_base<model::Concrete>(rf.get(r.base) & r.addr_mask, log2);
        const std::uint64_t addr = model::queue::entry_address<model::Concrete>(base, prod, log2);
        mem_.put_command(addr, kOpcodes[rng_() % std::size(kOpcodes)] | ((rng_() % 8 == 0) ? 1u << 10 : 0));
        if (rng_() % 10 == 0) mem_.fault_at(addr);
        write(offset(r.prod), 4, model::queue::advance<model::Concrete>(prod, 1, log2));
        return "push vcmdq " + std::to_string(q);
      }
      default: return step();
    }
  }

  std::string step() {
    model::NullIrqSink irq;
    std::vector<bool> ready;
    for (std::uint32_t q = 0; q < twin_.vcmdqs(); ++q) ready.push_back(val_.truth(twin_.ready(q)));
    const model::StepRecord rec = m_.step(mem_, irq);
    if (rec.result == model::StepResult::Idle) {
      for (std::uint32_t q = 0; q < twin_.vcmdqs(); ++q) {
        if (m_.cmdqv().vcmdq_live(q)) {
          EXPECT_FALSE(ready[q]) << "vcmdq " << q << ": idle model, ready twin";
        }
      }
      return "step (idle)";
    }
    EXPECT_EQ(rec.region, Region::Cmdqv);
    EXPECT_TRUE(ready[rec.vcmdq]) << "the model stepped vcmdq " << rec.vcmdq << ", which the twin says is not ready";
    const auto code = static_cast<std::uint64_t>(rec.command.error);
    twin_.step(rec.vcmdq, val_.word("outcome" + std::to_string(n_++), code));
    return "step vcmdq " + std::to_string(rec.vcmdq) + " outcome " + std::to_string(code);
  }

  // Every register the twin mirrors equals the model's.
  void compare(const std::string& after) {
    const auto n = static_cast<std::int32_t>(twin_.layout().instances().size());
    for (std::int32_t id = 0; id < n; ++id) {
      if (!twin_.mirrors(id)) continue;
      const std::uint64_t want = m_.cmdqv().registers().get(id);
      ASSERT_EQ(val_.eval(twin_.registers().get(id)), want) << twin_.name_of(id) << " after " << after;
    }
  }

  const SymbolicCmdqv& twin() const { return twin_; }
  const model::ReferenceModel& model() const { return m_; }

 private:
  std::uint64_t offset(std::int32_t id) const { return twin_.offset_of(id); }
  bool reaches_alloc(std::uint64_t off) const {
    const model::DecodedWord& w = twin_.layout().decode(off);
    return w.kind == model::DecodedWord::Direct &&
           twin_.layout().instances()[static_cast<std::size_t>(w.target)].reg->name == "CMDQ_ALLOC";
  }

  model::ReferenceModel m_;
  SymbolicCmdqv twin_;
  Valuation val_;
  std::mt19937_64 rng_;
  model::test::TestMemory mem_;
  int n_ = 0;
};

TEST_P(TwinAgreement, RegisterIdsAreTheModels) {
  const model::ModelConfig cfg = GetParam() == spec::View::Host ? host_config() : guest_config();
  Bench b(env, cfg, 1);
  ASSERT_EQ(b.twin().vcmdqs(), b.model().cmdqv().vcmdqs());
  for (std::uint32_t q = 0; q < b.twin().vcmdqs(); ++q) {
    const model::QueueRegs &t = b.twin().vcmdq(q).regs, &m = b.model().cmdqv().queue(q);
    EXPECT_EQ(t.base, m.base);
    EXPECT_EQ(t.prod, m.prod);
    EXPECT_EQ(t.cons, m.cons);
    EXPECT_EQ(t.gerror, m.gerror);
    EXPECT_EQ(t.gerrorn, m.gerrorn);
    EXPECT_EQ(t.addr_mask, m.addr_mask);
    EXPECT_EQ(t.max_log2size, m.max_log2size);
  }
  const auto& mi = b.model().cmdqv().registers().layout().instances();
  const auto& ti = b.twin().layout().instances();
  ASSERT_EQ(mi.size(), ti.size());
  for (std::size_t k = 0; k < mi.size(); ++k) EXPECT_EQ(mi[k].name(), ti[k].name());
}

TEST_P(TwinAgreement, RandomSequencesAgree) {
  const model::ModelConfig cfg = GetParam() == spec::View::Host ? host_config() : guest_config();
  constexpr int kSequences = 12, kOps = 40;
  for (int s = 0; s < kSequences; ++s) {
    SCOPED_TRACE(testing::Message() << "sequence " << s);
    Bench b(env, cfg, 20261122 + static_cast<std::uint64_t>(s));
    b.bring_up();
    b.compare("bring-up");
    for (int k = 0; k < kOps; ++k) {
      const std::string op = b.random_op();
      b.compare(op);
      if (testing::Test::HasFatalFailure()) return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Views, TwinAgreement, testing::Values(spec::View::Host, spec::View::Guest),
                         [](const auto& param_info) { return std::string(spec::to_string(param_info.param)); });

}  // namespace
}  // namespace cts::proofs
