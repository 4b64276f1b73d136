// SPDX-License-Identifier: MIT
// The messages between PluginDevice (parent) and the plugin's child process: fixed-size
// headers, then an optional payload. Both ends are this program (fork without exec), so
// native layout is fine.
#pragma once

#include <cstdint>

namespace cts::harness::plugin {

enum Op : std::uint8_t {
  kLoad = 1,     // payload: plugin path; reply: status, text = "name\nprofiles" or the error
  kCreate,       // payload: option string; reply: status, text = create()'s error
  kRead,         // a = region, b = offset, c = size; reply: status, value
  kWrite,        // a = region, b = offset, c = size, payload: 8-byte value
  kWriteMemory,  // b = address, payload: bytes
  kRun,          // reply: rising edges per IRQ line since the last run
  kReset,        // destroy(), clear memory, create() again with the last options
  kDmaFaults,    // a = seed, b = threshold: reads of memory abort from now on (faulty:dma-abort)
};

struct Request {
  std::uint8_t op;
  std::uint8_t pad[3];
  std::uint32_t c;
  std::uint64_t a;
  std::uint64_t b;
  std::uint32_t payload_len;
  std::uint32_t pad2;
};

struct ReplyHeader {
  std::int32_t status;  // 0 = ok; non-zero: the device's bus error, or a load/create failure
  std::uint32_t text_len;
  std::uint64_t value;
  std::uint32_t irqs[3];
  // Non-zero: the plugin broke the device ABI (device.h) during this call, e.g. an interrupt
  // on a line device.h does not define; text says how. The parent reports it as a failure.
  std::uint32_t protocol_error;
};

inline constexpr std::uint32_t kMaxPayload = 1u << 20;

// The child's exit status when it died of its memory bound (see serve()).
inline constexpr int kMemoryBoundStatus = 117;

// The child's side: serves requests on `fd` until the parent closes it. Never returns.
// `memory_bound` bytes (0 = none) more address space than it starts with are all it may map
// (RLIMIT_AS); when it dies of a fatal signal with less than a quarter of the bound left, it
// exits with kMemoryBoundStatus instead, so the parent reports the bound.
[[noreturn]] void serve(int fd, std::uint64_t memory_bound);

}  // namespace cts::harness::plugin
