// SPDX-License-Identifier: MIT
// The emulated host behind QEMU's Tegra241 CMDQV file (see host_bridge.h).
//
// Kernel behaviour emulated (../shared/reference/cmdqv.md sections 6 and 10, the newest driver):
// - open: the host driver's reset: CMDQV enabled, CMDQ_ALLOC preset to {VINTF i, LVCMDQ l},
//   VINTF0 enabled with HYP_OWN = 1 (the host's own VINTF; its queues are not used here).
// - IOMMU_VIOMMU_ALLOC: the first free VINTF above 0, vintf_hw_init with HYP_OWN = 0 and the
//   VMID; the mmap offset names its page0.
// - IOMMU_HW_QUEUE_ALLOC: the checks of tegra241_vintf_alloc_lvcmdq_user in their order, then
//   map (ALLOCATED = 1), vcmdq_hw_deinit and BASE = (PA & ADDR) | (log2(length) - 4); the queue
//   depends on index - 1, so it must be freed in descending index order (-EBUSY otherwise).
// - IOMMU_DESTROY: a HW queue: deinit and unmap; the vIOMMU: vintf_hw_deinit.
// - The error ISR: a CMDQV interrupt whose VINTF_ERR_MAP names the user VINTF posts a vEVENT
//   with its LVCMDQ_ERR_MAP; the host does not acknowledge (the guest does, through page0).
// Queue memory is the guest's, identity-mapped (stage 2 = IPA): before the host device runs,
// the entries between each HW queue's CONS and PROD are copied from guest RAM into the host
// device's memory. A host device's own writes to memory (CONS_INDX_BASE) stay in its memory.
#include "host_bridge.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "cmdqv_cts/driver/driver_regs.h"
#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/harness/device_factory.h"
#include "cmdqv_cts/qemu_cmdqv_host.h"
#include "cmdqv_cts/spec/loader.h"

namespace cts::harness::qemu_cmdqv {
namespace {

namespace regs = driver::regs;

constexpr std::uint32_t kHwQueueTypeTegra241 = 1;  // IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV
constexpr std::uint32_t kVeventqTypeTegra241 = 2;  // IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV
constexpr std::uint32_t kVmid = 1;                 // the vSMMU's stage-2 VMID
constexpr int kPollLimit = 16;                     // STATUS polls before the driver gives up
constexpr std::uint64_t kMinQueueBytes = 32;
constexpr std::uint64_t kGuestSmmuMaxSteps = std::uint64_t{1} << 24;

struct Context {
  std::shared_ptr<const spec::Spec> spec;
  std::chrono::milliseconds timeout{1000};
};
Context& context() {
  static Context c;
  return c;
}

class GuestMemory final : public model::Memory {
 public:
  explicit GuestMemory(const cts_host* g) : g_(g) {}
  bool read(std::uint64_t addr, void* buf, std::uint32_t len) override {
    return g_->dma_read(g_->ctx, addr, buf, len) == 0;
  }
  bool write(std::uint64_t addr, const void* buf, std::uint32_t len) override {
    return g_->dma_write(g_->ctx, addr, buf, len) == 0;
  }

 private:
  const cts_host* g_;
};

class GuestIrqs final : public model::IrqSink {
 public:
  explicit GuestIrqs(const cts_host* g) : g_(g) {}
  void pulse(model::IrqLine line) override {
    g_->irq(g_->ctx, static_cast<std::uint32_t>(line), 1);
    g_->irq(g_->ctx, static_cast<std::uint32_t>(line), 0);
  }

