// SPDX-License-Identifier: MIT
// A fresh private temporary directory, removed with its contents on destruction.
#pragma once

#include <string>
#include <string_view>

namespace cts::harness::qemu {

class TempDir {
 public:
  // Under $TMPDIR (or /tmp when $TMPDIR is unset or too long for socket paths). Throws
  // std::system_error.
  explicit TempDir(std::string_view prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

}  // namespace cts::harness::qemu
