#pragma once
// Addresses of an endpoint that no attempt reached: a connectivity fact about the address
// (no IPv6 route, a closed port on one front end), never a verdict on a TLS version. Left in
// the verdicts, one dead AAAA record would make a healthy endpoint read "failing on the path".
#include <string>
#include <vector>

#include "core/result.hpp"

namespace tlsprobe {

struct AddressNote {
  std::string endpoint;  // target.label
  std::string address;
  Outcome outcome;       // how the first attempt at it failed: the class and codes to show
};

// Addresses where every attempt, on every version and backend, was `unreachable`, for
// endpoints that have at least one address where an attempt got through. An endpoint that
// nobody reached keeps its own `unreachable` verdicts instead.
std::vector<AddressNote> unreachable_addresses(const Report& report);

}  // namespace tlsprobe