 private:
  const cts_host* g_;
};

class CountingIrqs final : public model::IrqSink {
 public:
  void pulse(model::IrqLine line) override { cmdqv_errors += line == model::IrqLine::CmdqvError; }
  std::uint32_t cmdqv_errors = 0;
};

// CMDQV_CTS_QEMU_LOG=1: what the emulated kernel does, on stderr (with QEMU's own log).
void trace(const std::string& what) {
  static const bool on = std::getenv("CMDQV_CTS_QEMU_LOG") != nullptr;
  if (on) std::fprintf(stderr, "qemu-cmdqv: host: %s\n", what.c_str());
}

[[noreturn]] void host_failed(const std::string& what) {
  std::fprintf(stderr, "qemu-cmdqv: the host device failed: %s\n", what.c_str());
  _exit(70);
}

class Host {
 public:
  // Opens `spec_text` in the cmdqv-host profile, or reuses and resets the one already open.
  void open(const std::string& spec_text, const std::string& fail, const cts_host* guest) {
    if (!device_ || spec_text != spec_text_) {
      device_.reset();
      auto& c = context();
      if (!c.spec) c.spec = std::make_shared<const spec::Spec>(spec::load_embedded_spec());
      device_ = open_device(parse_device_spec(spec_text), Profile::CmdqvHost,
                            OpenOptions{c.timeout, c.spec});
      spec_text_ = spec_text;
    }
    guest_ = guest;
    fail_ = fail;
    allocations_ = 0;
    vintf_ = 0;
    next_id_ = 1;
    objects_.clear();
    queues_.clear();
    vevents_.clear();
    smmu_.reset();
    device_->reset();
    driver_reset();
  }

  int smmu_open(std::uint32_t cmdqs) {
    model::ModelConfig c =
        model::ModelConfig::parse("cmdqs=" + std::to_string(cmdqs), spec::View::Guest);
    c.cmdqv = false;
    smmu_.emplace(context().spec, c);
    return 0;
  }
  int smmu_read(std::uint64_t off, std::uint32_t size, std::uint64_t* val) {
    if (!smmu_) return -ENODEV;
    const model::AccessResult a = smmu_->read(model::Region::Smmu, off, size);
    *val = a.value;
    return accepted(a.status) ? 0 : -EIO;
  }
  int smmu_write(std::uint64_t off, std::uint32_t size, std::uint64_t val) {
    if (!smmu_) return -ENODEV;
    return accepted(smmu_->write(model::Region::Smmu, off, size, val).status) ? 0 : -EIO;
  }

  int hw_info(std::uint32_t* version, std::uint8_t* log2vcmdqs, std::uint8_t* log2vsids) {
    const std::uint64_t param = read32(regs::kParam);
    *version = static_cast<std::uint32_t>(param & 0xF);
    *log2vcmdqs = static_cast<std::uint8_t>(log2(lvcmdqs_per_vintf()));
    *log2vsids = static_cast<std::uint8_t>((param >> 12) & 0xF);
    return 0;
  }

  int alloc_viommu(std::uint32_t* id, std::uint64_t* mmap_offset) {
    if (vintf_ != 0) return -EBUSY;        // one vIOMMU per guest here
    if (num_vintfs() < 2) return -ENOSPC;  // "no more available vintf": VINTF0 is the host's
    vintf_ = 1;
    vintf_hw_deinit();
    write32(regs::vintf_config(vintf_), std::uint64_t{kVmid} << regs::kVintfVmidShift);
    write32(regs::vintf_config(vintf_),
            (std::uint64_t{kVmid} << regs::kVintfVmidShift) | regs::kEn);
    if (!poll_enabled(regs::vintf_status(vintf_), true)) {
      vintf_hw_deinit();
      vintf_ = 0;
      return -ETIMEDOUT;
    }
    *id = next_id_++;
    objects_[*id] = Object{Kind::Viommu, 0};
    *mmap_offset = regs::lvcmdq_page0(vintf_, 0);
    return 0;
  }

  int alloc_veventq(std::uint32_t viommu_id, std::uint32_t type, std::uint32_t* id) {
    if (!is(viommu_id, Kind::Viommu)) return -ENOENT;
    if (type != kVeventqTypeTegra241) return -EOPNOTSUPP;
    *id = next_id_++;
    objects_[*id] = Object{Kind::Veventq, 0};
    return 0;
  }

