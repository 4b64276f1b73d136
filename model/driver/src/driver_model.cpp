// SPDX-License-Identifier: MIT
// DriverModel: probe, init_structures, device_reset and remove in the order of the variant
// (cmdqv.md section 6). Each point() is a place where the error IRQ may fire.
#include "cmdqv_cts/driver/driver_model.h"

#include <algorithm>

#include "cmdqv_cts/driver/driver_regs.h"
#include "cmdqv_cts/spec/spec.h"

namespace cts::driver {
namespace {

constexpr std::uint64_t kLvcmdqQueueAddr = 0x40200000;
constexpr std::uint64_t kLvcmdqQueueStride = 0x10000;
constexpr unsigned kMaxQueueLog2 = 8;  // memory only; Linux uses min(CMDQ_MAX_SZ_SHIFT, IDR1.CMDQS)
constexpr int kPollTries = 8;
constexpr int kETimedOut = -110;

}  // namespace

const char* to_string(ObjState s) {
  switch (s) {
    case ObjState::Allocated:
      return "half-initialised";
    case ObjState::Built:
      return "live";
    case ObjState::Freed:
      return "freed";
  }
  return "?";
}

DriverModel::DriverModel(const DriverVariant& variant, DriverBus& bus, IrqSchedule schedule)
    : variant_(variant), bus_(bus), schedule_(std::move(schedule)) {
  std::sort(schedule_.points.begin(), schedule_.points.end(),
            [](const FiringPoint& a, const FiringPoint& b) { return a.at < b.at; });
}

void DriverModel::Sink::pulse(model::IrqLine line) {
  if (line == model::IrqLine::CmdqvError) d_.irq_pending_ = true;
}

void DriverModel::violate(std::string clause, std::string what) {
  violations_.push_back({std::move(clause), std::move(what), micro_});
}

std::uint64_t DriverModel::read_bus(Region r, std::uint64_t off, unsigned size) {
  std::uint64_t v = 0;
  if (!bus_.read(r, off, size, v)) {
    throw DriverBusError("bus error reading " + std::string(r == Region::Smmu ? "smmu" : "cmdqv") +
                         "+" + spec::hex(off));
  }
  return v;
}

void DriverModel::write_bus(Region r, std::uint64_t off, unsigned size, std::uint64_t value) {
  if (!bus_.write(r, off, size, value)) {
    throw DriverBusError("bus error writing " + std::string(r == Region::Smmu ? "smmu" : "cmdqv") +
                         "+" + spec::hex(off));
  }
}

bool DriverModel::poll(Region r, std::uint64_t off, std::uint64_t mask, std::uint64_t want) {
  for (int i = 0; i < kPollTries; ++i) {
    if ((read_bus(r, off, 4) & mask) == want) return true;
    bus_.run(sink_);
  }
  return false;
}

void DriverModel::point() {
  ++micro_;
  if (schedule_.deliver_pending && irq_pending_ && irq_requested_) {
    raise_irq();
    isr_run_to_completion();
  }
  while (next_point_ < schedule_.points.size() && schedule_.points[next_point_].at <= micro_) {
    const FiringPoint fp = schedule_.points[next_point_++];
    raise_irq();
    for (std::uint32_t k = 0; k < fp.isr_steps && isr_running(); ++k) isr_step();
  }
}

const VintfObj* DriverModel::vintf(std::uint32_t id) const {
  if (!vintfs_allocated_ || id >= vintfs_.size() || vintfs_[id] < 0) return nullptr;
  return &vintf_objs_[static_cast<std::size_t>(vintfs_[id])];
}

std::vector<LinuxCommand> DriverModel::issuable_commands() const {
  std::vector<LinuxCommand> out;
  for (const LinuxCommand& c : linux_commands()) {
    if (features_.allows(c.needs)) out.push_back(c);
  }
  return out;
}

// ---- probe (__tegra241_cmdqv_probe, plus the SMMU IDR reads arm_smmu_device_hw_probe does) ----

bool DriverModel::probe() {
  if (phase_ != Phase::Idle) return false;
  features_ = SmmuFeatures::from_idr0(read_bus(Region::Smmu, regs::kIdr0, 4));
  cmdqs_ = static_cast<std::uint32_t>(
      (read_bus(Region::Smmu, regs::kIdr1, 4) >> regs::kIdr1CmdqsShift) & 0x1F);
  point();
  const std::uint64_t param = read_bus(Region::Cmdqv, regs::kParam, 4);
  num_vintfs_ = 1u << ((param >> 8) & 0xF);
  num_vcmdqs_ = 1u << ((param >> 4) & 0xF);
  num_lvcmdqs_ = std::max<std::uint32_t>(1, num_vcmdqs_ / num_vintfs_);
  point();
  auto alloc_vintfs = [&] {
    vintfs_.assign(num_vintfs_, -1);
    ida_.assign(num_vintfs_, false);
    vintfs_allocated_ = true;
    point();
  };
  auto request_irq = [&] {
    irq_requested_ = true;
    point();
  };
  if (variant_.irq == IrqRequest::BeforeVintfs) {
    request_irq();
    alloc_vintfs();
  } else {
    alloc_vintfs();
    request_irq();
  }
  phase_ = Phase::Probed;
  return true;
}

// ---- init_structures ----

std::int32_t DriverModel::new_lvcmdq(std::uint32_t vintf, std::uint32_t lidx) {
  LvcmdqObj q;
  q.vintf = vintf;
  q.lidx = lidx;
  q.global = vintf * num_lvcmdqs_ + lidx;
  lvcmdq_objs_.push_back(q);
  return static_cast<std::int32_t>(lvcmdq_objs_.size() - 1);
}

void DriverModel::publish_lvcmdq(std::int32_t obj) {
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  vintf_objs_[static_cast<std::size_t>(vintfs_[q.vintf])].lvcmdqs[q.lidx] = obj;
}

void DriverModel::free_lvcmdq(std::int32_t obj) {
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  if (vintfs_allocated_ && vintfs_[q.vintf] >= 0) {
    vintf_objs_[static_cast<std::size_t>(vintfs_[q.vintf])].lvcmdqs[q.lidx] = -1;
  }
  q.state = ObjState::Freed;
}

// tegra241_vcmdq_alloc_smmu_cmdq. Upstream 6.12.0 decides the filter here, from a hyp_own that
// nothing has read yet (the VINTF is zero-allocated).
void DriverModel::build_lvcmdq(std::int32_t obj) {
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  q.log2size = std::min(cmdqs_, kMaxQueueLog2);
  q.addr = kLvcmdqQueueAddr + kLvcmdqQueueStride * q.global;
  q.q_base = (q.addr & regs::kBaseAddrMask) | q.log2size;
  q.prod = 0;
  if (variant_.filter == model::FilterOrdering::Upstream_6_12_0 &&
      !vintf_objs_[static_cast<std::size_t>(vintfs_[q.vintf])].hyp_own) {
    q.filter = true;
  }
  q.state = ObjState::Built;
}

bool DriverModel::init_structures() {
  if (phase_ != Phase::Probed) return false;
  vintf_objs_.push_back(VintfObj{});  // kzalloc: hyp_own = false
  const auto v0 = static_cast<std::int32_t>(vintf_objs_.size() - 1);
  point();
  VintfObj& v = vintf_objs_[static_cast<std::size_t>(v0)];
  v.id = 0;
  v.lvcmdqs.assign(num_lvcmdqs_, -1);
  v.state = ObjState::Built;
  ida_[0] = true;
  vintfs_[0] = v0;  // init_vintf: publish with a release store
  point();
  for (std::uint32_t l = 0; l < num_lvcmdqs_; ++l) {
    const std::int32_t q = new_lvcmdq(0, l);
    point();
    if (variant_.publish == LvcmdqPublish::BeforeBuild) {
      publish_lvcmdq(q);
      point();
    }
    build_lvcmdq(q);
    point();
    if (variant_.publish == LvcmdqPublish::AfterBuild) {
      publish_lvcmdq(q);
      point();
    }
  }
  phase_ = Phase::Structured;
  return true;
}

// ---- device_reset ----

void DriverModel::smmu_reset() {
  write_bus(Region::Smmu, regs::kCr0, 4, 0);
  (void)poll(Region::Smmu, regs::kCr0Ack, ~std::uint64_t{0}, 0);
  smmu_log2_ = std::min(cmdqs_, kMaxQueueLog2);
  write_bus(Region::Smmu, regs::kCmdqBase, 8, (kSmmuQueueAddr & regs::kBaseAddrMask) | smmu_log2_);
  write_bus(Region::Smmu, regs::kCmdqProd, 4, 0);
  write_bus(Region::Smmu, regs::kCmdqCons, 4, 0);
  smmu_prod_ = 0;
  write_bus(Region::Smmu, regs::kCr0, 4, regs::kCr0CmdqEn);
  if (!poll(Region::Smmu, regs::kCr0Ack, regs::kCr0CmdqEn, regs::kCr0CmdqEn)) {
    violate("EN-5", "SMMU CR0ACK.CMDQEN did not follow CR0.CMDQEN");
  }
  point();
  // The initial invalidations run on the SMMU CMDQ; VINTF0 is still off.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> init = {{0x04, 31}};  // CFGI_ALL
  if (features_.hyp) init.emplace_back(0x20, 0);                             // TLBI_EL2_ALL
  init.emplace_back(0x30, 0);                                                // TLBI_NSNH_ALL
  init.emplace_back(regs::kOpCmdSync | (2ull << 12), 0);                     // CS = SEV
  push(-1, init);
  (void)wait_for_queue(-1);
  write_bus(Region::Smmu, regs::kCr0, 4, regs::kCr0CmdqEn | regs::kCr0SmmuEn);
  (void)poll(Region::Smmu, regs::kCr0Ack, regs::kCr0SmmuEn, regs::kCr0SmmuEn);
  point();
}

// ALLOC-2, as the driver itself can see it: LVCMDQ l changes mapping while a higher one is mapped.
void DriverModel::check_map_order(const LvcmdqObj& q, bool map) {
  const VintfObj& v = vintf_objs_[static_cast<std::size_t>(vintfs_[q.vintf])];
  for (std::uint32_t h = q.lidx + 1; h < num_lvcmdqs_; ++h) {
    const std::int32_t o = v.lvcmdqs[h];
    if (o >= 0 && lvcmdq_objs_[static_cast<std::size_t>(o)].mapped) {
      violate("ALLOC-2", std::string(map ? "mapped" : "unmapped") + " VINTF" +
                             std::to_string(q.vintf) + " LVCMDQ " + std::to_string(q.lidx) +
                             " (VCMDQ " + std::to_string(q.global) + ") while LVCMDQ " +
                             std::to_string(h) + " is mapped");
      return;
    }
  }
}

void DriverModel::map_lvcmdq(std::int32_t obj) {
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  check_map_order(q, true);
  const std::uint64_t a = read_bus(Region::Cmdqv, regs::cmdq_alloc(q.global), 4);
  write_bus(Region::Cmdqv, regs::cmdq_alloc(q.global), 4, a | regs::kAllocAllocated);
  q.mapped = true;
}

void DriverModel::unmap_lvcmdq(std::int32_t obj) {
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  check_map_order(q, false);
  const std::uint64_t a = read_bus(Region::Cmdqv, regs::cmdq_alloc(q.global), 4);
  write_bus(Region::Cmdqv, regs::cmdq_alloc(q.global), 4, a & ~regs::kAllocAllocated);
  q.mapped = false;
}

// tegra241_vcmdq_hw_deinit: disable, zero the pointers and bases, clear a stale error.
void DriverModel::vcmdq_hw_deinit(std::int32_t obj) {
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  const std::uint64_t p0 = regs::lvcmdq_page0(q.vintf, q.lidx),
                      p1 = regs::lvcmdq_page1(q.vintf, q.lidx);
  write_bus(Region::Cmdqv, p0 + regs::kQConfig, 4, 0);
  (void)poll(Region::Cmdqv, p0 + regs::kQStatus, regs::kEn, 0);
  q.enabled = false;
  write_bus(Region::Cmdqv, p0 + regs::kQProd, 4, 0);
  write_bus(Region::Cmdqv, p0 + regs::kQCons, 4, 0);
  write_bus(Region::Cmdqv, p1 + regs::kQBase, 8, 0);
  write_bus(Region::Cmdqv, p1 + regs::kQConsIndxBase, 8, 0);
  q.prod = 0;
  const std::uint64_t gerror = read_bus(Region::Cmdqv, p0 + regs::kQGerror, 4);
  const std::uint64_t gerrorn = read_bus(Region::Cmdqv, p0 + regs::kQGerrorn, 4);
  if (gerror != gerrorn) write_bus(Region::Cmdqv, p0 + regs::kQGerrorn, 4, gerror);
}

// tegra241_vcmdq_hw_init. The fix decides the filter here, after the HYP_OWN read-back; like the
// kernel it only ever sets it.
int DriverModel::vcmdq_hw_init(std::int32_t obj) {
  vcmdq_hw_deinit(obj);
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  if (variant_.filter == model::FilterOrdering::Fixed &&
      !vintf_objs_[static_cast<std::size_t>(vintfs_[q.vintf])].hyp_own) {
    q.filter = true;
  }
  const std::uint64_t p0 = regs::lvcmdq_page0(q.vintf, q.lidx),
                      p1 = regs::lvcmdq_page1(q.vintf, q.lidx);
  write_bus(Region::Cmdqv, p1 + regs::kQBase, 8, q.q_base);
  write_bus(Region::Cmdqv, p0 + regs::kQConfig, 4, regs::kEn);
  if (!poll(Region::Cmdqv, p0 + regs::kQStatus, regs::kEn, regs::kEn)) return kETimedOut;
  q.enabled = true;
  return 0;
}

// tegra241_vintf_hw_deinit: LVCMDQs descending (hardware rule), then the VINTF and its SIDs.
void DriverModel::vintf_hw_deinit(std::uint32_t id) {
  VintfObj& v = vintf_objs_[static_cast<std::size_t>(vintfs_[id])];
  std::vector<std::int32_t> order;
  for (std::uint32_t l = num_lvcmdqs_; l-- > 0;) {
    if (v.lvcmdqs[l] >= 0) order.push_back(v.lvcmdqs[l]);
  }
  if (variant_.mapping == Mapping::UnmapAscending) std::reverse(order.begin(), order.end());
  for (std::int32_t q : order) {
    vcmdq_hw_deinit(q);
    if (variant_.mapping != Mapping::Static) unmap_lvcmdq(q);
    point();
  }
  write_bus(Region::Cmdqv, regs::vintf_config(id), 4, 0);
  (void)poll(Region::Cmdqv, regs::vintf_status(id), regs::kEn, 0);
  v.enabled = false;
  // SID_MATCH/SID_REPLACE are zeroed here too; VINTF0 never has any, user VINTFs clear theirs in
  // vdevice destroy, so the model leaves them out.
  point();
}

// tegra241_vintf_hw_init: deinit, CONFIG = HYP_OWN | VMID, enable, read HYP_OWN back, then map and
// init each LVCMDQ ascending.
int DriverModel::vintf_hw_init(std::uint32_t id, bool hyp_own) {
  vintf_hw_deinit(id);
  VintfObj& v = vintf_objs_[static_cast<std::size_t>(vintfs_[id])];
  const std::uint64_t config =
      (hyp_own ? regs::kVintfHypOwn : 0) | (std::uint64_t{v.vmid} << regs::kVintfVmidShift);
  write_bus(Region::Cmdqv, regs::vintf_config(id), 4, config);
  point();
  write_bus(Region::Cmdqv, regs::vintf_config(id), 4, config | regs::kEn);
  if (!poll(Region::Cmdqv, regs::vintf_status(id), regs::kEn, regs::kEn)) return kETimedOut;
  v.enabled = true;
  point();
  v.hyp_own = (read_bus(Region::Cmdqv, regs::vintf_config(id), 4) & regs::kVintfHypOwn) != 0;
  point();
  for (std::uint32_t l = 0; l < num_lvcmdqs_; ++l) {
    const std::int32_t q = v.lvcmdqs[l];
    if (q < 0) continue;
    if (variant_.mapping != Mapping::Static) map_lvcmdq(q);
    if (const int err = vcmdq_hw_init(q); err != 0) {
      vintf_hw_deinit(id);
      return err;
    }
    point();
  }
  return 0;
}

bool DriverModel::device_reset() {
  if (phase_ != Phase::Structured) return false;
  smmu_reset();
  // R1: CMDQV disable then enable.
  const std::uint64_t config = read_bus(Region::Cmdqv, regs::kConfig, 4);
  write_bus(Region::Cmdqv, regs::kConfig, 4, config & ~regs::kEn);
  (void)poll(Region::Cmdqv, regs::kStatus, regs::kEn, 0);
  write_bus(Region::Cmdqv, regs::kConfig, 4, config | regs::kEn);
  if (!poll(Region::Cmdqv, regs::kStatus, regs::kEn, regs::kEn))
    violate("EN-1", "CMDQV STATUS did not follow CONFIG.EN");
  point();
  // R2: every global VCMDQ to its (VINTF, LVCMDQ); 6.12 maps them statically here.
  std::uint32_t q = 0;
  for (std::uint32_t i = 0; i < num_vintfs_; ++i) {
    for (std::uint32_t l = 0; l < num_lvcmdqs_; ++l, ++q) {
      const bool map = variant_.mapping == Mapping::Static;
      write_bus(Region::Cmdqv, regs::cmdq_alloc(q), 4,
                regs::alloc_map(i, l) | (map ? regs::kAllocAllocated : 0));
    }
  }
  if (variant_.mapping == Mapping::Static) {
    for (const std::int32_t obj : vintf_objs_[static_cast<std::size_t>(vintfs_[0])].lvcmdqs) {
      if (obj >= 0) lvcmdq_objs_[static_cast<std::size_t>(obj)].mapped = true;
    }
  }
  point();
  // R3: VINTF0 for the host kernel, HYP_OWN requested.
  if (const int err = vintf_hw_init(0, true); err != 0) {
    violate("EN-2",
            "VINTF0 or one of its LVCMDQs did not enable (error " + std::to_string(err) + ")");
  }
  phase_ = Phase::Running;
  return true;
}

// ---- remove: device_disable (tegra241_cmdqv_hw_disable), then tegra241_cmdqv_remove ----

void DriverModel::free_irq() {
  // free_irq waits for a running handler, then no handler runs again.
  isr_run_to_completion();
  irq_requested_ = false;
  point();
}

bool DriverModel::remove() {
  if (phase_ == Phase::Idle) return false;
  if (phase_ == Phase::Running) {
    for (std::uint32_t id = 0; id < num_vintfs_; ++id) {
      if (vintfs_[id] >= 0) vintf_hw_deinit(id);
    }
  }
  if (variant_.free_irq == FreeIrq::First) free_irq();
  if (vintfs_allocated_ && vintfs_[0] >= 0) {
    const auto v0 = static_cast<std::size_t>(vintfs_[0]);
    for (std::uint32_t l = 0; l < num_lvcmdqs_; ++l) {
      const std::int32_t q = vintf_objs_[v0].lvcmdqs[l];
      if (q < 0) continue;
      free_lvcmdq(q);
      point();
    }
    vintfs_[0] = -1;  // deinit_vintf clears the slot
    point();
    if (variant_.isr_vintf == IsrVintf::Checked) {
      isr_run_to_completion();  // synchronize_irq before the id and the memory go
      point();
    }
    ida_[0] = false;
    vintf_objs_[v0].state = ObjState::Freed;  // kfree(vintf)
    point();
  }
  if (variant_.free_irq == FreeIrq::AfterVintfs) free_irq();
  vintfs_allocated_ = false;  // kfree(cmdqv->vintfs)
  vintfs_.clear();
  point();
  phase_ = Phase::Idle;
  return true;
}

// ---- iommufd helpers (GuestDriverPath) ----

std::int32_t DriverModel::ida_alloc_vintf() {
  for (std::uint32_t id = 1; id < ida_.size(); ++id) {
    if (!ida_[id]) {
      ida_[id] = true;
      return static_cast<std::int32_t>(id);
    }
  }
  return -1;
}

void DriverModel::ida_free_vintf(std::uint32_t id) {
  ida_[id] = false;
}

std::uint32_t DriverModel::publish_user_vintf(std::uint32_t id, std::uint32_t vmid) {
  VintfObj v;
  v.id = id;
  v.vmid = vmid;
  v.lvcmdqs.assign(num_lvcmdqs_, -1);
  v.state = ObjState::Built;
  vintf_objs_.push_back(v);
  vintfs_[id] = static_cast<std::int32_t>(vintf_objs_.size() - 1);
  return id;
}

void DriverModel::init_user_lvcmdq(std::int32_t obj, std::uint64_t addr, unsigned log2size) {
  LvcmdqObj& q = lvcmdq_objs_[static_cast<std::size_t>(obj)];
  q.addr = addr;
  q.log2size = log2size;
  q.q_base = (addr & regs::kBaseAddrMask) | log2size;
  q.state = ObjState::Built;
  publish_lvcmdq(obj);
  map_lvcmdq(obj);
  vcmdq_hw_deinit(obj);
  write_bus(Region::Cmdqv, regs::lvcmdq_page1(q.vintf, q.lidx) + regs::kQBase, 8, q.q_base);
}

void DriverModel::unpublish_user_vintf(std::uint32_t id) {
  const std::int32_t obj = vintfs_[id];
  vintfs_[id] = -1;
  isr_run_to_completion();
  vintf_objs_[static_cast<std::size_t>(obj)].state = ObjState::Freed;
}

}  // namespace cts::driver
