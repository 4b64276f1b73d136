// SPDX-License-Identifier: MIT
// The in-kernel tegra241-cmdqv driver as a model (cmdqv.md sections 5-9): its lifecycle steps,
// each doing the MMIO accesses the real driver does in its order, on any DriverBus; its routing
// (get_cmdq); and its error ISR as a second thread of small steps. It keeps the driver's data
// structures, tracked past kfree, so that an ISR run at any point between two driver steps turns
// "touched a half-initialised or freed queue" into a recorded violation instead of a crash.
//
// Not modelled: bypass_vcmdq/disable_cmdqv set (both off), the flush CMD_SYNC of newest
// vcmdq_hw_deinit, MSI polling, queues larger than 2^8 entries (memory only; the index arithmetic
// is model/queue_index.h for every size).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cmdqv_cts/driver/driver_bus.h"
#include "cmdqv_cts/driver/driver_variant.h"
#include "cmdqv_cts/driver/linux_commands.h"

namespace cts::driver {

// kzalloc'ed but not initialised / initialised / kfree'd. Objects are never reused, so a stale
// pointer still finds its object and its state.
enum class ObjState : std::uint8_t { Allocated, Built, Freed };

struct LvcmdqObj {
  ObjState state = ObjState::Allocated;
  std::uint32_t vintf = 0, lidx = 0, global = 0;
  std::uint64_t q_base = 0;  // BASE as the driver writes it: ADDR | LOG2SIZE
  std::uint64_t addr = 0;
  unsigned log2size = 0;
  bool filter = false;     // cmdq->supports_cmd is the guest allow-list
  bool enabled = false;    // vcmdq->enabled, set by the STATUS poll
  bool mapped = false;     // CMDQ_ALLOC.ALLOCATED as the driver last wrote it
  std::uint64_t prod = 0;  // software PROD (wrap | index)
};

struct VintfObj {
  ObjState state = ObjState::Allocated;
  std::uint32_t id = 0;
  std::uint32_t vmid = 0;
  bool hyp_own = false;  // as read back (zero until then: the object is kzalloc'ed)
  bool enabled = false;
  std::vector<std::int32_t> lvcmdqs;  // published slots: LvcmdqObj id, or -1 (NULL)
};

// A rule the driver (or the device it drives) broke, at driver micro-step `at`.
struct Violation {
  std::string clause;
  std::string what;
  std::uint64_t at = 0;
};

// When the error IRQ reaches the driver. A firing point raises the line after driver micro-step
// `at` (a spurious or stale edge is allowed) and runs up to `isr_steps` ISR steps, so the handler
// can be preempted and resumed at a later point. With deliver_pending, an interrupt the device
// raised is handled to completion at the next point (the matrix: no preemption).
struct FiringPoint {
  std::uint64_t at = 0;
  std::uint32_t isr_steps = 1;
};
struct IrqSchedule {
  std::vector<FiringPoint> points;  // sorted by `at`
  bool deliver_pending = true;
};

class DriverModel {
 public:
  enum class Phase : std::uint8_t { Idle, Probed, Structured, Running };
  enum class Fallback : std::uint8_t { None, VintfOff, LvcmdqOff, Filter };
  struct Route {
    std::int32_t lvcmdq = -1;  // LvcmdqObj id, -1 = the SMMU CMDQ
    Fallback why = Fallback::None;
  };

  DriverModel(const DriverVariant& variant, DriverBus& bus, IrqSchedule schedule = {});

  // Lifecycle, in the order Linux runs it. Each returns false, doing nothing, out of order.
  bool probe();            // SMMU IDRs, PARAM, vintfs[], request_irq (variant order)
  bool init_structures();  // VINTF0, each LVCMDQ allocated, built, published (variant order)
  bool device_reset();     // SMMU CMDQ, CMDQV disable/enable, CMDQ_ALLOC, vintf_hw_init(VINTF0)
  bool remove();           // device_disable (VINTF hw deinit), then device_remove (variant order)
  // arm_smmu_cmdq_issue_cmd_with_sync: get_cmdq, the command and a CMD_SYNC on that queue, then
  // wait for the sync (running the error ISR if the queue stalls on an error).
  bool issue(std::uint8_t opcode, std::uint32_t cpu);
  // Test bench: a command lands on LVCMDQ l without routing or sync, and nobody waits for it
  // (how a VINTF0 queue gets an error the ISR must handle). False if LVCMDQ l is not live.
  bool issue_unrouted(std::uint32_t lidx, std::uint64_t dword0);
  // An edge that arrived while no handler was registered (a previous kernel's error).
  void latch_irq() { irq_pending_ = true; }

  Route get_cmdq(std::uint8_t opcode, std::uint32_t cpu) const;  // tegra241_cmdqv_get_cmdq

  // The error IRQ. raise: start the handler if the IRQ is requested and it is not running.
  void raise_irq();
  bool isr_running() const { return isr_.pc != IsrPc::Idle; }
  void isr_step();
  void isr_run_to_completion();

  const DriverVariant& variant() const { return variant_; }
  Phase phase() const { return phase_; }
  const std::vector<Violation>& violations() const { return violations_; }
  std::uint64_t micro_steps() const { return micro_; }
  const SmmuFeatures& features() const { return features_; }
  std::uint32_t num_vintfs() const { return num_vintfs_; }
  std::uint32_t num_lvcmdqs_per_vintf() const { return num_lvcmdqs_; }
  bool irq_requested() const { return irq_requested_; }
  const VintfObj* vintf(std::uint32_t id) const;  // the published slot, nullptr if NULL
  const LvcmdqObj& lvcmdq_obj(std::int32_t id) const {
    return lvcmdq_objs_[static_cast<std::size_t>(id)];
  }
  // The commands this driver may issue on this SMMU (IDR0 features), in table order.
  std::vector<LinuxCommand> issuable_commands() const;

