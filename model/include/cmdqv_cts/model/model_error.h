// SPDX-License-Identifier: MIT
// Configuration errors of the model: a geometry or option the model cannot honour,
// or a spec whose layout does not fit that geometry. Never raised by an access.
#pragma once

#include <stdexcept>
#include <string>

namespace cts::model {

class ModelError : public std::runtime_error {
 public:
  explicit ModelError(const std::string& what) : std::runtime_error(what) {}
};

// The device's identification registers contradict a value the user's options pin: a
// configuration error (exit 2), not a verdict on the device.
class ConfigMismatch : public ModelError {
 public:
  using ModelError::ModelError;
};

}  // namespace cts::model
