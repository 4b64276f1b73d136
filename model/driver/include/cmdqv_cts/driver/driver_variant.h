// SPDX-License-Identifier: MIT
// Named orderings of the tegra241-cmdqv driver (cmdqv.md sections 6-8). A variant fixes, for each
// ordering the kernel got wrong at some point, which side of the fix it is on. The filter
// ordering is driver_routing.h's FilterOrdering (the proofs reason about the same enum).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "cmdqv_cts/model/driver_routing.h"

namespace cts::driver {

// When lvcmdqs[l] becomes visible to the ISR (CVE-2026-90430, fixed in 6.12.111). The fix also
// makes the ISR load the slot with acquire and skip NULL.
enum class LvcmdqPublish : std::uint8_t { BeforeBuild, AfterBuild };
// When probe requests the error IRQ (CVE-2026-90428, fixed in 6.12.110).
enum class IrqRequest : std::uint8_t { BeforeVintfs, AfterVintfs };
// Where remove frees the error IRQ (CVE-2026-90426, fixed in 6.12.110). free_irq waits for a
// running handler, so freeing it first means no handler can hold a VINTF or LVCMDQ being freed.
enum class FreeIrq : std::uint8_t { AfterVintfs, First };
// "Synchronize the error ISR against VINTF (de)init" (not in 6.12.117): the ISR NULL-checks
// vintfs[0], and deinit clears the slot and waits for the handler before freeing.
enum class IsrVintf : std::uint8_t { Unchecked, Checked };
// 6.12: CMDQ_ALLOC written with ALLOCATED = 1 at reset and never cleared. Newest: ALLOCATED = 0 at
// reset, map ascending in vintf_hw_init, unmap descending in vintf_hw_deinit. UnmapAscending is a
// deliberately wrong driver (no kernel did this) that shows ALLOC-2 can fail.
enum class Mapping : std::uint8_t { Static, Dynamic, UnmapAscending };

struct DriverVariant {
  std::string_view name;
  model::FilterOrdering filter;
  LvcmdqPublish publish;
  IrqRequest irq;
  FreeIrq free_irq;
  IsrVintf isr_vintf;
  Mapping mapping;
  bool real;  // false: a mutant that exists only to show a property can fail
  std::string_view about;
};

// Every named variant: the real kernels first, then "fixed" with one fix reverted, then mutants.
std::span<const DriverVariant> driver_variants();
// nullptr if there is no variant of that name.
const DriverVariant* find_driver_variant(std::string_view name);
// "upstream-6.12.0, debian-6.12.107, ..." for error messages.
std::string driver_variant_names();

}  // namespace cts::driver