  // Host-kernel internals the iommufd path (GuestDriverPath) builds on.
  std::int32_t ida_alloc_vintf();  // lowest free id >= 1, -1 if none
  void ida_free_vintf(std::uint32_t id);
  std::uint32_t publish_user_vintf(std::uint32_t id, std::uint32_t vmid);
  void unpublish_user_vintf(std::uint32_t id);
  // vintf_hw_init / vintf_hw_deinit. Returns 0 or a negative errno.
  int vintf_hw_init(std::uint32_t id, bool hyp_own);
  void vintf_hw_deinit(std::uint32_t id);
  std::int32_t new_lvcmdq(std::uint32_t vintf, std::uint32_t lidx);  // kzalloc + init_lvcmdq
  void publish_lvcmdq(std::int32_t obj);
  // A user HW queue: published, mapped, deinit, then BASE only (user space enables it).
  void init_user_lvcmdq(std::int32_t obj, std::uint64_t addr, unsigned log2size);
  void free_lvcmdq(std::int32_t obj);
  void map_lvcmdq(std::int32_t obj);
  void unmap_lvcmdq(std::int32_t obj);
  void vcmdq_hw_deinit(std::int32_t obj);
  void write_bus(Region r, std::uint64_t off, unsigned size, std::uint64_t value);
  std::uint64_t read_bus(Region r, std::uint64_t off, unsigned size);
  std::uint32_t cmdqs_log2() const { return cmdqs_; }

 private:
  enum class IsrPc : std::uint8_t {
    Idle,
    ReadMaps,
    LoadVintf0,
    ReadLvcmdqMap,
    LoadLvcmdq,
    ReadGerror,
    SkipErr,
    Ack
  };
  struct IsrThread {
    IsrPc pc = IsrPc::Idle;
    std::uint64_t vi_map = 0, lmap = 0;
    std::int32_t vintf = -1, lvcmdq = -1;
    std::uint32_t word = 0, lidx = 0;
    std::uint64_t gerror = 0;
  };
  class Sink final : public model::IrqSink {
   public:
    explicit Sink(DriverModel& d) : d_(d) {}
    void pulse(model::IrqLine line) override;

   private:
    DriverModel& d_;
  };

  // A point between two driver micro-steps: the IRQ may fire here.
  void point();
  void violate(std::string clause, std::string what);
  bool poll(Region r, std::uint64_t off, std::uint64_t mask, std::uint64_t want);
  // ISR accesses to driver objects: false (and a violation) if it must not touch it.
  bool isr_touch_vintf(std::int32_t id);
  bool isr_touch_lvcmdq(std::int32_t id);
  void isr_finish() { isr_ = IsrThread{}; }
  void isr_next_lvcmdq_bit();

  void free_irq();
  void check_map_order(const LvcmdqObj& q, bool map);
  void build_lvcmdq(std::int32_t obj);  // alloc_smmu_cmdq
  int vcmdq_hw_init(std::int32_t obj);
  void smmu_reset();
  // Push entries at PROD of a queue (lvcmdq obj, or -1 = SMMU CMDQ) and write PROD.
  void push(std::int32_t q, const std::vector<std::pair<std::uint64_t, std::uint64_t>>& entries);
  // Wait for queue q to consume everything pushed; the first error seen (code 0: none) and CONS
  // then.
  struct QueueError {
    unsigned code = 0;
    std::uint64_t cons = 0;
  };
  QueueError wait_for_queue(std::int32_t q);
  void smmu_skip_error();
  std::string queue_name(std::int32_t q) const;

  static constexpr std::uint64_t kSmmuQueueAddr = 0x40100000;  // in the device ABI's RAM window
  const DriverVariant& variant_;
  DriverBus& bus_;
  IrqSchedule schedule_;
  std::size_t next_point_ = 0;
  Sink sink_{*this};
  Phase phase_ = Phase::Idle;
  std::uint64_t micro_ = 0;
  std::vector<Violation> violations_;

  SmmuFeatures features_;
  std::uint32_t cmdqs_ = 0;
  std::uint32_t num_vintfs_ = 0, num_vcmdqs_ = 0, num_lvcmdqs_ = 0;
  bool vintfs_allocated_ = false;
  std::vector<std::int32_t> vintfs_;  // published VINTF slots: VintfObj id or -1
  std::vector<bool> ida_;
  std::vector<VintfObj> vintf_objs_;
  std::vector<LvcmdqObj> lvcmdq_objs_;
  bool irq_requested_ = false;
  bool irq_pending_ = false;
  IsrThread isr_;
  std::uint64_t smmu_prod_ = 0;
  unsigned smmu_log2_ = 0;
};

const char* to_string(ObjState s);

// The clauses the driver model checks: the lifecycle, routing and map-order rules it reports
// through its violations, and the iommufd rules of the guest path (guest_driver_path.h).
// `cmdqv-cts list coverage` counts them; driver_clauses_test keeps the list honest.
inline const std::vector<std::string>& driver_checked_clauses() {
  static const std::vector<std::string> ids = {"ALLOC-2", "LIFE-1",  "LIFE-2", "LIFE-3",
                                               "LIFE-4",  "ROUTE-1", "ROUTE-2", "UAPI-1", "UAPI-2"};
  return ids;
}

}  // namespace cts::driver
