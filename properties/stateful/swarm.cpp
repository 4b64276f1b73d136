// SPDX-License-Identifier: MIT
// Swarm selection of command kinds (see swarm.h).
#include "swarm.h"

#include <vector>

#include "alloc_commands.h"
#include "device_commands.h"
#include "enable_commands.h"
#include "mmio_commands.h"
#include "queue_commands.h"

namespace cts::stateful {

std::uint32_t available_kinds(bool has_cmdqv) {
  const std::uint32_t all = (1u << kCommandKinds) - 1;
  return has_cmdqv ? all : all & ~kCmdqvOnlyKinds;
}

rc::Gen<std::uint32_t> swarm_subset(std::uint32_t available) {
  return rc::gen::map(
      rc::gen::suchThat(rc::gen::inRange<std::uint32_t>(1, 1u << kCommandKinds),
                        [available](std::uint32_t m) { return (m & available) != 0; }),
      [available](std::uint32_t m) { return m & available; });
}

namespace {

template <class Cmd>
rc::Gen<CommandPtr> one(const MachineState& s) {
  return rc::state::gen::execOneOfWithArgs<Cmd>()(s);
}

rc::Gen<CommandPtr> of_kind(const MachineState& s, CommandKind k) {
  switch (k) {
    case CommandKind::MmioWrite:
      return one<MmioWrite>(s);
    case CommandKind::MmioRead:
      return one<MmioRead>(s);
    case CommandKind::BringUp:
      return one<BringUp>(s);
    case CommandKind::Push:
      return one<Push>(s);
    case CommandKind::Run:
      return one<Run>(s);
    case CommandKind::AckGerror:
      return one<AckGerror>(s);
    case CommandKind::EnableCmdqv:
      return one<EnableCmdqv>(s);
    case CommandKind::EnableVintf:
      return one<EnableVintf>(s);
    case CommandKind::EnableQueue:
      return one<EnableQueue>(s);
    case CommandKind::Alloc:
      return one<Alloc>(s);
    case CommandKind::BaseChange:
      return one<BaseChange>(s);
    case CommandKind::Reset:
      return one<Reset>(s);
  }
  return one<Run>(s);
}

}  // namespace

rc::Gen<CommandPtr> swarm_command(const MachineState& s, std::uint32_t enabled) {
  std::vector<CommandKind> kinds;
  for (unsigned k = 0; k < kCommandKinds; ++k) {
    if (enabled & (1u << k)) kinds.push_back(static_cast<CommandKind>(k));
  }
  return rc::gen::mapcat(rc::gen::elementOf(kinds), [s](CommandKind k) { return of_kind(s, k); });
}

}  // namespace cts::stateful
