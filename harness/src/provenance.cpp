// SPDX-License-Identifier: MIT
// Per-register record of the model's decisions (see provenance.h).
#include "cmdqv_cts/harness/provenance.h"

#include <algorithm>

namespace cts::harness {

void Provenance::decided(model::Region region, std::int32_t id, std::uint64_t mask,
                         std::string_view clause, std::initializer_list<std::int32_t> inputs) {
  if (id < 0 || mask == 0) return;
  std::vector<Entry>& list = entries_[key(region, id)];
  for (Entry& e : list) e.mask &= ~mask;  // the new decision replaces these bits' history
  std::erase_if(list, [](const Entry& e) { return e.mask == 0; });
  list.push_back(Entry{mask, clause, std::vector<std::int32_t>(inputs)});
}

void Provenance::command_decided(model::Region region, std::int32_t id,
                                 std::initializer_list<std::int32_t> inputs) {
  decided(region, id, ~std::uint64_t{0}, "", inputs);
  entries_[key(region, id)].back().command = true;
}

std::vector<const Provenance::Entry*> Provenance::behind(model::Region region, std::int32_t id,
                                                         std::uint64_t bits) const {
  std::vector<const Entry*> out;
  const auto it = entries_.find(key(region, id));
  if (it == entries_.end()) return out;
  for (const Entry& e : it->second) {
    if (e.mask & bits) out.push_back(&e);
  }
  return out;
}

bool Provenance::by_command(model::Region region, std::int32_t id, std::uint64_t bits) const {
  const std::vector<const Entry*> entries = behind(region, id, bits);
  return std::any_of(entries.begin(), entries.end(), [](const Entry* e) { return e->command; });
}

}  // namespace cts::harness
