// SPDX-License-Identifier: MIT
// Truncation before shrinking: a generated command sequence whose run failed at step k is
// first cut after step k (the commands after a failure never ran), then shrunk as RapidCheck
// shrinks it. The cut is found among RapidCheck's own removals, so the shorter sequence keeps
// RapidCheck's shrink structure; finding it applies commands to the model only, no device
// replay is spent on the tail.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <vector>

namespace cts::stateful {

// Sequence identity (its command objects) -> commands up to and including the failing one.
using FailingLengths = std::map<std::vector<const void*>, std::size_t>;

template <class Cmds>
std::vector<const void*> identity(const Cmds& cmds) {
  std::vector<const void*> out;
  for (const auto& c : cmds) out.push_back(c.get());
  return out;
}

template <class Cmds>
class TruncateFirst {
 public:
  TruncateFirst(rc::Shrinkable<Cmds> inner, std::shared_ptr<const FailingLengths> failing)
      : inner_(std::move(inner)), failing_(std::move(failing)) {}

  Cmds value() const { return inner_.value(); }

  rc::Seq<rc::Shrinkable<Cmds>> shrinks() const {
    auto wrap = [f = failing_](rc::Shrinkable<Cmds> s) {
      return rc::makeShrinkable<TruncateFirst>(std::move(s), f);
    };
    return rc::seq::concat(rc::Seq<rc::Shrinkable<Cmds>>(Cut{inner_, failing_, false}),
                           rc::seq::map(inner_.shrinks(), wrap));
  }

 private:
  // Yields, once, the sequence cut after its failing step; looked up lazily, when RapidCheck
  // asks for shrinks, by which time the run of this very sequence has failed.
  struct Cut {
    rc::Shrinkable<Cmds> inner;
    std::shared_ptr<const FailingLengths> failing;
    bool done;
    rc::Maybe<rc::Shrinkable<Cmds>> operator()() {
      if (done) return rc::Nothing;
      done = true;
      const Cmds all = inner.value();
      const auto it = failing->find(identity(all));
      if (it == failing->end() || it->second >= all.size()) return rc::Nothing;
      const std::size_t keep = it->second;
      auto cut = rc::seq::filter(inner.shrinks(), [&all, keep](const rc::Shrinkable<Cmds>& s) {
        const Cmds v = s.value();
        return v.size() == keep && std::equal(v.begin(), v.end(), all.begin());
      });
      auto found = cut.next();
      if (!found) return rc::Nothing;
      return rc::makeShrinkable<TruncateFirst>(std::move(*found), failing);
    }
  };

  rc::Shrinkable<Cmds> inner_;
  std::shared_ptr<const FailingLengths> failing_;
};

// `gen` with truncation before its own shrinks.
template <class Cmds>
rc::Gen<Cmds> truncate_first(rc::Gen<Cmds> gen, std::shared_ptr<const FailingLengths> failing) {
  return rc::Gen<Cmds>([gen, failing](const rc::Random& random, int size) {
    return rc::makeShrinkable<TruncateFirst<Cmds>>(gen(random, size), failing);
  });
}

}  // namespace cts::stateful
