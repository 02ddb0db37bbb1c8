#pragma once
// What every finding has, whatever it is about (the registry audit, the certificates of a
// probe): a stable id scripts match on, how much it matters, and one line saying it. Each kind
// adds its own facts (the registry's fix, the certificate's cell) on top.
#include <string>

#include "core/severity.hpp"

namespace tlsprobe {

struct Finding {
  std::string id;  // "schannel.tls1_2.client.disabled", "certificate.inspection"
  Severity severity = Severity::info;
  std::string message;  // one line
  auto operator<=>(const Finding&) const = default;
};

}  // namespace tlsprobe
