// SPDX-License-Identifier: MIT
#include "kshim_module.h"

#include <dlfcn.h>

namespace cts::kshim {

KshimModule::KshimModule(const std::string& path) : path_(path) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) throw ModuleError("cannot load kshim module " + path + ": " + dlerror());
  auto entry = reinterpret_cast<kshim_module_fn>(dlsym(handle_, "kshim_module_table"));
  if (!entry) {
    dlclose(handle_);
    throw ModuleError(path + ": no kshim_module_table() entry point (not a kshim module)");
  }
  api_ = entry();
  if (!api_ || api_->abi_version != KSHIM_MODULE_ABI_VERSION) {
    dlclose(handle_);
    throw ModuleError(path + ": kshim module ABI " + std::to_string(api_ ? api_->abi_version : 0) +
                      ", this harness speaks " + std::to_string(KSHIM_MODULE_ABI_VERSION) +
                      " (rebuild it)");
  }
}

KshimModule::~KshimModule() {
  if (handle_) dlclose(handle_);
}

}  // namespace cts::kshim
