// SPDX-License-Identifier: MIT
// How fast QEMU answers readl over qtest: our client, pipelined, and a raw-socket floor.
#pragma once

namespace cts::harness::qemu {

struct QemuBench {
  unsigned n = 0;                    // reads per measurement
  double client_ops_per_s = 0;       // QtestClient::readl, one request at a time
  double pipelined_ops_per_s = 0;    // QtestClient::readl_batch of n reads
  double raw_ops_per_s = 0;          // send "readl 0x9050000\n" + recv the reply line, nothing else
};

// Starts one QEMU and measures each figure three times, interleaved, keeping the best.
// Throws QemuNotInstalled / DeviceFailure as QemuProcess does.
QemuBench measure_qemu_readl(unsigned n);

}  // namespace cts::harness::qemu
