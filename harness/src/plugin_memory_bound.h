// SPDX-License-Identifier: MIT
// The plugin child's memory bound (plugin_memory_bound.cpp).
#pragma once

#include <cstdint>

namespace cts::harness::plugin {

// In the child, before the plugin is loaded: default handlers for fatal signals (so a crash is
// reported as its signal, whatever a sanitizer installed), and with `bound` > 0 an address-space
// limit of `bound` bytes more than the child now has.
void set_memory_bound(std::uint64_t bound);

}  // namespace cts::harness::plugin
