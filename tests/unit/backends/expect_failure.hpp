#pragma once
// The one check every backend's classification table makes of a failed attempt: the fields
// of the taxonomy, no negotiated version, and a message for the human.
#include <doctest/doctest.h>

#include <optional>

#include "core/outcome.hpp"

namespace tlsprobe::test {

struct ExpectedFailure {
  Status status;
  ErrorClass cls;
  Phase phase;
  std::optional<int> alert, posix, winsock;
  std::optional<Version> offered;
};

inline void check_failure(const Outcome& out, const ExpectedFailure& e) {
  CHECK(out.status == e.status);
  CHECK(out.error.cls == e.cls);
  CHECK(out.error.phase == e.phase);
  CHECK(out.error.alert == e.alert);
  CHECK(out.error.posix_errno == e.posix);
  CHECK(out.error.winsock == e.winsock);
  CHECK(out.error.offered == e.offered);
  CHECK_FALSE(out.negotiated.has_value());
  CHECK_FALSE(out.error.message.empty());
}

}  // namespace tlsprobe::test
