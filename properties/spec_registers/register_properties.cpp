// SPDX-License-Identifier: MIT
// Register properties from spec/ (see register_properties.h).
#include "register_properties.h"

#include <algorithm>

#include "cmdqv_cts/harness/run_ops.h"

namespace cts::spec_registers {
namespace {

using spec::Access;
using spec::hex;

std::uint64_t width_mask(unsigned width) {
  return width == 64 ? ~0ull : (1ull << width) - 1;
}

// Fields of access `a` that this configuration has (a field whose feature is absent is RES0).
// Undocumented fields have no generic semantics to check.
std::uint64_t fields_with(const model::RegInstance& ri, Access a) {
  std::uint64_t m = 0;
  for (const spec::Field& f : ri.reg->fields) {
    if (f.access == a) m |= f.mask();
  }
  return m & ~ri.absent & ~ri.undocumented;
}

// Bits no field covers, RES0 fields, and fields RES0 in this configuration: reserved.
std::uint64_t res0_bits(const model::RegInstance& ri) {
  std::uint64_t covered = 0;
  for (const spec::Field& f : ri.reg->fields) covered |= f.mask();
  return (width_mask(ri.width) & ~covered) | fields_with(ri, Access::RES0) | ri.absent;
}

// The clauses checked_by registers that list this register and apply in `view`.
std::vector<std::string> register_clauses(const spec::Spec& s, const std::string& qualified,
                                          spec::View view) {
  std::vector<std::string> out;
  for (const spec::Clause& c : s.clauses) {
    const bool listed =
        std::find(c.registers.begin(), c.registers.end(), qualified) != c.registers.end();
    const bool in_view = std::find(c.views.begin(), c.views.end(), view) != c.views.end();
    if (listed && in_view && c.checked_by == spec::CheckedBy::Registers) out.push_back(c.id);
  }
  return out;
}

// The fields (or reserved bits) that `bits` falls in.
std::string fields_of(const model::RegInstance& ri, std::uint64_t bits) {
  std::string out;
  for (const spec::Field& f : ri.reg->fields) {
    if (f.mask() & bits) out += (out.empty() ? "" : ", ") + f.name;
  }
  std::uint64_t covered = 0;
  for (const spec::Field& f : ri.reg->fields) covered |= f.mask();
  if (bits & ~covered)
    out += (out.empty() ? "" : ", ") + std::string("RES0 bits ") + hex(bits & ~covered);
  return out;
}

void add_region(std::vector<RegisterProperty>& out, const spec::Spec& s, model::Region region,
                const model::Layout& layout, spec::View view) {
  const int v = model::view_index(view);
  const std::string prefix = region == model::Region::Smmu ? "smmu:" : "cmdqv:";
  for (const model::RegInstance& ri : layout.instances()) {
    if (std::find(ri.reg->views.begin(), ri.reg->views.end(), view) == ri.reg->views.end())
      continue;
    RegisterProperty p;
    p.region = region;
    p.offset = ri.offset;
    p.width = ri.width;
    p.instance = prefix + ri.name();
    p.reg = &ri;
    p.view = view;
    const std::string qualified = prefix + ri.block->name + "." + ri.reg->name;
    const std::uint64_t wired = fields_with(ri, Access::WIRED0_GUEST);
    if (ri.reset_known) {
      p.kind = PropertyKind::ResetValue;
      p.mask = width_mask(ri.width) & ~ri.undocumented;
      p.expected = ri.reset & ri.readable[v] & p.mask;
      p.clauses = {"REG-1"};
      out.push_back(p);
    }
    // An RO field a write may also set (either_on_write) is its disputed clause's to judge.
    if (const std::uint64_t ro = fields_with(ri, Access::RO) & ~ri.either_on_write) {
      p.kind = PropertyKind::ReadOnly;
      p.mask = ro;
      p.clauses = {"REG-2"};
      out.push_back(p);
    }
    const std::uint64_t reserved =
        res0_bits(ri) | fields_with(ri, Access::RAZ_WI) | (view == spec::View::Guest ? wired : 0);
    if (reserved) {
      p.kind = PropertyKind::Reserved;
      p.mask = reserved;
      p.clauses = {"REG-3"};
      out.push_back(p);
    }
    if (wired) {
      p.kind = PropertyKind::GuestWiring;
      p.mask = wired;
      p.clauses = {"REG-4"};
      for (const std::string& c : register_clauses(s, qualified, view)) p.clauses.push_back(c);
      out.push_back(p);
    }
  }
}

// Runs one property on a device that was just reset.
class Checker {
 public:
  Checker(harness::Device& dut, harness::Rng& rng, unsigned values, RegisterCheckResult& result)
      : dut_(dut), rng_(rng), values_(values), result_(result) {}

