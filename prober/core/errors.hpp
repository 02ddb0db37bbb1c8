#pragma once
// Errors the user can fix: each becomes exit code 2 with the message as written.
#include <stdexcept>
#include <string>

namespace tlsprobe {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace tlsprobe
