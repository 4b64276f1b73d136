// SPDX-License-Identifier: MIT
// CmdqvModel: CMDQV register side effects, VCMDQ consumption and error reporting.
#include "cmdqv_cts/model/cmdqv_model.h"

#include "cmdqv_cts/model/model_error.h"

namespace cts::model {
namespace {

constexpr std::uint64_t kEn = 1;  // CONFIG.EN / STATUS.ENABLED are bit 0 in every CMDQV CONFIG/STATUS

std::int32_t need(const Layout& l, std::string_view block, std::string_view reg, std::uint32_t i = 0,
                  std::uint32_t j = 0) {
  const std::int32_t id = l.find(block, reg, i, j);
  if (id < 0) {
    throw ModelError("spec region cmdqv has no register " + std::string(block) + "[" + std::to_string(i) +
                     "]." + std::string(reg) + "[" + std::to_string(j) + "]");
  }
  return id;
}

const spec::Field& need_field(const Layout& l, std::int32_t id, std::string_view name) {
  const spec::Register& r = *l.instances()[static_cast<std::size_t>(id)].reg;
  const spec::Field* f = r.field(name);
  if (!f) throw ModelError("spec register cmdqv:" + r.name + " has no field " + std::string(name));
  return *f;
}

}  // namespace

CmdqvModel::CmdqvModel(std::shared_ptr<const Layout> layout, const ModelConfig& config,
                       std::shared_ptr<const CommandRules> rules)
    : rf_(layout),
      view_(config.view),
      rules_(std::move(rules)),
      features_(Features::from(config)),
      lvcmdqs_per_vintf_(config.lvcmdqs_per_vintf()),
      clear_maps_on_ack_(config.policy.clear_err_maps_on_ack),
      policy_(config.policy) {
  rf_.set_alias_highest_wins(policy_.alias_highest_wins);
  const Layout& l = *layout;
  hook_.assign(l.instances().size(), Hook::None);
  hook_arg_.assign(l.instances().size(), 0);
  auto hook = [&](std::int32_t id, Hook h, std::uint32_t arg) {
    hook_[static_cast<std::size_t>(id)] = h;
    hook_arg_[static_cast<std::size_t>(id)] = arg;
  };
  config_ = need(l, "config", "CONFIG");
  status_ = need(l, "config", "STATUS");
  vi_err_map_[0] = need(l, "config", "VI_ERR_MAP_0");
  vi_err_map_[1] = need(l, "config", "VI_ERR_MAP_1");
  vi_int_mask_[0] = need(l, "config", "VI_INT_MASK_0");
  vi_int_mask_[1] = need(l, "config", "VI_INT_MASK_1");
  for (std::uint32_t m = 0; m < 4; ++m) cmdq_err_map_.push_back(need(l, "config", "CMDQ_ERR_MAP", 0, m));
  hook(config_, Hook::CmdqvConfig, 0);

  for (std::uint32_t v = 0; v < config.vintfs(); ++v) {
    Vintf vi;
    vi.config = need(l, "vintf", "CONFIG", v);
    vi.status = need(l, "vintf", "STATUS", v);
    vi.err_map[0] = need(l, "vintf", "LVCMDQ_ERR_MAP", v, 0);
    vi.err_map[1] = need(l, "vintf", "LVCMDQ_ERR_MAP", v, 1);
    hook(vi.config, Hook::VintfConfig, v);
    vintf_.push_back(vi);
  }
  hyp_own_mask_ = need_field(l, vintf_[0].config, "HYP_OWN").mask();

  for (std::uint32_t q = 0; q < config.vcmdqs(); ++q) {
    Vcmdq vq;
    vq.regs.cons = need(l, "vcmdq_page0", "CONS", q);
    vq.regs.prod = need(l, "vcmdq_page0", "PROD", q);
    vq.regs.gerror = need(l, "vcmdq_page0", "GERROR", q);
    vq.regs.gerrorn = need(l, "vcmdq_page0", "GERRORN", q);
    vq.regs.base = need(l, "vcmdq_page1", "BASE", q);
    vq.regs.addr_mask = need_field(l, vq.regs.base, "ADDR").mask();
    vq.regs.max_log2size = 19;  // 20-bit RD/WR fields
    vq.config = need(l, "vcmdq_page0", "CONFIG", q);
    vq.status = need(l, "vcmdq_page0", "STATUS", q);
    vq.alloc = need(l, "cmdq_alloc", "CMDQ_ALLOC", q);
    hook(vq.config, Hook::VcmdqConfig, q);
    hook(vq.regs.cons, Hook::VcmdqCons, q);
    hook(vq.regs.gerrorn, Hook::VcmdqGerrorn, q);
    hook(vq.regs.base, Hook::VcmdqBase, q);
    q_.push_back(vq);
  }
  const spec::Field& allocated = need_field(l, q_[0].alloc, "ALLOCATED");
  const spec::Field& vintf = need_field(l, q_[0].alloc, "VINTF");
  const spec::Field& lvcmdq = need_field(l, q_[0].alloc, "LVCMDQ");
  alloc_allocated_ = allocated.mask();
  alloc_vintf_ = vintf.mask();
  alloc_vintf_lsb_ = vintf.lsb;
  alloc_lvcmdq_ = lvcmdq.mask();
  alloc_lvcmdq_lsb_ = lvcmdq.lsb;
}

bool CmdqvModel::cmdqv_enabled() const { return (rf_.get(status_) & kEn) != 0; }
bool CmdqvModel::vintf_enabled(std::uint32_t v) const { return (rf_.get(vintf_[v].status) & kEn) != 0; }
bool CmdqvModel::vintf_hyp_own(std::uint32_t v) const { return (rf_.get(vintf_[v].config) & hyp_own_mask_) != 0; }
bool CmdqvModel::vcmdq_enabled(std::uint32_t q) const { return (rf_.get(q_[q].status) & kEn) != 0; }

std::optional<VcmdqOwner> CmdqvModel::owner(std::uint32_t q) const {
  const std::uint64_t a = rf_.get(q_[q].alloc);
  if (!(a & alloc_allocated_)) return std::nullopt;
  VcmdqOwner o{static_cast<std::uint32_t>((a & alloc_vintf_) >> alloc_vintf_lsb_),
               static_cast<std::uint32_t>((a & alloc_lvcmdq_) >> alloc_lvcmdq_lsb_)};
  if (o.vintf >= vintf_.size() || o.lvcmdq >= lvcmdqs_per_vintf_) return std::nullopt;  // ALLOC-5
  return o;
}

bool CmdqvModel::backs_slot(std::uint32_t q, const VcmdqOwner& o) const {
  if (rf_.layout().aliases().empty()) return true;
  return rf_.alias_target(0, o.vintf, o.lvcmdq) == static_cast<std::int32_t>(q);
}

std::optional<std::uint32_t> CmdqvModel::consuming_vintf(std::uint32_t q) const {
  if (const auto o = owner(q)) return o->vintf;
  if (!policy_.unmapped_alloc_consumes) return std::nullopt;
  const std::uint64_t a = rf_.get(q_[q].alloc);
  const auto v = static_cast<std::uint32_t>((a & alloc_vintf_) >> alloc_vintf_lsb_);
  if (!(a & alloc_allocated_) || v >= vintf_.size()) return std::nullopt;
  return v;
}

bool CmdqvModel::vcmdq_live(std::uint32_t q) const {
  const auto v = consuming_vintf(q);
  return cmdqv_enabled() && vcmdq_enabled(q) && v && vintf_enabled(*v);  // EN-4
}

RegisterFile<>::WriteResult CmdqvModel::write(std::uint64_t off, unsigned size, std::uint64_t value,
                                              Observer* observer) {
  auto r = rf_.write(view_, off, size, value);
  // A write through a VINTF logical page reaches the global VCMDQ register that ALIAS-1 maps.
  const bool alias = rf_.layout().decode(off & ~std::uint64_t{3}).kind == DecodedWord::Alias;
  const int v = view_ == spec::View::Host ? 0 : 1;
  for (std::int32_t id : r.touched) {
    if (id < 0) continue;
    report(observer, id, rf_.layout().instances()[static_cast<std::size_t>(id)].writable[v],
           alias ? "ALIAS-1" : "");
    on_write(id, value, size, observer);
  }
  if (policy_.err_maps_follow_alloc) derive_error_maps(observer);
  return r;
}

void CmdqvModel::derive_error_maps(Observer* observer) {
  // ERR-7's outcome "the maps follow the active errors and the current map": every map bit.
  const auto clear = [&](std::int32_t id) {
    rf_.set_hw(id, 0);
    report(observer, id, ~std::uint64_t{0}, "ERR-7");
  };
  for (std::int32_t id : cmdq_err_map_) clear(id);
  for (const std::int32_t id : vi_err_map_) clear(id);
  for (const Vintf& v : vintf_) clear(v.err_map[0]), clear(v.err_map[1]);
  for (std::uint32_t q = 0; q < q_.size(); ++q) {
    if (!cmdq_error_active<Concrete>(rf_, q_[q].regs)) continue;
    set_bit(cmdq_err_map_[q / 32], q % 32, true);
    // Under the current map, a queue shows in its VINTF's maps only where it backs the logical
    // slot (of two entries naming one slot, ALLOC-4 decides which backs it).
    if (const auto o = owner(q); o && backs_slot(q, *o)) {
      set_bit(vintf_[o->vintf].err_map[o->lvcmdq / 64], o->lvcmdq % 64, true);
      set_bit(vi_err_map_[o->vintf / 32], o->vintf % 32, true);
    }
  }
}

void CmdqvModel::on_write(std::int32_t id, std::uint64_t value, unsigned size, Observer* observer) {
  const std::uint32_t arg = hook_arg_[static_cast<std::size_t>(id)];
  // CONS bits above the wrap flag clear for the LOG2SIZE in effect (from BASE).
  const auto mask_cons = [&](const QueueRegs& q) {
    report(observer, q.cons, mask_cons_after_write<Concrete>(rf_, q), "Q-6", {q.base});
  };

  switch (hook_[static_cast<std::size_t>(id)]) {
    case Hook::None: break;
    case Hook::CmdqvConfig:  // EN-1
      rf_.set_hw(status_, rf_.get(config_) & kEn);
      report(observer, status_, kEn, "EN-1", {config_});
      break;
    case Hook::VintfConfig:  // EN-2
      rf_.set_hw(vintf_[arg].status, rf_.get(id) & kEn);
      report(observer, vintf_[arg].status, kEn, "EN-2", {id});
      if (view_ == spec::View::Guest) report(observer, id, hyp_own_mask_, "HYP-1");
      break;
    case Hook::VcmdqConfig:  // EN-3
      rf_.set_hw(q_[arg].status, rf_.get(id) & kEn);
      report(observer, q_[arg].status, kEn, "EN-3", {id});
      break;
    case Hook::VcmdqCons:
      if (policy_.cons_err_takes_write && size == 4) {  // ERR-12
        rf_.set_hw(id, (rf_.get(id) & ~ConsErr::mask) | (value & ConsErr::mask));
        report(observer, id, ConsErr::mask, "ERR-12");
      }
      mask_cons(q_[arg].regs);
      break;
    case Hook::VcmdqBase:
      mask_cons(q_[arg].regs);
      break;
    case Hook::VcmdqGerrorn:                                                                  // ERR-3/7
      if (clear_maps_on_ack_ && !cmdq_error_active<Concrete>(rf_, q_[arg].regs))
        clear_error_maps(arg, observer);
      break;
  }
}

void CmdqvModel::set_bit(std::int32_t id, unsigned bit, bool value) {
  const std::uint64_t m = 1ull << bit;
  rf_.set_hw(id, value ? (rf_.get(id) | m) : (rf_.get(id) & ~m));
}

// ERR-6 and ERR-8.
void CmdqvModel::record_error(std::uint32_t q, IrqSink& irq, Observer* observer) {
  const std::uint32_t v = *consuming_vintf(q);  // a live queue always has one
  set_bit(cmdq_err_map_[q / 32], q % 32, true);
  report(observer, cmdq_err_map_[q / 32], 1ull << (q % 32), "ERR-6", {q_[q].regs.gerror});
  if (const auto o = owner(q)) {  // an allocation past the VINTF's count maps no LVCMDQ bit
    set_bit(vintf_[o->vintf].err_map[o->lvcmdq / 64], o->lvcmdq % 64, true);
    set_bit(vi_err_map_[o->vintf / 32], o->vintf % 32, true);
    report(observer, vintf_[o->vintf].err_map[o->lvcmdq / 64], 1ull << (o->lvcmdq % 64), "ERR-6",
           {q_[q].regs.gerror, q_[q].alloc});
    report(observer, vi_err_map_[o->vintf / 32], 1ull << (o->vintf % 32), "ERR-6",
           {q_[q].regs.gerror, q_[q].alloc});
  }
  const bool masked = (rf_.get(vi_int_mask_[v / 32]) >> (v % 32)) & 1;
  if (!masked) irq.pulse(IrqLine::CmdqvError);
  if (policy_.err_maps_follow_alloc) derive_error_maps(observer);
}

void CmdqvModel::clear_error_maps(std::uint32_t q, Observer* observer) {
  set_bit(cmdq_err_map_[q / 32], q % 32, false);
  report(observer, cmdq_err_map_[q / 32], 1ull << (q % 32), "ERR-7", {q_[q].regs.gerrorn});
  const auto o = owner(q);
  if (!o) return;
  const Vintf& v = vintf_[o->vintf];
  set_bit(v.err_map[o->lvcmdq / 64], o->lvcmdq % 64, false);
  report(observer, v.err_map[o->lvcmdq / 64], 1ull << (o->lvcmdq % 64), "ERR-7",
         {q_[q].regs.gerrorn, q_[q].alloc});
  if (rf_.get(v.err_map[0]) == 0 && rf_.get(v.err_map[1]) == 0) {
    set_bit(vi_err_map_[o->vintf / 32], o->vintf % 32, false);
    report(observer, vi_err_map_[o->vintf / 32], 1ull << (o->vintf % 32), "ERR-7",
           {q_[q].regs.gerrorn, q_[q].alloc});
  }
}

StepResult CmdqvModel::step(Memory& mem, IrqSink& irq, ConsumedCommand& out, std::uint32_t* vcmdq,
                            Observer* observer) {
  const auto n = static_cast<std::uint32_t>(q_.size());
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint32_t q = (next_q_ + k) % n;
    if (!vcmdq_live(q)) continue;
    const bool hyp_own = vintf_hyp_own(*consuming_vintf(q));  // HYP-5
    const auto check = [&](std::uint64_t d0, std::uint64_t d1) {
      return rules_->vcmdq_error(d0, d1, features_, hyp_own);
    };
    const StepResult r = step_queue(rf_, q_[q].regs, mem, check, out);
    if (r == StepResult::Idle) continue;
    // The command decided CONS and (on an error) GERROR, from what makes the queue live (EN-4),
    // where it reads (BASE, PROD) and how it filters (HYP_OWN).
    const std::uint32_t v = *consuming_vintf(q);
    const Vcmdq& vq = q_[q];
    // Software's registers first, then the enables derived from them.
    const auto inputs = {config_,      vq.config, vq.alloc,  vintf_[v].config, vq.regs.base,
                         vq.regs.prod, status_,   vq.status, vintf_[v].status};
    if (observer) observer->command_decided(Region::Cmdqv, vq.regs.cons, inputs);
    if (r == StepResult::Faulted) {
      if (observer) observer->command_decided(Region::Cmdqv, vq.regs.gerror, inputs);
      record_error(q, irq, observer);
    }
    if (vcmdq) *vcmdq = q;
    next_q_ = (q + 1) % n;
    return r;
  }
  return StepResult::Idle;
}

}  // namespace cts::model
