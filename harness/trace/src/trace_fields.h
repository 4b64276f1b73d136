// SPDX-License-Identifier: MIT
// Field syntax shared by the trace readers: hex numbers, byte strings, region and queue names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cmdqv_cts/trace/trace_event.h"

namespace cts::trace {

// "0x" followed by 1 to 16 hex digits.
bool parse_hex(std::string_view text, std::uint64_t& out);
// Hex digits without a prefix (base 16), 1 to 16 of them.
bool parse_bare_hex(std::string_view text, std::uint64_t& out);
bool parse_decimal(std::string_view text, std::uint64_t& out);
// An even, non-zero number of hex digits, in memory order.
bool parse_hex_bytes(std::string_view text, std::vector<std::uint8_t>& out);
std::string hex_bytes(const std::vector<std::uint8_t>& bytes);

const char* region_name(model::Region r);
bool region_from_name(std::string_view name, model::Region& out);
// "smmu" or "vcmdqN".
std::string queue_name(const QueueId& q);
bool queue_from_name(std::string_view name, QueueId& out);

}  // namespace cts::trace