  int alloc_hw_queue(std::uint32_t viommu_id, std::uint32_t type, std::uint32_t index,
                     std::uint64_t addr, std::uint64_t length, std::uint32_t* id) {
    if (!is(viommu_id, Kind::Viommu)) return -ENOENT;
    if (type != kHwQueueTypeTegra241) return -EOPNOTSUPP;
    if (index >= lvcmdqs_per_vintf()) return -EINVAL;
    if (queues_.count(index)) return -EEXIST;
    if (index > 0 && !queues_.count(index - 1)) return -EIO;
    const std::uint64_t max_bytes = std::uint64_t{regs::kEntryBytes} << host_cmdqs();
    if ((length & (length - 1)) != 0 || length < kMinQueueBytes || length > max_bytes)
      return -EINVAL;
    if ((addr & ~regs::kBaseAddrMask) != 0 || addr % length != 0) return -EINVAL;
    ++allocations_;
    trace("IOMMU_HW_QUEUE_ALLOC index " + std::to_string(index) + " addr " + spec::hex(addr) +
          " length " + std::to_string(length));
    if (fail_ == "all" || fail_ == std::to_string(allocations_)) {
      ++failed_allocations_;
      return -ENOMEM;  // injected (fail_hw_queue)
    }
    const std::uint32_t q = vintf_ * lvcmdqs_per_vintf() + index;
    write32(regs::cmdq_alloc(q), regs::alloc_map(vintf_, index));
    write32(regs::cmdq_alloc(q), regs::alloc_map(vintf_, index) | regs::kAllocAllocated);
    vcmdq_hw_deinit(index);
    const unsigned log2size = log2(length / regs::kEntryBytes);
    write64(regs::lvcmdq_page1(vintf_, index) + regs::kQBase,
            (addr & regs::kBaseAddrMask) | log2size);
    queues_[index] = Queue{addr, log2size};
    *id = next_id_++;
    objects_[*id] = Object{Kind::HwQueue, index};
    ++hw_queue_allocs_;
    return 0;
  }

  int free_id(std::uint32_t id) {
    const auto it = objects_.find(id);
    if (it == objects_.end()) return -ENOENT;
    switch (it->second.kind) {
      case Kind::HwQueue: {
        const std::uint32_t index = it->second.index;
        trace("IOMMU_DESTROY HW queue index " + std::to_string(index));
        if (queues_.count(index + 1)) return -EBUSY;  // index + 1 depends on it
        vcmdq_hw_deinit(index);
        write32(regs::cmdq_alloc(vintf_ * lvcmdqs_per_vintf() + index),
                regs::alloc_map(vintf_, index));
        queues_.erase(index);
        ++hw_queue_frees_;
        break;
      }
      case Kind::Viommu:
        for (const auto& [other, o] : objects_) {
          if (other != id && o.kind != Kind::Viommu) return -EBUSY;
        }
        vintf_hw_deinit();
        vintf_ = 0;
        break;
      case Kind::Veventq:
        break;
    }
    objects_.erase(it);
    return 0;
  }

  int page0_read(std::uint32_t off, std::uint32_t size, std::uint64_t* val) {
    if (vintf_ == 0) return -ENODEV;
    ++page0_accesses_;
    if (!call([&] {
          return device_->read(model::Region::Cmdqv, regs::lvcmdq_page0(vintf_, 0) + off, size,
                               *val);
        }))
      return -EIO;
    return 0;
  }
  int page0_write(std::uint32_t off, std::uint32_t size, std::uint64_t val) {
    if (vintf_ == 0) return -ENODEV;
    trace("page0 write" + std::to_string(size * 8) + " +" + spec::hex(off) + " = " +
          spec::hex(val));
    ++page0_accesses_;
    if (!call([&] {
          return device_->write(model::Region::Cmdqv, regs::lvcmdq_page0(vintf_, 0) + off, size,
                                val);
        }))
      return -EIO;
    return 0;
  }
  std::uint32_t page0_slots() { return lvcmdqs_per_vintf(); }

