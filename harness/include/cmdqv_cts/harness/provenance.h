// SPDX-License-Identifier: MIT
// What the model's Observer port reports, kept per register: for each bit, the clause that
// last decided it and the registers it was decided from. A difference in a read is charged to
// the clauses behind the bits that differ, after the registers those were decided from have
// been checked on the device (differential.cpp), instead of to every clause naming the register.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cmdqv_cts/model/observer.h"

namespace cts::harness {

class Provenance final : public model::Observer {
 public:
  struct Entry {
    std::uint64_t mask = 0;   // the bits this decision set, and no later one changed
    std::string_view clause;  // "EN-3"; empty: software's write through the register's offset
    std::vector<std::int32_t> inputs;  // instances of the same region it was decided from
    bool command = false;  // a consumed command decided it (command_blame.h finds the clause)
  };

  void decided(model::Region region, std::int32_t id, std::uint64_t mask, std::string_view clause,
               std::initializer_list<std::int32_t> inputs) override;
  void command_decided(model::Region region, std::int32_t id,
                       std::initializer_list<std::int32_t> inputs) override;

  // The decisions behind `bits` of instance `id`, oldest first. None: the bits hold their reset
  // value (no write and no decision changed them).
  std::vector<const Entry*> behind(model::Region region, std::int32_t id, std::uint64_t bits) const;
  // Whether a consumed command decided any of `bits` of instance `id`.
  bool by_command(model::Region region, std::int32_t id, std::uint64_t bits) const;

 private:
  static std::uint64_t key(model::Region region, std::int32_t id) {
    return (std::uint64_t{static_cast<std::uint8_t>(region)} << 32) |
           static_cast<std::uint32_t>(id);
  }
  std::unordered_map<std::uint64_t, std::vector<Entry>> entries_;
};

}  // namespace cts::harness