  void check(const RegisterProperty& p) {
    p_ = &p;
    ++result_.checked;
    switch (p.kind) {
      case PropertyKind::ResetValue: {
        const std::uint64_t got = read() & p.mask;
        if (got != p.expected)
          fail(got ^ p.expected, "after reset: device " + hex(got) + ", spec " + hex(p.expected));
        break;
      }
      case PropertyKind::ReadOnly:
        for (unsigned k = 0; k < values_; ++k) {
          const std::uint64_t before = read();
          const std::uint64_t value = keep(before) | (rng_.next() & p.mask);
          write(value);
          const std::uint64_t after = read();
          if ((after ^ before) & p.mask) {
            fail((after ^ before) & p.mask, "write " + hex(value) + ": read " + hex(before) +
                                                " before, " + hex(after) + " after");
            return;
          }
        }
        break;
      case PropertyKind::Reserved: {
        // Software writes RES0 bits as 0 (Arm's rule); RAZ/WI fields take random values.
        const std::uint64_t raz_wi = p.mask & ~res0_bits(*p.reg);
        for (unsigned k = 0; k <= values_; ++k) {
          const std::uint64_t before = read();
          if (before & p.mask) {
            fail(before & p.mask,
                 "reads " + hex(before) + ": reserved bits " + hex(before & p.mask) + " set");
            return;
          }
          if (k == values_ || raz_wi == 0) break;
          write(keep(before) | (rng_.next() & raz_wi));
        }
        break;
      }
      case PropertyKind::GuestWiring: {
        const std::uint64_t before = read();
        const std::uint64_t value = keep(before) | p.mask;
        write(value);
        const std::uint64_t got = read() & p.mask;
        const std::uint64_t want = p.view == spec::View::Guest ? 0 : p.mask;
        if (got != want) {
          fail(got ^ want, "write " + hex(value) + " in the " +
                               std::string(spec::to_string(p.view)) + " view: reads " + hex(got) +
                               " in the field, spec " + hex(want));
        }
        break;
      }
    }
  }

 private:
  // The bits a driver writes back unchanged when it touches one field: writable, not W1C.
  std::uint64_t keep(std::uint64_t current) const {
    const int v = model::view_index(p_->view);
    return current & p_->reg->writable[v] & ~p_->reg->w1c & p_->reg->defined;
  }
  std::uint64_t read() {
    std::uint64_t v = 0;
    if (!dut_.read(p_->region, p_->offset, p_->width / 8, v)) fail(0, "bus error reading");
    return v;
  }
  void write(std::uint64_t value) {
    if (!dut_.write(p_->region, p_->offset, p_->width / 8, value))
      fail(0, "bus error writing " + hex(value));
  }
  void fail(std::uint64_t bits, const std::string& what) {
    result_.failures.push_back({p_->name(),
                                bits ? fields_of(*p_->reg, bits) : std::string("(access)"),
                                p_->clauses, what});
  }

  harness::Device& dut_;
  harness::Rng& rng_;
  unsigned values_;
  RegisterCheckResult& result_;
  const RegisterProperty* p_ = nullptr;
};

}  // namespace

const char* to_string(PropertyKind k) {
  switch (k) {
    case PropertyKind::ResetValue:
      return "reset-value";
    case PropertyKind::ReadOnly:
      return "read-only";
    case PropertyKind::Reserved:
      return "reserved-raz-wi";
    case PropertyKind::GuestWiring:
      return "guest-view-wiring";
  }
  return "?";
}

std::string RegisterProperty::name() const {
  return std::string(to_string(kind)) + " " + instance;
}

std::vector<RegisterProperty> register_properties(const model::ReferenceModel& m) {
  std::vector<RegisterProperty> out;
  add_region(out, m.spec(), model::Region::Smmu, m.smmu().registers().layout(), spec::View::Host);
  if (m.has_cmdqv())
    add_region(out, m.spec(), model::Region::Cmdqv, m.cmdqv().registers().layout(),
               m.config().view);
  return out;
}

RegisterCheckResult check_register_properties(const std::vector<RegisterProperty>& properties,
                                              harness::Device& dut, std::uint64_t seed,
                                              unsigned values) {
  RegisterCheckResult result;
  harness::Rng rng(seed);
  Checker checker(dut, rng, values, result);
  try {
    for (const RegisterProperty& p : properties) {
      dut.reset();  // each property from reset: one finding does not hide or cause another
      checker.check(p);
    }
  } catch (const harness::DeviceFailure& e) {
    result.device_failure = e.what();
  }
  return result;
}

RegisterCheckResult check_device_registers(std::shared_ptr<const spec::Spec> spec,
                                           harness::Profile profile, harness::Device& dut,
                                           std::uint64_t seed) {
  const model::ModelConfig config =
      harness::probe_device_config(dut, harness::profile_config(profile, ""));
  const model::ReferenceModel m(std::move(spec), config);
  return check_register_properties(register_properties(m), dut, seed);
}

}  // namespace cts::spec_registers
