// SPDX-License-Identifier: MIT
// ALIAS/ALLOC: the CMDQ_ALLOC map and the VINTF logical pages. alias_owner<Symbolic> over a fully
// symbolic map (injective, sound, complete, lowest q wins), and RegisterFile<Symbolic> writes
// through one view read back through the other for every value alias_owner can return.
#include <set>
#include <string>
#include <utility>

#include "cmdqv_cts/model/register_file.h"
#include "proof_env.h"
#include "proof_helpers.h"
#include "registry.h"
#include "symbolic_cmdqv.h"

namespace cts::proofs {
namespace {

using S = Symbolic;
using W = Symbolic::Word;

std::string slot_name(std::uint32_t i, std::uint32_t l) {
  return "(vintf " + std::to_string(i) + ", lvcmdq " + std::to_string(l) + ")";
}

W field(const W& m, const spec::Field& f) { return S::lshr(m & S::lit(f.mask()), S::lit(f.lsb)); }

Problem map_injective(ProofEnv& env) {
  Problem p;
  bool first = true;
  for (const model::ModelConfig& cfg : {host_config(), guest_config()}) {
    const std::string geo = cfg.vintfs() == 1 ? "guest" : "host";
    const auto layout = env.cmdqv_layout(cfg);
    const model::AliasInfo& ai = layout->aliases().front();
    const model::BlockInfo& map = layout->blocks()[ai.through_block];
    const spec::Register& reg = map.block->registers.front();
    const spec::Field &allocated = *reg.field("ALLOCATED"), &vintf = *reg.field("VINTF"), &lvcmdq = *reg.field("LVCMDQ");
    std::vector<W> regs;  // every value the model stores in CMDQ_ALLOC(q)
    for (std::uint32_t q = 0; q < map.instances; ++q) {
      const model::RegInstance& ri = layout->instances()[map.first_instance + q * map.per_instance];
      const std::string name = geo + "." + ri.name();
      regs.push_back(S::var(name) & S::lit(ri.stored));
      p.witness(name, regs.back());
    }
    const W none = S::lit(~0ull);
    std::vector<std::pair<std::string, W>> owner;  // per slot (i, l)
    for (std::uint32_t i = 0; i < ai.instances; ++i) {
      for (std::uint32_t l = 0; l < ai.slots; ++l) {
        owner.emplace_back(geo + " " + slot_name(i, l),
                           model::alias_owner<S>(regs, allocated.mask(), vintf.mask(), vintf.lsb, lvcmdq.mask(),
                                                 lvcmdq.lsb, i, l, ~0ull));
        const W& o = owner.back().second;
        for (std::uint32_t q = 0; q < map.instances; ++q) {
          const z3::expr names = S::nonzero(regs[q] & S::lit(allocated.mask())) &&
                                 field(regs[q], vintf) == S::lit(i) && field(regs[q], lvcmdq) == S::lit(l);
          p.goal(owner.back().first + " -> vcmdq " + std::to_string(q) + " only if CMDQ_ALLOC(q) names it",
                 o != S::lit(q) || names);
          p.goal(owner.back().first + " is mapped, to the lowest q, if CMDQ_ALLOC(" + std::to_string(q) + ") names it",
                 !names || z3::ule(o, S::lit(q)));
        }
      }
    }
    z3::expr all_mapped = S::truth(true), duplicate = S::truth(false);
    for (std::size_t a = 0; a < owner.size(); ++a) {
      all_mapped = all_mapped && owner[a].second != none;
      for (std::size_t b = a + 1; b < owner.size(); ++b) {
        p.goal(owner[a].first + " and " + owner[b].first + " never share a VCMDQ",
               owner[a].second == none || owner[b].second == none || owner[a].second != owner[b].second);
      }
    }
    for (std::uint32_t q = 0; q < map.instances; ++q) {
      z3::expr out_of_range = z3::uge(field(regs[q], vintf), S::lit(ai.instances)) ||
                              z3::uge(field(regs[q], lvcmdq), S::lit(ai.slots));
      z3::expr unused = S::truth(true);
      for (const auto& [name, o] : owner) unused = unused && o != S::lit(q);
      p.goal(geo + " CMDQ_ALLOC(" + std::to_string(q) + ") out of range maps no slot", !out_of_range || unused);
      for (std::uint32_t r = q + 1; r < map.instances; ++r) {
        duplicate = duplicate || (S::nonzero(regs[q] & regs[r] & S::lit(allocated.mask())) &&
                                  ((regs[q] ^ regs[r]) & S::lit(vintf.mask() | lvcmdq.mask())) == S::lit(0));
      }
    }
    if (first) {
      p.cover("every logical slot is mapped", all_mapped);
      p.cover("two entries name the same slot", duplicate);
      first = false;
    }
  }
  return p;
}

// (offset in the target block, size) of every 4-byte word and 8-byte access of one instance.
std::set<std::pair<std::uint64_t, unsigned>> accesses_of(const model::Layout& l, const model::BlockInfo& tb) {
  std::set<std::pair<std::uint64_t, unsigned>> out;
  for (std::uint32_t k = 0; k < tb.per_instance; ++k) {
    const model::RegInstance& ri = l.instances()[tb.first_instance + k];
    const std::uint64_t in_block = ri.offset - tb.block->base;
    for (unsigned half = 0; half < ri.width / 32; ++half) {
      out.insert({in_block + 4 * half, 4});
      out.insert({(in_block + 4 * half) & ~7ull, 8});
    }
  }
  return out;
}

struct Window {
  std::uint64_t global = 0, logical = 0;
  unsigned size = 4;
  std::string what;
};

// For each alias window slot (i, l) of `twin`'s layout and each global VCMDQ q (or none), the
// accesses of that slot: calls fn(twin mapped so, window, q).
template <class Fn>
void for_each_window(const SymbolicCmdqv& twin, bool with_none, Fn&& fn) {
  const model::Layout& l = twin.layout();
  for (const model::AliasInfo& ai : l.aliases()) {
    const model::BlockInfo& tb = l.blocks()[ai.target_block];
    const auto acc = accesses_of(l, tb);
    for (std::uint32_t i = 0; i < ai.instances; ++i) {
      for (std::uint32_t s = 0; s < ai.slots; ++s) {
        for (std::uint32_t q = 0; q <= tb.instances; ++q) {
          const bool none = q == tb.instances;
          if (none && !with_none) continue;
          if (!none && with_none) continue;
          SymbolicCmdqv mapped = twin;
          if (none) {
            for (std::uint32_t k = 0; k < twin.vcmdqs(); ++k) {  // every other slot stays mapped
              const std::uint32_t vi = k / twin.lvcmdqs_per_vintf(), sl = k % twin.lvcmdqs_per_vintf();
              mapped.map(k, vi, sl, !(vi == i && sl == s));
            }
          } else {
            mapped.map(q, i, s);
          }
          for (const auto& [in_block, size] : acc) {
            Window w;
            w.global = tb.block->base + (none ? 0 : q) * tb.block->stride + in_block;
            w.logical = ai.block->base + i * ai.block->stride + s * ai.block->alias->slot_stride + in_block;
            w.size = size;
            w.what = ai.block->name + "[" + std::to_string(i) + "].slot[" + std::to_string(s) + "]+" + hex(in_block) +
                     "/" + std::to_string(size) + (none ? " (unmapped)" : " -> vcmdq " + std::to_string(q));
            fn(mapped, w);
          }
        }
      }
    }
  }
}

void require_same_state(Problem& p, const SymbolicCmdqv& a, const SymbolicCmdqv& b, const std::string& what,
                        const std::vector<SymAccess>& acc) {
  const auto n = static_cast<std::int32_t>(a.layout().instances().size());
  for (std::int32_t id = 0; id < n; ++id) {
    if (!a.mirrors(id)) continue;
    const W &x = a.registers().get(id), &y = b.registers().get(id);
    if (same(x, y)) {
      ++p.discharged;
    } else {
      p.goal(what + ": " + a.name_of(id), x == y, acc);
    }
  }
}

void require(Problem& p, const z3::expr& a, const z3::expr& b, const std::string& what,
             const std::vector<SymAccess>& acc) {
  if (same(a, b)) {
    ++p.discharged;
  } else {
    p.goal(what, a == b, acc);
  }
}

Problem views_are_the_same_registers(ProofEnv& env) {
  Problem p;
  for (const model::ModelConfig& cfg : {host_config(), guest_config()}) {
    const std::string geo = cfg.vintfs() == 1 ? "guest" : "host";
    SymbolicCmdqv pre(env.cmdqv_layout(cfg), cfg.view);
    pre.make_symbolic("s." + geo + ".");
    const W w4 = S::var(geo + ".value4"), w8 = S::var(geo + ".value8");
    p.assume(geo + ".value4 fits a 4-byte access", fits(w4, 4));
    p.witness(geo + ".value4", w4);
    p.witness(geo + ".value8", w8);
    for_each_window(pre, false, [&](const SymbolicCmdqv& mapped, const Window& win) {
      const W& w = win.size == 4 ? w4 : w8;
      SymbolicCmdqv a = mapped, b = mapped;
      a.write(win.logical, win.size, w);
      b.write(win.global, win.size, w);
      const W a_global = a.read(win.global, win.size).value, a_logical = a.read(win.logical, win.size).value;
      const W b_logical = b.read(win.logical, win.size).value;
      std::vector<SymAccess> acc = mapped.map_accesses();
      acc.push_back(write_access(cfg.view, win.logical, win.size, w, win.what));
      acc.push_back(read_access(cfg.view, win.global, win.size, a_global, win.what));
      const std::string what = geo + " " + win.what;
      require_same_state(p, a, b, what + ": logical and global writes leave the same registers", acc);
      require(p, a_global, a_logical, what + ": read back through the other view", acc);
      require(p, a_global, b_logical, what + ": global read after a logical write = logical read after a global write",
              acc);
    });
  }
  p.cover("a write changes the register it reaches", S::var("host.value4") != S::var("s.host.vcmdq_page0[0].PROD"));
  return p;
}

Problem unmapped_slot_dropped(ProofEnv& env) {
  Problem p;
  const model::ModelConfig cfg = host_config();
  SymbolicCmdqv pre(env.cmdqv_layout(cfg), cfg.view);
  pre.make_symbolic("s.");
  const W w4 = S::var("value4"), w8 = S::var("value8");
  p.assume("value4 fits a 4-byte access", fits(w4, 4));
  p.witness("value4", w4);
  p.witness("value8", w8);
  for_each_window(pre, true, [&](const SymbolicCmdqv& mapped, const Window& win) {
    const W& w = win.size == 4 ? w4 : w8;
    SymbolicCmdqv a = mapped;
    const auto wr = a.write(win.logical, win.size, w);
    const W r = a.read(win.logical, win.size).value;
    std::vector<SymAccess> acc = mapped.map_accesses();
    acc.push_back(write_access(cfg.view, win.logical, win.size, w, win.what));
    acc.push_back(read_access(cfg.view, win.logical, win.size, r, win.what));
    if (!wr.dropped) p.goal(win.what + ": the write is reported dropped", S::truth(false), acc);
    require_same_state(p, a, mapped, win.what + ": no register changes", acc);
    require(p, r, S::lit(0), win.what + ": reads 0", acc);
  });
  return p;
}

}  // namespace

std::vector<Obligation> alias_obligations() {
  std::vector<Obligation> out;
  out.push_back({{"alloc.map_injective",
                  {"ALLOC-1", "ALLOC-4", "ALLOC-5"},
                  Expect::MustHold,
                  "\"CMDQ_ALLOC(q) with ALLOCATED = 1, VINTF = i and LVCMDQ = l must map global VCMDQ q to logical "
                  "queue l of VINTF i\"",
                  "spec/clauses/alloc.yaml; cmdqv.md section 6 (R2/R3e)",
                  "direct, on alias_owner<Symbolic> (what RegisterFile::refresh_alias_map evaluates) over a fully "
                  "symbolic map: every stored CMDQ_ALLOC value of every entry",
                  "the host (8 entries, 4x2 slots) and guest (2 entries, 1x2 slots) geometries",
                  "what a device does with duplicate entries (ALLOC-4 is disputed: the model's choice, lowest q, is "
                  "what is proven); map/unmap ordering (ALLOC-2, a driver rule)"},
                 map_injective});
  out.push_back({{"alias.views_are_the_same_registers",
                  {"ALIAS-1", "ALIAS-4", "ALLOC-1"},
                  Expect::MustHold,
                  "\"a mapped logical LVCMDQ slot and the global VCMDQ that backs it must be the same registers, so "
                  "that a value written through one is read back through the other\"",
                  "spec/clauses/alias.yaml ALIAS-1; cmdqv.md sections 1-2",
                  "direct: RegisterFile<Symbolic> (with CmdqvModel's write hooks) from a symbolic register state; "
                  "the same write through the logical and the global page leaves every register equal, and reads "
                  "through both views agree",
                  "every slot (i, l) mapped to every global q in turn, one entry allocated (RegisterFile resolves "
                  "through a concrete map); every 4- and 8-byte access of page0 and page1; host and guest "
                  "geometries. With alloc.map_injective this covers every map: RegisterFile resolves slot (i, l) "
                  "only through alias_owner(i, l), whose every value (0..q-1) is taken here",
                  "that resolution depends on the map only through alias_owner (read from register_file_impl.h, not "
                  "proven); the error maps (not mirrored)"},
                 views_are_the_same_registers});
  out.push_back({{"alias.unmapped_slot_dropped",
                  {"ALIAS-2", "ALIAS-3"},
                  Expect::MustHold,
                  "\"a write to a logical LVCMDQ slot that no CMDQ_ALLOC entry maps must be dropped and must not "
                  "change any global VCMDQ register\"",
                  "spec/clauses/alias.yaml ALIAS-2, ALIAS-3; QEMU hw/arm/tegra241-cmdqv.c@295ca0e14c61",
                  "direct: RegisterFile<Symbolic> from a symbolic state; the write leaves every register unchanged "
                  "and the slot reads 0",
                  "host geometry, Linux's map with one slot's entry cleared, for every slot and every access",
                  "that real hardware reads 0 there (ALIAS-3 is disputed: the model's choice is what is proven)"},
                 unmapped_slot_dropped});
  return out;
}

}  // namespace cts::proofs
