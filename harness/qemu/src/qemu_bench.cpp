// SPDX-License-Identifier: MIT
// How fast QEMU answers readl over qtest (see qemu_bench.h).
#include "cmdqv_cts/harness/qemu/qemu_bench.h"

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

#include "cmdqv_cts/harness/device.h"
#include "cmdqv_cts/harness/qemu/qemu_process.h"
#include "cmdqv_cts/harness/qemu/qtest_client.h"

namespace cts::harness::qemu {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kIdr0 = 0x09050000;
constexpr int kRounds = 3;

double ops_per_s(unsigned n, Clock::duration d) {
  const double s = std::chrono::duration<double>(d).count();
  return s > 0 ? n / s : 0;
}

// The floor: the same request and reply with nothing but send/recv around them.
void raw_readl_loop(int fd, unsigned n) {
  static constexpr char kReq[] = "readl 0x9050000\n";
  char buf[256];
  for (unsigned i = 0; i < n; ++i) {
    if (::send(fd, kReq, sizeof kReq - 1, MSG_NOSIGNAL) != static_cast<ssize_t>(sizeof kReq - 1)) {
      throw DeviceFailure("raw qtest loop: send failed");
    }
    std::size_t got = 0;
    for (;;) {
      const ssize_t r = ::recv(fd, buf + got, sizeof buf - got, 0);
      if (r <= 0) throw DeviceFailure("raw qtest loop: recv failed");
      got += static_cast<std::size_t>(r);
      if (std::memchr(buf, '\n', got) != nullptr) break;
      if (got == sizeof buf) throw DeviceFailure("raw qtest loop: reply too long");
    }
  }
}

}  // namespace

QemuBench measure_qemu_readl(unsigned n) {
  QemuProcess process;
  QtestClient client(process.take_qtest(), std::chrono::seconds(5));
  const std::vector<std::uint64_t> addrs(n, kIdr0);
  QemuBench b;
  b.n = n;
  raw_readl_loop(client.native_handle(), std::min(n, 200u));  // warm-up
  for (int round = 0; round < kRounds; ++round) {
    auto t = Clock::now();
    raw_readl_loop(client.native_handle(), n);
    b.raw_ops_per_s = std::max(b.raw_ops_per_s, ops_per_s(n, Clock::now() - t));

    t = Clock::now();
    for (unsigned i = 0; i < n; ++i) (void)client.readl(kIdr0);
    b.client_ops_per_s = std::max(b.client_ops_per_s, ops_per_s(n, Clock::now() - t));

    t = Clock::now();
    (void)client.readl_batch(addrs);
    b.pipelined_ops_per_s = std::max(b.pipelined_ops_per_s, ops_per_s(n, Clock::now() - t));
  }
  return b;
}

}  // namespace cts::harness::qemu
