// SPDX-License-Identifier: MIT
// QemuDevice against Debian's QEMU 7.2: registers, IRQs, reset, lifetime, failures, pipelining.
#include "cmdqv_cts/harness/qemu/qemu_device.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cmdqv_cts/harness/qemu/qemu_bench.h"

namespace cts::harness::qemu {
namespace {

using Clock = std::chrono::steady_clock;
using model::IrqLine;

// SMMU page 0 offsets.
constexpr std::uint64_t kIdr0 = 0x00;
constexpr std::uint64_t kIdr1 = 0x04;
constexpr std::uint64_t kCr0 = 0x20;
constexpr std::uint64_t kCr0Ack = 0x24;
constexpr std::uint64_t kCr1 = 0x28;
constexpr std::uint64_t kIrqCtrl = 0x50;
constexpr std::uint64_t kGerror = 0x60;
constexpr std::uint64_t kCmdqBase = 0x90;
constexpr std::uint64_t kCmdqProd = 0x98;
constexpr std::uint64_t kCmdqCons = 0x9C;
constexpr std::uint64_t kCmdqEn = 1u << 3;
constexpr std::uint64_t kQueue = 0x40100000;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

class CountingSink final : public model::IrqSink {
 public:
  void pulse(IrqLine line) override { ++counts[line]; }
  std::map<IrqLine, int> counts;
};

class QemuDeviceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!qemu_installed()) GTEST_SKIP() << kQemuNotInstalledHint;
  }
  static void TearDownTestSuite() { shared_.reset(); }

  // One QEMU for the tests that leave it usable; reset between them.
  static QemuDevice& shared() {
    if (!shared_) {
      shared_ = std::make_unique<QemuDevice>();
    } else {
      shared_->reset();
    }
    return *shared_;
  }

  static std::uint64_t rd(Device& d, std::uint64_t off, unsigned size = 4) {
    std::uint64_t v = 0;
    EXPECT_TRUE(d.read(Region::Smmu, off, size, v)) << "read of 0x" << std::hex << off;
    return v;
  }
  static void wr(Device& d, std::uint64_t off, std::uint64_t v, unsigned size = 4) {
    EXPECT_TRUE(d.write(Region::Smmu, off, size, v)) << "write of 0x" << std::hex << off;
  }
  // One 16-byte command at kQueue, a 16-entry queue, PROD = 1, then CMDQEN.
  static void push_one(Device& d, std::uint64_t dword0) {
    std::uint8_t cmd[16] = {};
    for (unsigned i = 0; i < 8; ++i) cmd[i] = static_cast<std::uint8_t>(dword0 >> (8 * i));
    d.write_memory(kQueue, cmd, sizeof cmd);
    wr(d, kCmdqBase, kQueue | 4, 8);
    wr(d, kCmdqProd, 1);
    wr(d, kCr0, kCmdqEn);
  }

  static std::unique_ptr<QemuDevice> shared_;
};

std::unique_ptr<QemuDevice> QemuDeviceTest::shared_;

TEST_F(QemuDeviceTest, IdentificationAndCr0Ack) {
  QemuDevice& d = shared();
  EXPECT_EQ(d.name(), "qemu:smmuv3");
  EXPECT_EQ(d.gic_path(), "/machine/unattached/device[1]");
  EXPECT_EQ(rd(d, kIdr0), 0x0D40101Au);
  EXPECT_EQ(rd(d, kIdr1), 0x02730010u);
  EXPECT_EQ(rd(d, 0x10000 + kIdr0), 0x0D40101Au) << "page 1 aliases page 0";
  EXPECT_EQ(rd(d, kCmdqBase, 8), 0x13u);
  wr(d, kCr0, kCmdqEn);
  EXPECT_EQ(rd(d, kCr0Ack), kCmdqEn);
}

