// SPDX-License-Identifier: MIT
// A trace as the checker reads it, whatever format it came from: the device it describes
// (profile, model configuration) and its events, each with the line of the source file it came
// from, so that every verdict and every error can name that line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/conformance_run.h"
#include "cmdqv_cts/model/ports.h"
#include "cmdqv_cts/model/reference_model.h"

namespace cts::trace {

// A trace that cannot be read, or that describes another device: "FILE:LINE: what".
class TraceError : public std::runtime_error {
 public:
  TraceError(const std::string& file, std::size_t line, const std::string& what)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + what), line_(line) {}
  std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

enum class EventKind {
  Reset,    // the device is back in its reset state, memory cleared
  Read,     // region, offset, size -> value (or a bus error)
  Write,    // region, offset, size, value (and whether it was a bus error)
  Memory,   // bytes stored in queue memory at an address
  Consume,  // a queue consumed the entry at its CONS: only its opcode (or a fetch abort) is known
  Irq,      // one edge (pulse) of an interrupt line
  Run,      // the device made progress until quiescent
};

// Which queue a Consume event is about.
struct QueueId {
  bool smmu = true;
  std::uint32_t vcmdq = 0;  // !smmu: the global VCMDQ index
  bool operator==(const QueueId&) const = default;
};

struct TraceEvent {
  EventKind kind = EventKind::Reset;
  std::size_t line = 0;  // 1-based line of the source file
  // Read / Write.
  model::Region region = model::Region::Smmu;
  std::uint64_t offset = 0;
  unsigned size = 4;
  std::uint64_t value = 0;
  bool fault = false;  // a bus error
  // Memory.
  std::uint64_t address = 0;
  std::vector<std::uint8_t> bytes;
  // Consume.
  QueueId queue;
  std::uint8_t opcode = 0;
  bool opcode_known = true;             // false: the log names a set of opcodes (see `opcode_name`)
  std::string opcode_name;              // as the source names it, for messages
  bool abort = false;                   // the fetch aborted (no opcode)
  std::optional<std::uint8_t> outcome;  // CONS.ERR code the device raised (0 = executed), if known
  // Irq.
  model::IrqLine irq = model::IrqLine::SmmuCmdqSync;
};

// Events a source format carries that the checker does not need (QEMU's translation or config
// cache events): accepted, counted, and listed in the verdict.
struct SkippedEvents {
  std::string name;
  std::size_t count = 0;
  std::size_t first_line = 0;
  bool known = true;  // false: a name the adapter does not know
};

struct Trace {
  std::string file;    // for messages
  std::string format;  // cts | qemu | csv
  std::optional<harness::Profile> profile;
  std::size_t profile_line = 0;
  std::optional<std::string> config;  // model options "key=value,..."
  std::size_t config_line = 0;
  std::string device;  // free text: what was recorded
  std::vector<TraceEvent> events;
  std::vector<SkippedEvents> skipped;
  std::vector<std::string> notes;  // what the adapter could not carry over
  std::vector<std::string> lines;  // the source text, for context around a violation
};

// Splits `text` into lines (without the newline), for Trace::lines.
std::vector<std::string> split_lines(const std::string& text);

// Names used by every format: "cmdq-sync", "gerror", "cmdqv-error".
const char* irq_name(model::IrqLine line);
bool irq_from_name(const std::string& name, model::IrqLine& out);

}  // namespace cts::trace
