// SPDX-License-Identifier: MIT
// One source, two executions: for random inputs, the symbolic instantiation of the model's
// templates, evaluated under the valuation of its variables, equals the concrete result.
// Covers queue_index.h, masked_write, alias_owner, Bits get/set, RegisterFile<Symbolic> read and
// write (host and guest views, 4 and 8 bytes, alias windows) and the guest HYP_OWN path.
#include <gtest/gtest.h>

#include <random>

#include "cmdqv_cts/model/bits.h"
#include "cmdqv_cts/model/queue_index.h"
#include "cmdqv_cts/model/register_file.h"
#include "proof_env.h"
#include "symbolic_cmdqv.h"
#include "symbolic_eval.h"
#include "symbolic_register_file.h"

namespace cts::proofs {
namespace {

using model::Concrete;
using S = Symbolic;
namespace q = model::queue;

constexpr std::uint64_t kSeed = 20261122;  // fixed: a failure reproduces
constexpr int kRounds = 300;

class Agreement : public testing::Test {
 protected:
  z3::context ctx;
  SymbolicScope scope{ctx};
  std::mt19937_64 rng{kSeed};
  std::uint64_t any() { return rng(); }
  std::uint64_t below(std::uint64_t n) { return rng() % n; }
  // Values that hit edges more often than uniform ones do.
  std::uint64_t edgy() {
    switch (below(4)) {
      case 0: return any();
      case 1: return any() & 0xFFFFFFFFull;
      case 2: return below(64);
      default: return (1ull << below(21)) - below(2);
    }
  }
};

TEST_F(Agreement, QueueIndexFunctions) {
  for (int round = 0; round < kRounds; ++round) {
    Valuation val(ctx);
    const std::uint64_t p = edgy() & 0xFFFFFFFF, c = edgy() & 0xFFFFFFFF, k = edgy() & 0xFFFFF;
    const std::uint64_t l = below(5) == 0 ? below(64) : below(20), base = any(), max = below(40);
    const z3::expr P = val.word("p", p), C = val.word("c", c), K = val.word("k", k), L = val.word("l", l),
                   B = val.word("b", base), M = val.word("m", max);
    SCOPED_TRACE(testing::Message() << "p=" << p << " c=" << c << " k=" << k << " l=" << l);
    EXPECT_EQ(val.eval(q::entries<S>(L)), q::entries<Concrete>(l));
    EXPECT_EQ(val.eval(q::index<S>(P, L)), q::index<Concrete>(p, l));
    EXPECT_EQ(val.eval(q::wrap<S>(P, L)), q::wrap<Concrete>(p, l));
    EXPECT_EQ(val.eval(q::wrap_index<S>(P, L)), q::wrap_index<Concrete>(p, l));
    EXPECT_EQ(val.truth(q::empty<S>(P, C, L)), q::empty<Concrete>(p, c, l));
    EXPECT_EQ(val.truth(q::full<S>(P, C, L)), q::full<Concrete>(p, c, l));
    EXPECT_EQ(val.eval(q::used<S>(P, C, L)), q::used<Concrete>(p, c, l));
    EXPECT_EQ(val.eval(q::space<S>(P, C, L)), q::space<Concrete>(p, c, l));
    EXPECT_EQ(val.eval(q::advance<S>(P, K, L)), q::advance<Concrete>(p, k, l));
    EXPECT_EQ(val.truth(q::consumed<S>(C, P, L)), q::consumed<Concrete>(c, p, l));
    EXPECT_EQ(val.eval(q::effective_log2size<S>(L, M)), q::effective_log2size<Concrete>(l, max));
    EXPECT_EQ(val.eval(q::effective_base<S>(B, L)), q::effective_base<Concrete>(base, l));
    EXPECT_EQ(val.eval(q::entry_address<S>(B, P, L)), q::entry_address<Concrete>(base, p, l));
  }
}

TEST_F(Agreement, MaskedWriteAndBits) {
  using F = model::Bits<30, 24>;
  using Top = model::Bits<63, 40>;
  for (int round = 0; round < kRounds; ++round) {
    Valuation val(ctx);
    const std::uint64_t old = any(), v = edgy(), writable = any(), w1c = any() & ~writable;
    const z3::expr O = val.word("old", old), V = val.word("v", v);
    EXPECT_EQ(val.eval(model::masked_write<S>(O, V, writable, w1c)), model::masked_write<Concrete>(old, v, writable, w1c));
    EXPECT_EQ(val.eval(F::get<S>(O)), F::get<Concrete>(old));
    EXPECT_EQ(val.eval(F::set<S>(O, V)), F::set<Concrete>(old, v));
    EXPECT_EQ(val.eval(Top::get<S>(O)), Top::get<Concrete>(old));
    EXPECT_EQ(val.eval(Top::set<S>(O, V)), Top::set<Concrete>(old, v));
  }
}

TEST_F(Agreement, AliasOwner) {
  // CMDQ_ALLOC fields: ALLOCATED [0], LVCMDQ [7:1], VINTF [20:15].
  constexpr std::uint64_t kAllocated = 1, kLvcmdq = 0x7Full << 1, kVintf = 0x3Full << 15;
  for (int round = 0; round < kRounds; ++round) {
    Valuation val(ctx);
    std::vector<std::uint64_t> regs;
    std::vector<z3::expr> sym;
    for (unsigned k = 0; k < 8; ++k) {
      // Mostly small in-range entries, so that hits and duplicates happen.
      regs.push_back(below(3) ? ((below(4) << 15) | (below(2) << 1) | below(2)) : any() & 0x1FFFFF);
      sym.push_back(val.word("m" + std::to_string(k), regs.back()));
    }
    for (std::uint64_t i = 0; i < 4; ++i) {
      for (std::uint64_t l = 0; l < 2; ++l) {
        EXPECT_EQ(val.eval(model::alias_owner<S>(sym, kAllocated, kVintf, 15, kLvcmdq, 1, i, l, ~0ull)),
                  model::alias_owner<Concrete>(regs, kAllocated, kVintf, 15, kLvcmdq, 1, i, l, ~0ull));
      }
    }
  }
}

// RegisterFile<Symbolic> and RegisterFile<Concrete> side by side over random access sequences.
class RegisterFileAgreement : public Agreement, public testing::WithParamInterface<spec::View> {};

TEST_P(RegisterFileAgreement, ReadsAndStateAgree) {
  z3::context& c = ctx;
  ProofEnv env(c);
  const model::ModelConfig cfg = GetParam() == spec::View::Host ? host_config() : guest_config();
  const auto layout = env.cmdqv_layout(cfg);
  model::RegisterFile<Concrete> conc(layout);
  SymbolicRegisterFile sym(layout);
  std::vector<std::uint64_t> offsets;
  for (const model::RegInstance& ri : layout->instances()) {
    offsets.push_back(ri.offset);
    if (ri.width == 64) offsets.push_back(ri.offset + 4);
  }
  for (const model::AliasInfo& ai : layout->aliases()) {  // logical slots: PROD, BASE words
    for (std::uint32_t i = 0; i < ai.instances; ++i) {
      for (std::uint32_t l = 0; l < ai.slots; ++l) {
        const std::uint64_t slot = ai.block->base + i * ai.block->stride + l * ai.block->alias->slot_stride;
        offsets.insert(offsets.end(), {slot, slot + 4, slot + 8});
      }
    }
  }
  offsets.push_back(0xFF00);  // unmapped
  Valuation val(c);
  const spec::View view = GetParam();
  for (int round = 0; round < 4 * kRounds; ++round) {
    const std::uint64_t off = offsets[below(offsets.size())] & ~(below(2) ? 7ull : 3ull);
    const unsigned size = below(3) ? 4 : 8;
    const bool to_alloc = layout->decode(off).kind == model::DecodedWord::Direct &&
                          layout->instances()[static_cast<std::size_t>(layout->decode(off).target)].reg->name == "CMDQ_ALLOC";
    const std::uint64_t v = to_alloc ? ((below(4) << 15) | (below(2) << 1) | below(2)) : edgy();
    SCOPED_TRACE(testing::Message() << "round " << round << " off=0x" << std::hex << off << " size=" << size);
    if (below(2)) {
      // CMDQ_ALLOC must stay concrete in the symbolic register file (see symbolic_register_file.h).
      const bool alloc_word = to_alloc || (size == 8 && layout->decode(off + 4).kind == model::DecodedWord::Direct &&
                                           layout->instances()[static_cast<std::size_t>(layout->decode(off + 4).target)]
                                                   .reg->name == "CMDQ_ALLOC");
      const z3::expr V = alloc_word ? S::lit(v) : val.word("v" + std::to_string(round), v);
      const auto wc = conc.write(view, off, size, v);
      const auto ws = sym.write(view, off, size, V);
      EXPECT_EQ(ws.status, wc.status);
      EXPECT_EQ(ws.dropped, wc.dropped);
      EXPECT_EQ(ws.touched[0], wc.touched[0]);
      EXPECT_EQ(ws.touched[1], wc.touched[1]);
    } else {
      const auto rc = conc.read(view, off, size);
      const auto rs = sym.read(view, off, size);
      EXPECT_EQ(rs.status, rc.status);
      EXPECT_EQ(val.eval(rs.value), rc.value);
    }
  }
  for (std::size_t id = 0; id < layout->instances().size(); ++id) {
    EXPECT_EQ(val.eval(sym.get(static_cast<std::int32_t>(id))), conc.get(static_cast<std::int32_t>(id)))
        << layout->instances()[id].name();
  }
}

INSTANTIATE_TEST_SUITE_P(Views, RegisterFileAgreement, testing::Values(spec::View::Host, spec::View::Guest),
                         [](const auto& param_info) { return std::string(spec::to_string(param_info.param)); });

TEST_F(Agreement, GuestHypOwnPath) {
  ProofEnv env(ctx);
  for (const model::ModelConfig& cfg : {guest_config(), host_geometry_guest_view()}) {
    const auto layout = env.cmdqv_layout(cfg);
    model::RegisterFile<Concrete> conc(layout);
    SymbolicRegisterFile sym(layout);
    Valuation val(ctx);
    const std::uint64_t mask = layout->instances()[static_cast<std::size_t>(layout->find("vintf", "CONFIG"))]
                                   .reg->field("HYP_OWN")
                                   ->mask();
    for (int round = 0; round < kRounds / 3; ++round) {
      const auto v = static_cast<std::uint32_t>(below(cfg.vintfs()));
      const std::int32_t config = layout->find("vintf", "CONFIG", v);
      const std::uint64_t off = layout->instances()[static_cast<std::size_t>(config)].offset;
      const std::uint64_t value = edgy() | (below(2) ? mask : 0);
      const unsigned size = below(2) ? 4 : 8;
      conc.write(spec::View::Guest, off, size, value);
      sym.write(spec::View::Guest, off, size, val.word("w" + std::to_string(round), value));
      const auto rc = conc.read(spec::View::Guest, off, size);
      EXPECT_EQ(val.eval(sym.read(spec::View::Guest, off, size).value), rc.value);
      EXPECT_EQ(rc.value & mask, 0u);
      EXPECT_EQ(val.truth(hyp_own_of(sym.get(config), mask)), (conc.get(config) & mask) != 0);
    }
  }
}

TEST_F(Agreement, ControlFlowOnASymbolicValueThrows) {
  const z3::expr x = S::var("x");
  EXPECT_THROW(S::concrete(S::eq(x, S::lit(1))), SymbolicControlFlowError);
  EXPECT_THROW(S::concrete_word(x + S::lit(1)), SymbolicControlFlowError);
  // A ground term is not symbolic: the CMDQ_ALLOC map a proof fixes is decided this way.
  EXPECT_TRUE(S::concrete(S::eq(S::lit(3) + S::lit(4), S::lit(7))));
  EXPECT_EQ(S::concrete_word(S::shl(S::lit(1), S::lit(19))), 1ull << 19);
}

TEST(SymbolicScopeTest, UsingTheDomainOutsideAScopeThrows) {
  EXPECT_THROW(S::lit(0), SymbolicScopeError);
  z3::context outer, inner;
  SymbolicScope a(outer);
  {
    SymbolicScope b(inner);
    EXPECT_EQ(&SymbolicScope::context(), &inner);
  }
  EXPECT_EQ(&SymbolicScope::context(), &outer);
}

}  // namespace
}  // namespace cts::proofs
