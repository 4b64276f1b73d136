// SPDX-License-Identifier: MIT
// A built kshim driver module (one kernel tree's tegra241-cmdqv.c + the shim), loaded with
// dlopen. The module and this process must both run under AddressSanitizer.
#pragma once

#include <stdexcept>
#include <string>

#include "kshim/module.h"

namespace cts::kshim {

class ModuleError : public std::runtime_error {
 public:
  explicit ModuleError(const std::string& what) : std::runtime_error(what) {}
};

class KshimModule {
 public:
  // Throws ModuleError if the file cannot be loaded, lacks kshim_module() or speaks another ABI.
  explicit KshimModule(const std::string& path);
  ~KshimModule();
  KshimModule(const KshimModule&) = delete;
  KshimModule& operator=(const KshimModule&) = delete;

  const kshim_module& api() const { return *api_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  void* handle_ = nullptr;
  const kshim_module* api_ = nullptr;
};

}  // namespace cts::kshim
