#pragma once
// Cells where two TLS stacks saw the same server differently: one accepted the version, the
// other did not. "The server accepts TLS 1.0, but this machine's OpenSSL will not" is the
// signal a network engineer needs, so it is computed once here and shown by every renderer.
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace tlsprobe {

struct Disagreement {
  std::string endpoint;
  std::string address;
  Version version = Version::tls1_2;
  std::vector<std::pair<std::string, Status>> outcomes;  // backend -> status, in report order
};

std::vector<Disagreement> find_disagreements(const Report& report);

}  // namespace tlsprobe