  void run() {
    trace("run");
    copy_pending_entries();
    CountingIrqs irqs;
    call([&] {
      device_->run(irqs);
      return true;
    });
    if (smmu_) {
      GuestMemory memory(guest_);
      GuestIrqs guest_irqs(guest_);
      smmu_->run(memory, guest_irqs, kGuestSmmuMaxSteps);
    }
    if (irqs.cmdqv_errors > 0 && vintf_ != 0) error_isr();
  }

  int next_vevent(std::uint64_t map[2]) {
    if (vevents_.empty()) return 0;
    map[0] = vevents_.front()[0];
    map[1] = vevents_.front()[1];
    vevents_.pop_front();
    return 1;
  }

  const char* summary() {
    summary_ = "host " + spec_text_ + ": " + std::to_string(hw_queue_allocs_) +
               " HW queue allocations (" + std::to_string(failed_allocations_) +
               " failed by injection), " + std::to_string(hw_queue_frees_) + " frees, " +
               std::to_string(page0_accesses_) + " host page0 accesses, " +
               std::to_string(vevents_posted_) + " vEVENTs";
    return summary_.c_str();
  }

 private:
  enum class Kind { Viommu, Veventq, HwQueue };
  struct Object {
    Kind kind;
    std::uint32_t index;
  };
  struct Queue {
    std::uint64_t addr;
    unsigned log2size;
  };

  static bool accepted(model::AccessStatus s) {
    return s == model::AccessStatus::Ok || s == model::AccessStatus::Unmapped;
  }
  static unsigned log2(std::uint64_t v) {
    unsigned n = 0;
    while (v > 1) {
      v >>= 1;
      ++n;
    }
    return n;
  }

  template <class F>
  bool call(F&& f) {
    try {
      return f();
    } catch (const std::exception& e) {
      host_failed(e.what());
    }
  }
  std::uint64_t read32(std::uint64_t off) {
    std::uint64_t v = 0;
    if (!call([&] { return device_->read(model::Region::Cmdqv, off, 4, v); }))
      host_failed("bus error reading cmdqv+" + std::to_string(off));
    return v;
  }
  void write32(std::uint64_t off, std::uint64_t v) {
    if (!call([&] { return device_->write(model::Region::Cmdqv, off, 4, v); }))
      host_failed("bus error writing cmdqv+" + std::to_string(off));
  }
  void write64(std::uint64_t off, std::uint64_t v) {
    if (!call([&] { return device_->write(model::Region::Cmdqv, off, 8, v); }))
      host_failed("bus error writing cmdqv+" + std::to_string(off));
  }
  bool poll_enabled(std::uint64_t status, bool want) {
    for (int i = 0; i < kPollLimit; ++i) {
      if (((read32(status) & regs::kEn) != 0) == want) return true;
      model::NullIrqSink none;
      call([&] {
        device_->run(none);
        return true;
      });
    }
    return false;
  }

  std::uint32_t num_vintfs() { return 1u << ((read32(regs::kParam) >> 8) & 0xF); }
  std::uint32_t num_vcmdqs() { return 1u << ((read32(regs::kParam) >> 4) & 0xF); }
  std::uint32_t lvcmdqs_per_vintf() { return num_vcmdqs() / num_vintfs(); }
  std::uint32_t num_sids() { return 1u << ((read32(regs::kParam) >> 12) & 0xF); }
  unsigned host_cmdqs() {
    std::uint64_t idr1 = 0;
    if (!call([&] { return device_->read(model::Region::Smmu, regs::kIdr1, 4, idr1); }))
      host_failed("bus error reading IDR1");
    return static_cast<unsigned>((idr1 >> regs::kIdr1CmdqsShift) & 0x1F);
  }

