// SPDX-License-Identifier: MIT
// The build's own paths and flags, baked in by CMake (see harness/kshim/CMakeLists.txt).
#include <cstdlib>

#include "kernel_build.h"

namespace cts::kshim {

BuildConfig default_build_config() {
  BuildConfig c;
  c.compiler = CTS_KSHIM_CC;
  c.shim_dir = CTS_KSHIM_SHIM_DIR;
  c.device_abi_dir = CTS_KSHIM_ABI_DIR;
  c.runtime_lib = CTS_KSHIM_RUNTIME_LIB;
  c.extra_flags = CTS_KSHIM_FLAGS;
  c.cache_dir = CTS_KSHIM_MODULE_CACHE;
  if (const char* env = std::getenv("CMDQV_CTS_KSHIM_CACHE"); env && *env) c.cache_dir = env;
  return c;
}

}  // namespace cts::kshim
