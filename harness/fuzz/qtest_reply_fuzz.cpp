// SPDX-License-Identifier: MIT
// Fuzz target: the qtest client's reply parser (status words, hex values, memory data, IRQ lines)
// through its public calls. The input is what "QEMU" sends back on the socket; then the socket
// reaches end of file, so nothing waits. The only allowed outcome of bad replies is DeviceFailure.
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/harness/qemu/qtest_client.h"

namespace {

using cts::harness::DeviceFailure;
using cts::harness::qemu::Fd;
using cts::harness::qemu::QtestClient;

// Stays below a Unix socket's buffer, so the send never blocks.
constexpr std::size_t kMaxInput = 64 * 1024;

// The calls the QEMU backend makes, in turn, until the client breaks.
void drive(QtestClient& c) {
  const std::array<std::uint64_t, 3> addrs = {0x9050000, 0x9050004, 0x9050008};
  (void)c.readl(0x9050000);
  (void)c.readq(0x9050090);
  c.writel(0x9050098, 1);
  (void)c.readl_batch(addrs);
  (void)c.read_memory(0x40000000, 16);
  (void)c.request("endianness");
  const std::array<std::string, 2> lines = {"readl 0x9050000", "writeq 0x40000000 0x1"};
  (void)c.pipeline(lines);
  std::array<std::uint8_t, 16> bytes{};
  c.write_memory(0x40000000, bytes);
  c.memset(0x40000000, 32, 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) std::abort();
  Fd qemu_side(fds[1]);
  const std::size_t len = std::min(size, kMaxInput);
  if (len > 0 && ::send(fds[1], data, len, MSG_NOSIGNAL) != static_cast<ssize_t>(len)) std::abort();
  ::shutdown(fds[1], SHUT_WR);
  QtestClient client{Fd{fds[0]}, std::chrono::milliseconds(1000)};
  try {
    drive(client);
  } catch (const DeviceFailure&) {
    if (!client.broken()) std::abort();  // a failure must leave the client refusing further calls
  }
  (void)client.take_irq_raises();
  return 0;
}