TEST_F(QemuDeviceTest, CmdSyncWithCsIrqIsConsumedAndPulses) {
  QemuDevice& d = shared();
  push_one(d, 0x46 | 1u << 12);  // CMD_SYNC, CS = IRQ
  EXPECT_EQ(rd(d, kCmdqCons), 1u);
  EXPECT_EQ(rd(d, kGerror), 0u);
  CountingSink sink;
  d.run(sink);
  EXPECT_EQ(sink.counts[IrqLine::SmmuCmdqSync], 1);
  EXPECT_EQ(sink.counts[IrqLine::SmmuGerror], 0);
  CountingSink again;
  d.run(again);
  EXPECT_TRUE(again.counts.empty()) << "pulses are forwarded once";
}

TEST_F(QemuDeviceTest, ReservedOpcodeSetsConsErrAndGerror) {
  QemuDevice& d = shared();
  wr(d, kIrqCtrl, 1);  // GERROR_IRQEN
  push_one(d, 0x0F);   // reserved opcode
  EXPECT_EQ(rd(d, kCmdqCons), 0x01000000u) << "CONS.ERR = CERROR_ILL, index 0";
  EXPECT_EQ(rd(d, kGerror) & 1, 1u);
  CountingSink sink;
  d.run(sink);
  EXPECT_EQ(sink.counts[IrqLine::SmmuGerror], 1);
  EXPECT_EQ(sink.counts[IrqLine::SmmuCmdqSync], 0);
}

// Every register a test can touch, as 32-bit and 64-bit reads.
std::map<std::uint64_t, std::uint64_t> dump(Device& d) {
  std::map<std::uint64_t, std::uint64_t> out;
  std::uint64_t v = 0;
  for (std::uint64_t off = 0; off < 0x100; off += 4) {
    EXPECT_TRUE(d.read(Region::Smmu, off, 4, v));
    out[off] = v;
  }
  for (std::uint64_t off : {0x68u, 0x80u, 0x90u, 0xA0u, 0xB0u}) {
    EXPECT_TRUE(d.read(Region::Smmu, off, 8, v));
    out[0x1000 + off] = v;
  }
  return out;
}

TEST_F(QemuDeviceTest, ResetRestoresAFreshQemu) {
  auto t = Clock::now();
  QemuDevice d;
  const double start_ms = ms_since(t);
  const auto fresh = dump(d);

  // Dirty every register, RAM (also over the device tree), and the interrupt counts.
  for (std::uint64_t off = 0x20; off < 0x100; off += 4) wr(d, off, 0xFFFFFFFF);
  for (std::uint64_t off : {0x68u, 0x80u, 0x90u, 0xA0u, 0xB0u}) wr(d, off, ~std::uint64_t{0}, 8);
  wr(d, kCr0, 0);
  wr(d, kGerror + 4, rd(d, kGerror));
  push_one(d, 0x46 | 1u << 12);
  const std::vector<std::uint8_t> junk(64, 0xA5);
  d.write_memory(0x40000010, junk.data(), static_cast<std::uint32_t>(junk.size()));
  d.write_memory(0x40800000, junk.data(), static_cast<std::uint32_t>(junk.size()));

  t = Clock::now();
  d.reset();
  const double reset_ms = ms_since(t);
  EXPECT_EQ(dump(d), fresh);
  EXPECT_EQ(rd(d, kCr0), 0u);
  EXPECT_EQ(rd(d, kCmdqCons), 0u);
  EXPECT_EQ(rd(d, kCr1), 0u);
  CountingSink sink;
  d.run(sink);
  EXPECT_TRUE(sink.counts.empty()) << "no pulse survives a reset";
  const std::vector<std::uint8_t> zero(64, 0);
  EXPECT_EQ(d.qtest().read_memory(0x40000010, 64), zero) << "RAM written before the reset is zero";
  EXPECT_EQ(d.qtest().read_memory(0x40800000, 64), zero);
  EXPECT_EQ(d.qtest().read_memory(0x40000000, 8), std::vector<std::uint8_t>(8, 0)) << "device tree cleared";
  EXPECT_EQ(d.qtest().read_memory(kQueue, 16), std::vector<std::uint8_t>(16, 0));

  // Hidden state: a fresh QEMU consumes with log2size 0 until CMDQ_BASE is written, so PROD = 2
  // is an empty queue (a reset alone would keep the last LOG2SIZE written).
  wr(d, kCmdqProd, 2);
  wr(d, kCr0, kCmdqEn);
  EXPECT_EQ(rd(d, kCmdqCons), 0u);
  EXPECT_EQ(rd(d, kGerror), 0u);

  t = Clock::now();
  constexpr int kResets = 10;
  for (int i = 0; i < kResets; ++i) {
    d.write_memory(kQueue, junk.data(), 16);
    d.reset();
  }
  std::printf("[ qemu     ] start %.1f ms (restart = start + stop); reset %.2f ms first, %.2f ms average\n", start_ms,
              reset_ms, ms_since(t) / kResets);
}