  // tegra241_cmdqv_hw_reset of the host driver, without the host's own LVCMDQs.
  void driver_reset() {
    write32(regs::kConfig, 0);
    (void)poll_enabled(regs::kStatus, false);
    write32(regs::kConfig, regs::kEn);
    if (!poll_enabled(regs::kStatus, true))
      host_failed("CMDQV STATUS.ENABLED did not follow CONFIG.EN");
    std::uint32_t q = 0;
    for (std::uint32_t v = 0; v < num_vintfs(); ++v) {
      for (std::uint32_t l = 0; l < lvcmdqs_per_vintf(); ++l)
        write32(regs::cmdq_alloc(q++), regs::alloc_map(v, l));
    }
    write32(regs::vintf_config(0), regs::kVintfHypOwn);
    write32(regs::vintf_config(0), regs::kVintfHypOwn | regs::kEn);
    if (!poll_enabled(regs::vintf_status(0), true))
      host_failed("VINTF0 STATUS.ENABLED did not follow CONFIG.EN");
  }

  void vintf_hw_deinit() {
    write32(regs::vintf_config(vintf_), 0);
    (void)poll_enabled(regs::vintf_status(vintf_), false);
    for (std::uint32_t s = 0; s < num_sids(); ++s) {
      write32(regs::sid_match(vintf_, s), 0);
      write32(regs::sid_replace(vintf_, s), 0);
    }
  }

  void vcmdq_hw_deinit(std::uint32_t index) {
    const std::uint64_t p0 = regs::lvcmdq_page0(vintf_, index),
                        p1 = regs::lvcmdq_page1(vintf_, index);
    write32(p0 + regs::kQConfig, 0);
    (void)poll_enabled(p0 + regs::kQStatus, false);
    write32(p0 + regs::kQProd, 0);
    write32(p0 + regs::kQCons, 0);
    write64(p1 + regs::kQBase, 0);
    write64(p1 + regs::kQConsIndxBase, 0);
    const std::uint64_t gerror = read32(p0 + regs::kQGerror),
                        gerrorn = read32(p0 + regs::kQGerrorn);
    if (gerror != gerrorn) write32(p0 + regs::kQGerrorn, gerror);
  }

  // The user VINTF's error: tegra241_vintf_user_handle_error posts its LVCMDQ_ERR_MAP.
  void error_isr() {
    const std::uint64_t vi_map = read32(regs::kViErrMap0) | (read32(regs::kViErrMap1) << 32);
    if (!(vi_map & (std::uint64_t{1} << vintf_))) return;
    std::array<std::uint64_t, 2> map{};
    for (std::uint32_t m = 0; m < 2; ++m) {
      if (!call([&] {
            return device_->read(model::Region::Cmdqv, regs::lvcmdq_err_map(vintf_, m), 8, map[m]);
          }))
        host_failed("bus error reading LVCMDQ_ERR_MAP");
    }
    vevents_.push_back(map);
    ++vevents_posted_;
  }

  void copy_pending_entries() {
    for (const auto& [index, q] : queues_) {
      const std::uint64_t p0 = regs::lvcmdq_page0(vintf_, index);
      const std::uint64_t entries = std::uint64_t{1} << q.log2size, wrap_mask = 2 * entries - 1;
      const std::uint64_t prod = read32(p0 + regs::kQProd) & wrap_mask;
      const std::uint64_t cons = read32(p0 + regs::kQCons) & wrap_mask;
      const std::uint64_t pending = std::min((prod - cons) & wrap_mask, entries);
      for (std::uint64_t i = 0; i < pending; ++i) {
        const std::uint64_t addr = q.addr + regs::kEntryBytes * ((cons + i) & (entries - 1));
        std::uint8_t entry[regs::kEntryBytes];
        if (guest_->dma_read(guest_->ctx, addr, entry, sizeof entry) != 0)
          continue;  // the host aborts too
        call([&] {
          device_->write_memory(addr, entry, sizeof entry);
          return true;
        });
      }
    }
  }

  bool is(std::uint32_t id, Kind k) const {
    const auto it = objects_.find(id);
    return it != objects_.end() && it->second.kind == k;
  }

