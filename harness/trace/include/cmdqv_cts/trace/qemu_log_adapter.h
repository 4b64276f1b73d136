// SPDX-License-Identifier: MIT
// Reads the log of QEMU's SMMUv3 trace events (`-trace 'smmuv3_*'`, QEMU 7.2 formats, with or
// without the "PID@SECONDS.MICROS:" prefix) as a trace: MMIO reads and writes of the SMMU
// page, the opcode and outcome of each consumed command queue entry, and the SMMU interrupts.
// QEMU logs an access after its side effects, so consumption and interrupts are moved after the
// write that caused them, followed by a `run` (QEMU consumes inside the write).
#pragma once

#include <string>

#include "cmdqv_cts/trace/trace_event.h"

namespace cts::trace {

// Throws TraceError (file:line) on an empty log, a malformed argument list of an event the
// checker uses, or a line that is not an smmuv3_* event. Other smmuv3_* events are skipped
// and listed in Trace::skipped.
Trace parse_qemu_log(const std::string& text, const std::string& file);

}  // namespace cts::trace