TEST_F(QemuDeviceTest, ProcessIsGoneAfterDestruction) {
  auto d = std::make_unique<QemuDevice>();
  const pid_t pid = d->pid();
  const std::string qtest_arg = d->process().command_line().at(12);
  ASSERT_EQ(qtest_arg.rfind("unix:", 0), 0u) << qtest_arg;
  const std::filesystem::path dir = std::filesystem::path(qtest_arg.substr(5)).parent_path();
  ASSERT_TRUE(std::filesystem::exists(dir));
  ASSERT_EQ(::kill(pid, 0), 0);
  const auto t = Clock::now();
  d.reset();
  const double stop_ms = ms_since(t);
  std::printf("[ qemu     ] stopping QEMU (SIGTERM, reap) took %.1f ms\n", stop_ms);
  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH) << "QEMU still exists (a zombie if not reaped)";
  errno = 0;
  EXPECT_EQ(::waitpid(pid, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
  EXPECT_FALSE(std::filesystem::exists(dir)) << "temporary directory left behind";
}

TEST_F(QemuDeviceTest, QemuKilledMidRunFailsTheNextCall) {
  QemuDevice d;
  EXPECT_EQ(rd(d, kIdr0), 0x0D40101Au);
  const pid_t pid = d.pid();
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  const auto t = Clock::now();
  std::uint64_t v = 0;
  try {
    d.read(Region::Smmu, kIdr0, 4, v);
    ADD_FAILURE() << "read after QEMU died did not throw";
  } catch (const DeviceFailure& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("readl 0x9050000"), std::string::npos) << what;
    EXPECT_NE(what.find("killed by signal 9"), std::string::npos) << what;
    std::printf("[ qemu     ] %s\n", what.c_str());
  }
  EXPECT_LT(ms_since(t), 900.0) << "noticed through the closed socket, not the timeout";
  EXPECT_THROW(d.write(Region::Smmu, kCr0, 4, 0), DeviceFailure);
  const std::uint8_t byte = 1;
  EXPECT_THROW(d.write_memory(kQueue, &byte, 1), DeviceFailure);
  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1) << "reaped";
}

TEST_F(QemuDeviceTest, HungQemuTimesOut) {
  QemuDeviceOptions options;
  options.timeout = std::chrono::milliseconds(200);
  pid_t pid = 0;
  {
    QemuDevice d(options);
    pid = d.pid();
    ASSERT_EQ(::kill(pid, SIGSTOP), 0);
    const auto t = Clock::now();
    std::uint64_t v = 0;
    try {
      d.read(Region::Smmu, kIdr0, 4, v);
      ADD_FAILURE() << "read of a stopped QEMU did not throw";
    } catch (const DeviceFailure& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("QEMU did not answer 'readl 0x9050000' within 200 ms"), std::string::npos) << what;
      std::printf("[ qemu     ] %s\n", what.c_str());
    }
    const double ms = ms_since(t);
    EXPECT_GE(ms, 190.0);
    EXPECT_LT(ms, 1500.0);
  }
  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

