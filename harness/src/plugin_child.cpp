// SPDX-License-Identifier: MIT
// The plugin's child process: loads the shared object, implements the host callbacks over
// its own copy of queue memory, and answers the parent's requests (plugin_protocol.h).
#include <dlfcn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include "cmdqv_cts/device.h"
#include "cmdqv_cts/harness/dma_faults.h"
#include "cmdqv_cts/harness/sparse_memory.h"
#include "plugin_memory_bound.h"
#include "plugin_protocol.h"

namespace cts::harness::plugin {
namespace {

// Spins briefly before blocking: the next request usually follows within microseconds.
bool read_all(int fd, void* buf, std::size_t len) {
  auto* p = static_cast<char*>(buf);
  int spins = 2000;
  while (len > 0) {
    const ssize_t n = ::recv(fd, p, len, spins > 0 ? MSG_DONTWAIT : 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && spins-- > 0) continue;
    if (n <= 0) return false;
    p += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}

void write_all(int fd, const void* buf, std::size_t len) {
  const auto* p = static_cast<const char*>(buf);
  while (len > 0) {
    const ssize_t n = ::write(fd, p, len);
    if (n <= 0) _exit(0);  // the parent is gone
    p += n;
    len -= static_cast<std::size_t>(n);
  }
}

struct Child {
  const cts_device_ops* ops = nullptr;
  void* dev = nullptr;
  SparseMemory memory;
  DmaFaults faults;  // injected aborts (faulty:dma-abort); none by default
  std::uint32_t irqs[3] = {0, 0, 0};
  int levels[3] = {0, 0, 0};
  std::string options;
  cts_host host{};
  std::string protocol_error;  // the first ABI breach since the last reply
};

void breach(Child& c, const std::string& what) {
  if (c.protocol_error.empty()) c.protocol_error = what;
}

int dma_read(void* ctx, std::uint64_t addr, void* buf, std::uint32_t len) {
  Child* c = static_cast<Child*>(ctx);
  return FaultyMemory(c->memory, c->faults).read(addr, buf, len) ? 0 : 1;
}
int dma_write(void* ctx, std::uint64_t addr, const void* buf, std::uint32_t len) {
  return static_cast<Child*>(ctx)->memory.write(addr, buf, len) ? 0 : 1;
}
void irq(void* ctx, std::uint32_t line, int level) {
  auto* c = static_cast<Child*>(ctx);
  if (line >= 3) {
    breach(*c, "host->irq() on line " + std::to_string(line) +
                   ", which device.h does not define (0 = SMMU CMD_SYNC, 1 = SMMU GERROR, 2 = "
                   "CMDQV error)");
    return;
  }
  if (line == CTS_IRQ_CMDQV_ERROR && c->options.rfind("profile=smmuv3", 0) == 0) {
    breach(*c,
           "host->irq() on line 2 (CMDQV error) from a device created for the smmuv3 profile, "
           "which has no CMDQV");
    return;
  }
  if (level && c->levels[line]) {
    breach(*c, "host->irq() raised line " + std::to_string(line) +
                   " again before lowering it (device.h: an edge is level 1 then level 0)");
  }
  if (level && !c->levels[line]) ++c->irqs[line];  // a rising edge is one pulse
  c->levels[line] = level ? 1 : 0;
}
void log(void*, const char*) {}

void reply(int fd, std::int32_t status, std::uint64_t value, const std::string& text,
           const std::uint32_t* irqs = nullptr, std::string* protocol_error = nullptr) {
  ReplyHeader h{};
  h.status = status;
  h.value = value;
  std::string body = text;
  if (protocol_error && !protocol_error->empty()) {
    h.protocol_error = 1;
    body = *protocol_error;
    protocol_error->clear();
  }
  const std::string& text_out = body;
  h.text_len = static_cast<std::uint32_t>(text_out.size());
  if (irqs) std::memcpy(h.irqs, irqs, sizeof h.irqs);
  static std::vector<char> message;  // one write per reply
  message.resize(sizeof h + text_out.size());
  std::memcpy(message.data(), &h, sizeof h);
  std::memcpy(message.data() + sizeof h, text_out.data(), text_out.size());
  write_all(fd, message.data(), message.size());
}

std::string load(Child& c, const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return std::string("cannot load: ") + dlerror();
  using Entry = const cts_device_ops* (*)();
  void* sym = dlsym(handle, "cts_device");
  if (!sym) return "not a cmdqv-cts plugin: no cts_device symbol";
  Entry entry;
  std::memcpy(&entry, &sym, sizeof entry);  // object pointer to function pointer, as POSIX allows
  c.ops = entry();
  if (!c.ops) return "cts_device() returned NULL";
  if (c.ops->abi_version != CTS_DEVICE_ABI_VERSION) {
    return "ABI version " + std::to_string(c.ops->abi_version) + ", this suite speaks version " +
           std::to_string(CTS_DEVICE_ABI_VERSION);
  }
  if (!c.ops->create || !c.ops->destroy || !c.ops->read || !c.ops->write) {
    return "cts_device_ops has a NULL create, destroy, read or write";
  }
  return "";
}

std::string create(Child& c) {
  char err[512] = {0};
  c.dev = c.ops->create(&c.host, c.options.c_str(), err, sizeof err);
  if (c.dev) return "";
  err[sizeof err - 1] = 0;
  return err[0] ? err : "create() failed without a message";
}

}  // namespace

void serve(int fd, std::uint64_t memory_bound) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the suite
  // A fault in the plugin ends this process with its signal, which the parent reports; the
  // handlers a sanitizer or debugger installed in the suite would turn it into an exit code.
  set_memory_bound(memory_bound);
  Child c;
  c.host = cts_host{&c, dma_read, dma_write, irq, log};
  std::vector<char> payload;
  for (;;) {
    Request rq{};
    if (!read_all(fd, &rq, sizeof rq) || rq.payload_len > kMaxPayload) _exit(0);
    payload.resize(rq.payload_len);
    if (!read_all(fd, payload.data(), payload.size())) _exit(0);
    const std::string text(payload.begin(), payload.end());
    switch (rq.op) {
      case kLoad: {
        const std::string e = load(c, text);
        reply(fd, e.empty() ? 0 : 1, 0,
              e.empty() ? std::string(c.ops->name ? c.ops->name : "?") + "\n" +
                              (c.ops->profiles ? c.ops->profiles : "")
                        : e);
        break;
      }
      case kCreate: {
        c.options = text;
        const std::string e = create(c);
        reply(fd, e.empty() ? 0 : 1, 0, e);
        break;
      }
      case kRead: {
        std::uint64_t v = 0;
        const int s = c.ops->read(c.dev, static_cast<cts_region>(rq.a), rq.b, rq.c, &v);
        reply(fd, s, v, "", nullptr, &c.protocol_error);
        break;
      }
      case kWrite: {
        std::uint64_t v = 0;
        std::memcpy(&v, payload.data(), std::min<std::size_t>(sizeof v, payload.size()));
        const int s = c.ops->write(c.dev, static_cast<cts_region>(rq.a), rq.b, rq.c, v);
        reply(fd, s, 0, "", nullptr, &c.protocol_error);
        break;
      }
      case kWriteMemory:
        (void)c.memory.write(rq.b, payload.data(), rq.payload_len);
        reply(fd, 0, 0, "");
        break;
      case kRun:
        if (c.ops->run) c.ops->run(c.dev);
        reply(fd, 0, 0, "", c.irqs, &c.protocol_error);
        std::memset(c.irqs, 0, sizeof c.irqs);
        break;
      case kReset: {
        c.ops->destroy(c.dev);
        c.dev = nullptr;
        c.memory = SparseMemory();
        std::memset(c.irqs, 0, sizeof c.irqs);
        std::memset(c.levels, 0, sizeof c.levels);
        c.protocol_error.clear();
        const std::string e = create(c);
        reply(fd, e.empty() ? 0 : 1, 0, e);
        break;
      }
      case kDmaFaults:
        c.faults = DmaFaults{rq.a, rq.b, 0};
        reply(fd, 0, 0, "");
        break;
      default:
        _exit(3);
    }
  }
}

}  // namespace cts::harness::plugin