  std::unique_ptr<Device> device_;
  std::string spec_text_;
  const cts_host* guest_ = nullptr;
  std::string fail_;
  std::uint32_t allocations_ = 0;
  std::uint32_t vintf_ = 0;
  std::uint32_t next_id_ = 1;
  std::map<std::uint32_t, Object> objects_;
  std::map<std::uint32_t, Queue> queues_;
  std::deque<std::array<std::uint64_t, 2>> vevents_;
  std::optional<model::ReferenceModel> smmu_;
  std::uint64_t hw_queue_allocs_ = 0, hw_queue_frees_ = 0, failed_allocations_ = 0,
                page0_accesses_ = 0, vevents_posted_ = 0;
  std::string summary_;
};

Host& host(void* h) {
  return *static_cast<Host*>(h);
}

void* open(const char* host_spec, const char* fail, const cts_host* guest, char* err,
           std::size_t errlen) {
  static Host instance;  // one guest device per plugin process; the host device stays open
  try {
    instance.open(host_spec, fail, guest);
    return &instance;
  } catch (const std::exception& e) {
    std::snprintf(err, errlen, "qemu-cmdqv: host device '%s': %s", host_spec, e.what());
    return nullptr;
  }
}

// The end of one guest: what the host did, with CMDQV_CTS_QEMU_LOG.
void close(void* h) { trace(host(h).summary()); }

int smmu_open(void* h, std::uint32_t cmdqs) {
  try {
    return host(h).smmu_open(cmdqs);
  } catch (const std::exception&) {
    return -EINVAL;
  }
}

const cts_qcmdqv_host_ops kOps = {
    CTS_QCMDQV_HOST_VERSION,
    open,
    close,
    smmu_open,
    [](void* h, std::uint64_t off, std::uint32_t size, std::uint64_t* v) {
      return host(h).smmu_read(off, size, v);
    },
    [](void* h, std::uint64_t off, std::uint32_t size, std::uint64_t v) {
      return host(h).smmu_write(off, size, v);
    },
    [](void* h, std::uint32_t* version, std::uint8_t* lv, std::uint8_t* ls) {
      return host(h).hw_info(version, lv, ls);
    },
    [](void* h, std::uint32_t* id, std::uint64_t* off) { return host(h).alloc_viommu(id, off); },
    [](void* h, std::uint32_t viommu, std::uint32_t type, std::uint32_t* id) {
      return host(h).alloc_veventq(viommu, type, id);
    },
    [](void* h, std::uint32_t viommu, std::uint32_t type, std::uint32_t index, std::uint64_t addr,
       std::uint64_t len,
       std::uint32_t* id) { return host(h).alloc_hw_queue(viommu, type, index, addr, len, id); },
    [](void* h, std::uint32_t id) { return host(h).free_id(id); },
    [](void* h, std::uint32_t off, std::uint32_t size, std::uint64_t* v) {
      return host(h).page0_read(off, size, v);
    },
    [](void* h, std::uint32_t off, std::uint32_t size, std::uint64_t v) {
      return host(h).page0_write(off, size, v);
    },
    [](void* h) { return host(h).page0_slots(); },
    [](void* h) { host(h).run(); },
    [](void* h, std::uint64_t map[2]) { return host(h).next_vevent(map); },
    [](void* h) { return host(h).summary(); },
};

}  // namespace

void set_host_context(std::shared_ptr<const spec::Spec> spec, std::chrono::milliseconds timeout) {
  context().spec = std::move(spec);
  context().timeout = timeout;
}

const void* host_bridge_entry() {
  return reinterpret_cast<const void*>(&cts_qemu_cmdqv_host);
}

}  // namespace cts::harness::qemu_cmdqv

extern "C" __attribute__((visibility("default"))) const cts_qcmdqv_host_ops* cts_qemu_cmdqv_host(
    void) {
  return &cts::harness::qemu_cmdqv::kOps;
}