TEST_F(QemuDeviceTest, BadRequestsAreRefusedClientSide) {
  QemuDevice& d = shared();
  QtestClient& q = d.qtest();
  for (const char* bad : {"readl 0xZZ", "readl  0x9050000", "write 0x40000000 0 0x", "write 0x40000000 1 0x",
                          "writel 0x9050020 0x100000000", "read 0x40000000 0", "inb 0x10000", "clock_step"}) {
    EXPECT_THROW(q.request(bad), QtestRequestRefused) << bad;
  }
  const std::vector<std::string> batch = {"readl 0x9050000", "readl 0x"};
  EXPECT_THROW(q.pipeline(batch), QtestRequestRefused) << "a batch is checked before anything is sent";

  // QEMU is still there; FAIL replies are answers, not failures.
  const QtestReply ok = q.request("readl 0x9050000");
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.text, "0x000000000d40101a");
  const QtestReply fail = q.request("irq_intercept_in /machine/unattached/device[6]");
  EXPECT_EQ(fail.status, QtestReply::Status::Fail);
  EXPECT_EQ(fail.text, "IRQ intercept already enabled");
  EXPECT_FALSE(q.broken());

  // The Device interface refuses what has no SMMU register behind it, without asking QEMU.
  std::uint64_t v = 0;
  EXPECT_FALSE(d.read(Region::Cmdqv, 0, 4, v)) << "QEMU 7.2 has no CMDQV";
  EXPECT_FALSE(d.write(Region::Cmdqv, 0, 4, 0));
  EXPECT_FALSE(d.read(Region::Smmu, 0x20000, 4, v));
  EXPECT_FALSE(d.read(Region::Smmu, 0x1FFFC, 8, v));
  EXPECT_FALSE(d.read(Region::Smmu, ~std::uint64_t{0} - 3, 4, v));
  EXPECT_FALSE(d.read(Region::Smmu, 0, 2, v));
  EXPECT_FALSE(d.read(Region::Smmu, 2, 4, v));
  EXPECT_EQ(rd(d, kIdr0), 0x0D40101Au);
}

