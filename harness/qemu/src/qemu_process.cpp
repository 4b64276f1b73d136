// SPDX-License-Identifier: MIT
// A qemu-system-aarch64 child for qtest (see qemu_process.h).
#include "cmdqv_cts/harness/qemu/qemu_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include "cmdqv_cts/harness/device.h"

namespace cts::harness::qemu {

namespace {

using Clock = std::chrono::steady_clock;

bool executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::string seconds_text(std::chrono::milliseconds t) {
  std::ostringstream s;
  s << static_cast<double>(t.count()) / 1000.0 << " s";
  return s.str();
}

}  // namespace

std::optional<std::string> locate_qemu() {
  if (const char* env = std::getenv("CMDQV_CTS_QEMU"); env && *env) {
    if (executable_file(env)) return std::string(env);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string d; std::getline(dirs, d, ':');) {
    const std::string candidate = (d.empty() ? "." : d) + "/" + kQemuBinary;
    if (executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

QemuProcess::QemuProcess(const QemuOptions& options) : options_(options) {
  std::string binary = options_.binary;
  if (binary.empty()) {
    const std::optional<std::string> found = locate_qemu();
    if (!found) {
      const char* env = std::getenv("CMDQV_CTS_QEMU");
      if (env && *env) throw QemuNotInstalled(std::string("CMDQV_CTS_QEMU=") + env + " is not an executable file");
      throw QemuNotInstalled(kQemuNotInstalledHint);
    }
    binary = *found;
  } else if (!executable_file(binary)) {
    throw QemuNotInstalled(binary + " is not an executable file");
  }

  Fd qtest_listener;
  Fd qmp_listener;
  try {
    dir_ = std::make_unique<TempDir>("cmdqv-qemu-");
    qtest_listener = listen_unix(dir_->file("qtest.sock"));
    qmp_listener = listen_unix(dir_->file("qmp.sock"));
  } catch (const std::system_error& e) {
    throw DeviceFailure(std::string("cannot start QEMU: ") + e.what());
  }
  argv_ = {binary,      "-machine", "virt,iommu=smmuv3", "-smp",    "1",
           "-m",        "1G",       "-display",          "none",    "-nodefaults",
           "-S",        "-qtest",   "unix:" + dir_->file("qtest.sock"),
           "-qtest-log", "none",    "-qmp",              "unix:" + dir_->file("qmp.sock")};
  argv_.insert(argv_.end(), options_.extra_args.begin(), options_.extra_args.end());

  spawn(dir_->file("stderr"));
  try {
    const auto deadline = Clock::now() + options_.start_timeout;
    const auto alive = [this] { return running(); };
    qtest_ = accept_until(qtest_listener, deadline, alive);
    if (!qtest_) fail_start("did not connect to the qtest socket");
    qmp_ = accept_until(qmp_listener, deadline, alive);
    if (!qmp_) fail_start("did not connect to the QMP socket");
  } catch (...) {
    stop(options_.stop_grace);
    throw;
  }
}

QemuProcess::~QemuProcess() { stop(options_.stop_grace); }

void QemuProcess::spawn(const std::string& stderr_path) {
  std::vector<char*> args;
  for (std::string& a : argv_) args.push_back(a.data());
  args.push_back(nullptr);
  const Fd in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  const Fd out(::open("/dev/null", O_WRONLY | O_CLOEXEC));
  const Fd err(::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!in || !out || !err) throw DeviceFailure(std::string("cannot start QEMU: open: ") + std::strerror(errno));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw DeviceFailure(std::string("cannot start QEMU: fork: ") + std::strerror(errno));
  if (pid == 0) {
    // Child: async-signal-safe calls only.
    (void)::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (::dup2(in.get(), 0) < 0 || ::dup2(out.get(), 1) < 0 || ::dup2(err.get(), 2) < 0) ::_exit(127);
    ::execv(args[0], args.data());
    static constexpr char kMsg[] = "cmdqv-cts: cannot execute qemu-system-aarch64\n";
    (void)!::write(2, kMsg, sizeof kMsg - 1);
    ::_exit(127);
  }
  pid_ = pid;
}

void QemuProcess::fail_start(const std::string& what) {
  std::string msg;
  if (running()) {
    msg = std::string(kQemuBinary) + " " + what + " within " + seconds_text(options_.start_timeout);
    stop(std::chrono::milliseconds(100));
    const std::string err = stderr_tail();
    if (!err.empty()) msg += "; stderr: " + err;
  } else {
    msg = describe_exit(" before it connected (" + what + ")");
  }
  throw DeviceFailure(msg);
}

bool QemuProcess::reap(bool block) {
  if (status_) return true;
  if (pid_ <= 0) return true;
  for (;;) {
    int st = 0;
    const pid_t r = ::waitpid(pid_, &st, block ? 0 : WNOHANG);
    if (r == pid_) {
      status_ = st;
      return true;
    }
    if (r == 0) return false;
    if (errno == EINTR) continue;
    status_ = -1;  // ECHILD: already reaped elsewhere (e.g. SIGCHLD ignored)
    return true;
  }
}

bool QemuProcess::running() { return !reap(false); }

void QemuProcess::stop(std::chrono::milliseconds grace) {
  if (reap(false)) return;
  killed_by_us_ = true;
  ::kill(pid_, SIGTERM);
  const auto until = Clock::now() + grace;
  while (Clock::now() < until) {
    if (reap(false)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(pid_, SIGKILL);
  reap(true);
}

std::string QemuProcess::stop_and_describe(bool hung) {
  const auto until = Clock::now() + (hung ? std::chrono::milliseconds(0) : std::chrono::milliseconds(200));
  while (running() && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (running()) stop(hung ? std::chrono::milliseconds(0) : std::chrono::milliseconds(100));  // hung: SIGKILL now
  return describe_exit();
}

std::string QemuProcess::describe_exit(const std::string& when) const {
  std::string msg = std::string(kQemuBinary) + " (pid " + std::to_string(pid_) + ")";
  if (!status_) {
    msg += " is still running";
  } else if (*status_ == -1) {
    msg += " has ended (exit status unknown)";
  } else if (WIFEXITED(*status_)) {
    msg += " exited with status " + std::to_string(WEXITSTATUS(*status_));
  } else if (WIFSIGNALED(*status_)) {
    const int sig = WTERMSIG(*status_);
    msg += " was killed by signal " + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
    if (killed_by_us_) msg += ", sent by the harness";
  }
  msg += when;
  const std::string err = stderr_tail();
  if (!err.empty()) msg += "; stderr: " + err;
  return msg;
}

std::string QemuProcess::stderr_tail(std::size_t max) const {
  if (!dir_) return {};
  std::ifstream f(dir_->file("stderr"), std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.size() > max) text = "..." + text.substr(text.size() - max);
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += " | ";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace cts::harness::qemu
