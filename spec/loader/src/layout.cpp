// SPDX-License-Identifier: MIT
// Region layout check: every register instance's bytes at a geometry, no overlaps, within stride.
#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "parse.h"

namespace cts::spec::detail {
namespace {

// Enough for any real geometry; stops a typo'd count from enumerating billions of instances.
constexpr std::uint64_t kMaxInstances = 1u << 16;

// Bytes [begin, end) that one register instance (or one alias window) occupies.
struct Span {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  // Definition order in the file, (block, register + 1), alias windows (block, 0): when two
  // collide, the later definition is the one reported.
  std::pair<std::size_t, std::size_t> order;
  std::string name;  // "cmdqv:vintf[1].SID_MATCH[3]"
  SourceLoc loc;
};

std::uint64_t add(std::uint64_t a, std::uint64_t b, const SourceLoc& loc) {
  std::uint64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum))
    throw SpecError(loc, "register address overflows 64 bits");
  return sum;
}

std::uint64_t mul(std::uint64_t a, std::uint64_t b, const SourceLoc& loc) {
  std::uint64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) {
    throw SpecError(loc, "register address overflows 64 bits");
  }
  return product;
}

std::uint64_t instances(const Quantity& count, const Params& geometry, const SourceLoc& loc,
                        const std::string& what) {
  std::uint64_t n = 0;
  try {
    n = count.resolve(geometry);
  } catch (const std::out_of_range&) {
    throw SpecError(loc, what + ": parameter '" + count.param + "' has no value in the geometry");
  }
  if (n > kMaxInstances) {
    throw SpecError(loc, what + " has " + std::to_string(n) + " instances: expected at most " +
                             std::to_string(kMaxInstances));
  }
  return n;
}

// "name[i]" for arrays, "name" for a literal count of 1.
std::string indexed(const std::string& name, const Quantity& count, std::uint64_t i) {
  if (count.param.empty() && count.literal == 1) return name;
  return name + "[" + std::to_string(i) + "]";
}

std::string range(const Span& s) {
  return "[" + hex(s.begin) + ", " + hex(s.end) + ")";
}

// Within one block instance a register array must end by the block stride, or instance i's
// registers would spill into instance i+1.
void check_fits_stride(const Block& b, const Register& r, std::uint64_t j, std::uint64_t end) {
  if (b.stride == 0 || end <= b.stride) return;
  throw SpecError(r.loc, "register " + indexed(r.name, r.count, j) + " of block " + b.name +
                             " ends at offset " + hex(end) + ", past the block stride " +
                             hex(b.stride) + ": expected every register below the stride");
}

void add_register_spans(const std::string& region, const Block& b, std::size_t bi,
                        const Params& geometry, std::vector<Span>& spans) {
  const std::uint64_t nb = instances(b.count, geometry, b.loc, "block " + b.name);
  for (std::size_t ri = 0; ri < b.registers.size(); ++ri) {
    const Register& r = b.registers[ri];
    const std::uint64_t nr = instances(r.count, geometry, r.loc, "register " + r.name);
    for (std::uint64_t j = 0; j < nr; ++j) {
      const std::uint64_t rel = add(r.offset, mul(j, r.stride, r.loc), r.loc);
      const std::uint64_t rel_end = add(rel, r.width / 8, r.loc);
      check_fits_stride(b, r, j, rel_end);
      for (std::uint64_t i = 0; i < nb; ++i) {
        const std::uint64_t base = add(b.base, mul(i, b.stride, r.loc), r.loc);
        spans.push_back(
            Span{add(base, rel, r.loc),
                 add(base, rel_end, r.loc),
                 {bi, ri + 1},
                 region + ":" + indexed(b.name, b.count, i) + "." + indexed(r.name, r.count, j),
                 r.loc});
      }
    }
  }
}

// An alias instance covers its slots' windows: [base + i*stride, + slots*slot_stride).
void add_alias_spans(const std::string& region, const Block& b, std::size_t bi,
                     const Params& geometry, std::vector<Span>& spans) {
  const Alias& a = *b.alias;
  const std::uint64_t nb = instances(b.count, geometry, b.loc, "block " + b.name);
  const std::uint64_t size =
      mul(instances(a.slots, geometry, a.loc, "alias slots of " + b.name), a.slot_stride, a.loc);
  if (b.stride != 0 && size > b.stride) {
    throw SpecError(a.loc, "alias block " + b.name + " spans " + hex(size) +
                               " bytes per instance (slots x "
                               "slot_stride), past the block stride " +
                               hex(b.stride) + ": expected the slots below the stride");
  }
  for (std::uint64_t i = 0; i < nb; ++i) {
    const std::uint64_t begin = add(b.base, mul(i, b.stride, b.loc), b.loc);
    spans.push_back(Span{begin,
                         add(begin, size, b.loc),
                         {bi, 0},
                         region + ":" + indexed(b.name, b.count, i) + " (alias window)",
                         b.loc});
  }
}

[[noreturn]] void report_overlap(const Span& a, const Span& b) {
  const Span& later = a.order > b.order ? a : b;
  const Span& earlier = a.order > b.order ? b : a;
  throw SpecError(later.loc, "registers collide at the reference geometry: " + later.name + " " +
                                 range(later) + " overlaps " + earlier.name + " " + range(earlier) +
                                 " (defined at " + earlier.loc.str() + ")");
}

}  // namespace

void check_layout(const RegionSpec& region, const Params& geometry) {
  std::vector<Span> spans;
  for (std::size_t bi = 0; bi < region.blocks.size(); ++bi) {
    const Block& b = region.blocks[bi];
    if (b.alias) {
      add_alias_spans(region.name, b, bi, geometry, spans);
    } else {
      add_register_spans(region.name, b, bi, geometry, spans);
    }
  }
  // An empty span occupies nothing and cannot collide.
  std::erase_if(spans, [](const Span& s) { return s.begin == s.end; });
  std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.order < y.order;
  });
  // Sorted by start, some span overlaps an earlier one iff it starts before the furthest end so
  // far.
  const Span* furthest = nullptr;
  for (const Span& s : spans) {
    if (furthest != nullptr && s.begin < furthest->end) report_overlap(*furthest, s);
    if (furthest == nullptr || s.end > furthest->end) furthest = &s;
  }
}

}  // namespace cts::spec::detail
