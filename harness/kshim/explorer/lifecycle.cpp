// SPDX-License-Identifier: MIT
#include "lifecycle.h"

#include <cstdio>

#include "user_path.h"

namespace cts::kshim {
namespace {

constexpr unsigned kOpSync = 0x46, kOpTlbiNhAsid = 0x11;
constexpr unsigned long long kIllegalCommand = 0xff;  // a Reserved opcode: CERROR_ILL everywhere
constexpr unsigned kCerrorIll = 1;

std::string hex(unsigned v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%02x", v);
  return b;
}

std::string queue_name(int lvcmdq) {
  return lvcmdq < 0 ? "the SMMU CMDQ" : "LVCMDQ " + std::to_string(lvcmdq);
}

}  // namespace

const char* opcode_name(unsigned op) {
  switch (op) {
    case 0x01:
      return "PREFETCH_CFG";
    case 0x03:
      return "CFGI_STE";
    case 0x04:
      return "CFGI_ALL";
    case 0x05:
      return "CFGI_CD";
    case 0x06:
      return "CFGI_CD_ALL";
    case 0x11:
      return "TLBI_NH_ASID";
    case 0x12:
      return "TLBI_NH_VA";
    case 0x20:
      return "TLBI_EL2_ALL";
    case 0x21:
      return "TLBI_EL2_ASID";
    case 0x22:
      return "TLBI_EL2_VA";
    case 0x28:
      return "TLBI_S12_VMALL";
    case 0x2a:
      return "TLBI_S2_IPA";
    case 0x30:
      return "TLBI_NSNH_ALL";
    case 0x40:
      return "ATC_INV";
    case 0x41:
      return "PRI_RESP";
    case 0x44:
      return "RESUME";
    case 0x46:
      return "CMD_SYNC";
    default:
      return "?";
  }
}

std::vector<unsigned> opcodes_for_idr0(std::uint32_t idr0) {
  const bool s1p = idr0 & (1u << 1), s2p = idr0 & 1u, hyp = idr0 & (1u << 9),
             ats = idr0 & (1u << 10), pri = idr0 & (1u << 16), stall = ((idr0 >> 24) & 3u) != 1u;
  std::vector<unsigned> ops = {0x01, 0x03, 0x04, 0x05, 0x06};
  if (s1p) ops.insert(ops.end(), {0x11, 0x12});
  if (hyp) ops.insert(ops.end(), {0x20, 0x21, 0x22});
  if (s2p) ops.insert(ops.end(), {0x28, 0x2a});
  ops.push_back(0x30);
  if (ats) ops.push_back(0x40);
  if (pri) ops.push_back(0x41);
  if (stall) ops.push_back(0x44);
  ops.push_back(kOpSync);
  return ops;
}

LifecycleOutcome run_lifecycle(const KshimModule& module, DeviceBridge& bridge,
                               const LifecyclePlan& plan) {
  const kshim_module& m = module.api();
  LifecycleOutcome out;
  auto violate = [&](const std::string& kind, const std::string& text) {
    out.violations.push_back({kind, text});
  };

  int ret = m.probe();
  if (ret) violate("probe", "probe failed: " + std::to_string(ret));
  out.cmdqv_active = m.cmdqv_active() != 0;
  if (!ret) {
    ret = m.init_structures();
    if (ret) violate("probe", "init_structures failed: " + std::to_string(ret));
  }
  if (!ret) {
    ret = m.device_reset();
    if (ret) violate("reset", "device_reset failed: " + std::to_string(ret));
  }
  out.vintf0_config = bridge.last_vintf0_config();
  if (!ret && !out.cmdqv_active) violate("fallback", "the driver fell back to the SMMU CMDQ");

  if (!ret) {
    for (unsigned cpu : plan.cpus) {
      for (unsigned op : plan.opcodes) {
        kshim_issue_result r{};
        const unsigned long errors = bridge.device_errors();
        m.issue(cpu, op, 0, &r);
        // Only an error the device signalled counts (a preempting ISR may be shown a fake one).
        if (bridge.device_errors() == errors) r.cerror = 0;
        out.routed.push_back({cpu, op, r.lvcmdq, r.ret, r.cerror});
        const std::string what = std::string(opcode_name(op)) + " from CPU " + std::to_string(cpu) +
                                 " on " + queue_name(r.lvcmdq);
        if (r.cerror) {
          violate("route", what + ": the device raised CERROR code " + std::to_string(r.cerror) +
                               (r.cerror == kCerrorIll ? " (ILL)" : ""));
        }
        if (r.ret)
          violate("issue",
                  what + ": issue failed " + std::to_string(r.ret) + " (CMD_SYNC not consumed)");
      }
    }
    if (plan.inject_lvcmdq >= 0 && plan.irq) {
      kshim_issue_result r{};
      m.issue(static_cast<unsigned>(plan.inject_lvcmdq), kOpTlbiNhAsid, kIllegalCommand, &r);
      const std::string where = "illegal command " + hex(static_cast<unsigned>(kIllegalCommand)) +
                                " from CPU " + std::to_string(plan.inject_lvcmdq) + " on " +
                                queue_name(r.lvcmdq);
      if (r.lvcmdq != plan.inject_lvcmdq) {
        violate("isr", where + ": expected LVCMDQ " + std::to_string(plan.inject_lvcmdq));
      } else if (r.ret) {
        violate("isr", where + ": the error ISR did not skip it (CMD_SYNC timed out, error " +
                           std::to_string(r.ret) + ")");
      } else if (r.cerror != kCerrorIll) {
        violate("isr",
                where + ": the error handler saw CERROR " + std::to_string(r.cerror) + ", not ILL");
      }
    }
  }

  if (!ret && plan.user.enabled && m.iommufd_supported())
    run_user_path(module, bridge, plan.user, out);

  m.remove();
  for (const auto& v : alloc_order_violations(bridge.alloc_writes())) violate("ALLOC-2", v);
  if (m.irq_requested()) violate("irq-live", "the CMDQV interrupt is still requested after remove");
  if (unsigned long n = m.live_allocations())
    violate("leak", std::to_string(n) + " kmalloc object(s) never freed");
  if (unsigned long n = m.live_mappings())
    violate("mapping", std::to_string(n) + " ioremap()ed mapping(s) left");
  if (int n = m.device_refs())
    violate("device-ref", std::to_string(n) + " reference(s) on the ACPI companion left");
  out.events = m.event_count();
  return out;
}

}  // namespace cts::kshim