TEST_F(QemuDeviceTest, WriteMemoryRoundTripsAndStaysInRam) {
  QemuDevice& d = shared();
  std::vector<std::uint8_t> data(10000);
  std::mt19937 rng(7);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  d.write_memory(0x40200003, data.data(), static_cast<std::uint32_t>(data.size()));
  EXPECT_EQ(d.qtest().read_memory(0x40200003, static_cast<std::uint32_t>(data.size())), data);

  // Straddling the start of RAM: only the part inside lands. Outside RAM: dropped.
  d.write_memory(0x3FFFFFF0, data.data(), 32);
  EXPECT_EQ(d.qtest().read_memory(0x40000000, 16), std::vector<std::uint8_t>(data.begin() + 16, data.begin() + 32));
  d.write_memory(0x80000000, data.data(), 32);
  d.write_memory(0xFFFFFFFFFFFFFFF0, data.data(), 32);
  EXPECT_EQ(d.qtest().read_memory(0x80000000, 4), std::vector<std::uint8_t>(4, 0));
  EXPECT_EQ(rd(d, kIdr0), 0x0D40101Au);

  // 2 MiB: far more than the socket buffers hold, so sending and reading replies interleave.
  std::vector<std::uint8_t> big(2u << 20);
  for (std::size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<std::uint8_t>(i >> 12);
  const auto t = Clock::now();
  d.write_memory(0x41000000, big.data(), static_cast<std::uint32_t>(big.size()));
  const double ms = ms_since(t);
  EXPECT_EQ(d.qtest().read_memory(0x41000000 + 0x1FF000, 2), std::vector<std::uint8_t>({0xFF, 0}));
  std::printf("[ qemu     ] write_memory of 2 MiB: %.0f ms (%.0f MiB/s)\n", ms, 2 / ms * 1000);
}

TEST_F(QemuDeviceTest, PipelinedBatchMatchesOneAtATime) {
  QemuDevice& d = shared();
  QtestClient& q = d.qtest();
  constexpr unsigned kN = 2000;
  std::vector<std::uint64_t> addrs;
  for (unsigned i = 0; i < kN; ++i) addrs.push_back(QemuDevice::kSmmuBase + (i % 2 ? kIdr1 : kIdr0));
  auto t = Clock::now();
  std::vector<std::uint64_t> one;
  for (std::uint64_t a : addrs) one.push_back(q.readl(a));
  const double one_ms = ms_since(t);
  t = Clock::now();
  const std::vector<std::uint64_t> batch = q.readl_batch(addrs);
  const double batch_ms = ms_since(t);
  EXPECT_EQ(batch, one);
  EXPECT_EQ(batch[0], 0x0D40101Au);
  EXPECT_EQ(batch[1], 0x02730010u);
  std::printf("[ qemu     ] %u readl: one at a time %.0f ops/s, pipelined %.0f ops/s\n", kN, kN / one_ms * 1000,
              kN / batch_ms * 1000);

  // A batch whose replies carry IRQ lines: 64 CMD_SYNCs (CS = IRQ), one PROD write each.
  std::vector<std::uint8_t> queue(64 * 16, 0);
  for (unsigned i = 0; i < 64; ++i) queue[16 * i] = 0x46, queue[16 * i + 1] = 0x10;
  d.write_memory(kQueue, queue.data(), static_cast<std::uint32_t>(queue.size()));
  std::vector<std::string> lines = {"writeq 0x9050090 0x40100006", "writel 0x9050020 0x8"};
  for (unsigned i = 1; i <= 64; ++i) lines.push_back("writel 0x9050098 " + std::to_string(i));
  lines.push_back("readl 0x905009c");
  const std::vector<QtestReply> replies = q.pipeline(lines);
  EXPECT_EQ(replies.back().text, "0x0000000000000040");
  CountingSink sink;
  d.run(sink);
  EXPECT_EQ(sink.counts[IrqLine::SmmuCmdqSync], 64);
}

TEST_F(QemuDeviceTest, Bench) {
  const QemuBench b = measure_qemu_readl(2000);
  std::printf("[ qemu     ] readl ops/s over %u: client %.0f, pipelined %.0f, raw socket floor %.0f "
              "(client time per read = %.2fx the floor's)\n",
              b.n, b.client_ops_per_s, b.pipelined_ops_per_s, b.raw_ops_per_s, b.raw_ops_per_s / b.client_ops_per_s);
  EXPECT_GT(b.client_ops_per_s, 0);
  EXPECT_GT(b.pipelined_ops_per_s, 0);
  EXPECT_GT(b.raw_ops_per_s, 0);
}

TEST_F(QemuDeviceTest, EarlyExitReportsStatusAndStderr) {
  QemuDeviceOptions options;
  options.process.extra_args = {"-no-such-option"};
  try {
    QemuDevice d(options);
    ADD_FAILURE() << "QEMU started with a bad option";
  } catch (const DeviceFailure& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("exited with status 1"), std::string::npos) << what;
    EXPECT_NE(what.find("-no-such-option"), std::string::npos) << what;
    std::printf("[ qemu     ] %s\n", what.c_str());
  }
}

// Needs no QEMU: a missing binary is "not installed", not a failure.
TEST(QemuProcessTest, MissingBinaryIsNotInstalled) {
  const char* old = std::getenv("CMDQV_CTS_QEMU");
  const std::string saved = old ? old : "";
  ::setenv("CMDQV_CTS_QEMU", "/nonexistent/qemu-system-aarch64", 1);
  EXPECT_FALSE(locate_qemu().has_value());
  EXPECT_THROW(QemuDevice{}, QemuNotInstalled);
  if (old) {
    ::setenv("CMDQV_CTS_QEMU", saved.c_str(), 1);
  } else {
    ::unsetenv("CMDQV_CTS_QEMU");
  }
  QemuOptions options;
  options.binary = "/nonexistent/qemu-system-aarch64";
  EXPECT_THROW(QemuProcess{options}, QemuNotInstalled);
}

}  // namespace
}  // namespace cts::harness::qemu
