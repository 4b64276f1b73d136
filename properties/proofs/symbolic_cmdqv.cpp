// SPDX-License-Identifier: MIT
// SymbolicCmdqv: register ids as CmdqvModel finds them, and its write hooks over Symbolic.
#include "symbolic_cmdqv.h"

#include <string_view>

#include "cmdqv_cts/model/model_error.h"

namespace cts::proofs {
namespace {

constexpr std::uint64_t kEn = 1;  // CONFIG.EN / STATUS.ENABLED: bit 0 in every CMDQV CONFIG/STATUS

std::int32_t need(const model::Layout& l, std::string_view block, std::string_view reg, std::uint32_t i = 0,
                  std::uint32_t j = 0) {
  const std::int32_t id = l.find(block, reg, i, j);
  if (id < 0) {
    throw model::ModelError("symbolic CMDQV: the layout has no register " + std::string(block) + "[" +
                            std::to_string(i) + "]." + std::string(reg));
  }
  return id;
}

const spec::Field& need_field(const model::Layout& l, std::int32_t id, std::string_view name) {
  const spec::Register& r = *l.instances()[static_cast<std::size_t>(id)].reg;
  const spec::Field* f = r.field(name);
  if (!f) throw model::ModelError("symbolic CMDQV: register " + r.name + " has no field " + std::string(name));
  return *f;
}

std::uint32_t instances_of(const model::Layout& l, std::string_view block) {
  const std::int32_t b = l.block_index(block);
  if (b < 0) throw model::ModelError("symbolic CMDQV: the layout has no block " + std::string(block));
  return l.blocks()[static_cast<std::size_t>(b)].instances;
}

bool is_error_map(const model::RegInstance& ri) {
  const std::string_view n = ri.reg->name;
  return n == "CMDQ_ERR_MAP" || n == "VI_ERR_MAP_0" || n == "VI_ERR_MAP_1" || n == "LVCMDQ_ERR_MAP";
}

}  // namespace

SymbolicCmdqv::SymbolicCmdqv(std::shared_ptr<const model::Layout> layout, spec::View view)
    : rf_(layout), view_(view) {
  const model::Layout& l = *layout;
  const std::size_t n = l.instances().size();
  hook_.assign(n, Hook::None);
  hook_arg_.assign(n, 0);
  error_map_.assign(n, false);
  for (std::size_t k = 0; k < n; ++k) error_map_[k] = is_error_map(l.instances()[k]);
  auto hook = [&](std::int32_t id, Hook h, std::uint32_t arg) {
    hook_[static_cast<std::size_t>(id)] = h;
    hook_arg_[static_cast<std::size_t>(id)] = arg;
  };
  config_ = need(l, "config", "CONFIG");
  status_ = need(l, "config", "STATUS");
  hook(config_, Hook::CmdqvConfig, 0);
  for (std::uint32_t v = 0, nv = instances_of(l, "vintf"); v < nv; ++v) {
    Vintf vi{need(l, "vintf", "CONFIG", v), need(l, "vintf", "STATUS", v)};
    hook(vi.config, Hook::VintfConfig, v);
    vintf_.push_back(vi);
  }
  hyp_own_mask_ = need_field(l, vintf_.at(0).config, "HYP_OWN").mask();
  for (std::uint32_t q = 0, nq = instances_of(l, "vcmdq_page0"); q < nq; ++q) {
    Vcmdq vq;
    vq.regs.cons = need(l, "vcmdq_page0", "CONS", q);
    vq.regs.prod = need(l, "vcmdq_page0", "PROD", q);
    vq.regs.gerror = need(l, "vcmdq_page0", "GERROR", q);
    vq.regs.gerrorn = need(l, "vcmdq_page0", "GERRORN", q);
    vq.regs.base = need(l, "vcmdq_page1", "BASE", q);
    vq.regs.addr_mask = need_field(l, vq.regs.base, "ADDR").mask();
    vq.regs.max_log2size = 19;  // Q-7, as CmdqvModel
    vq.config = need(l, "vcmdq_page0", "CONFIG", q);
    vq.status = need(l, "vcmdq_page0", "STATUS", q);
    vq.alloc = need(l, "cmdq_alloc", "CMDQ_ALLOC", q);
    hook(vq.config, Hook::VcmdqConfig, q);
    hook(vq.regs.cons, Hook::VcmdqCons, q);
    hook(vq.regs.base, Hook::VcmdqBase, q);
    q_.push_back(vq);
  }
  alloc_allocated_ = need_field(l, q_.at(0).alloc, "ALLOCATED").mask();
  alloc_vintf_lsb_ = need_field(l, q_.at(0).alloc, "VINTF").lsb;
  alloc_lvcmdq_lsb_ = need_field(l, q_.at(0).alloc, "LVCMDQ").lsb;
  if (l.aliases().empty()) throw model::ModelError("symbolic CMDQV: the layout has no VINTF logical pages");
  slots_ = l.aliases().front().slots;
}

void SymbolicCmdqv::make_symbolic(const std::string& prefix) {
  const auto& inst = layout().instances();
  for (std::size_t k = 0; k < inst.size(); ++k) {
    if (inst[k].reg->name == "CMDQ_ALLOC") continue;
    rf_.set_hw(static_cast<std::int32_t>(k), Symbolic::var(prefix + inst[k].name()));
  }
}

std::uint64_t SymbolicCmdqv::alloc_value(std::uint32_t vintf, std::uint32_t lvcmdq, bool allocated) const {
  return (std::uint64_t{vintf} << alloc_vintf_lsb_) | (std::uint64_t{lvcmdq} << alloc_lvcmdq_lsb_) |
         (allocated ? alloc_allocated_ : 0);
}

void SymbolicCmdqv::map(std::uint32_t q, std::uint32_t vintf, std::uint32_t lvcmdq, bool allocated) {
  rf_.write(spec::View::Host, offset_of(q_.at(q).alloc), 4, Symbolic::lit(alloc_value(vintf, lvcmdq, allocated)));
}

std::vector<SymAccess> SymbolicCmdqv::map_accesses() const {
  std::vector<SymAccess> out;
  for (const Vcmdq& q : q_) {
    const Word v = rf_.get(q.alloc);
    out.push_back({CexAccess::Kind::Write, spec::View::Host, offset_of(q.alloc), 4, v, name_of(q.alloc) + " (map)"});
  }
  return out;
}

void SymbolicCmdqv::map_linux() {
  for (std::uint32_t q = 0; q < vcmdqs(); ++q) map(q, q / slots_, q % slots_);
}

SymbolicRegisterFile::WriteResult SymbolicCmdqv::write(std::uint64_t offset, unsigned size, const Word& value) {
  auto r = rf_.write(view_, offset, size, value);
  for (std::int32_t id : r.touched) {
    if (id >= 0) on_write(id);
  }
  return r;
}

// Mirrors CmdqvModel::on_write (cmdqv_model.cpp); the GERRORN hook only touches the error maps.
void SymbolicCmdqv::on_write(std::int32_t id) {
  const std::uint32_t arg = hook_arg_[static_cast<std::size_t>(id)];
  const Word en = Symbolic::lit(kEn);
  switch (hook_[static_cast<std::size_t>(id)]) {
    case Hook::None: break;
    case Hook::CmdqvConfig: rf_.set_hw(status_, rf_.get(config_) & en); break;             // EN-1
    case Hook::VintfConfig: rf_.set_hw(vintf_[arg].status, rf_.get(id) & en); break;       // EN-2
    case Hook::VcmdqConfig: rf_.set_hw(q_[arg].status, rf_.get(id) & en); break;           // EN-3
    case Hook::VcmdqCons: model::mask_cons_after_write<Symbolic>(rf_, q_[arg].regs); break;
    case Hook::VcmdqBase: model::mask_cons_after_write<Symbolic>(rf_, q_[arg].regs); break;
  }
}

void SymbolicCmdqv::step(std::uint32_t q, const Word& err) {
  const Bool go = ready(q);
  SymbolicRegisterFile after = rf_;
  model::queue_complete<Symbolic>(after, q_[q].regs, err);
  const auto n = static_cast<std::int32_t>(layout().instances().size());
  for (std::int32_t id = 0; id < n; ++id) {
    if (!z3::eq(after.get(id), rf_.get(id))) rf_.set_hw(id, z3::ite(go, after.get(id), rf_.get(id)));
  }
}

SymbolicCmdqv::Bool SymbolicCmdqv::hyp_own(std::uint32_t v) const {
  return hyp_own_of(rf_.get(vintf_[v].config), hyp_own_mask_);
}

}  // namespace cts::proofs
