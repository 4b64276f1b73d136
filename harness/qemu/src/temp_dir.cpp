// SPDX-License-Identifier: MIT
// A fresh private temporary directory (see temp_dir.h).
#include "cmdqv_cts/harness/qemu/temp_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace cts::harness::qemu {

namespace {
// Unix socket paths hold at most 107 bytes; keep room for "/qtest.sock" and the like.
constexpr std::size_t kMaxBaseLength = 64;
}  // namespace

TempDir::TempDir(std::string_view prefix) {
  const char* env = std::getenv("TMPDIR");
  std::string base = env && *env && std::string_view(env).size() <= kMaxBaseLength ? env : "/tmp";
  std::string templ = base + "/" + std::string(prefix) + "XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) throw std::system_error(errno, std::generic_category(), "mkdtemp " + templ);
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace cts::harness::qemu
