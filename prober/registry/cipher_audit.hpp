#pragma once
// The cipher side of the audit: can this machine offer a TLS 1.2 suite and curve that Azure's
// front doors accept? Finding ids (stable):
//   ciphers.tls1_2.none_offered         error    no TLS 1.2 suite left to offer
//   ciphers.tls1_2.no_front_door_suite  warning  none of the TLSv1.2_2023 suites (ECDHE_RSA
//                                                AES-GCM): absent from the OS, the order list,
//                                                or switched off by an SCHANNEL key
//   ciphers.policy.too_long             warning  the order policy passes 1023 characters
//   curves.no_front_door_curve          warning  ECDHE suites offered, but no curve a front
//                                                door takes (NistP256, NistP384, NistP521)
// The front door findings are warnings: an endpoint that is not behind a TLSv1.2_2023 front
// door may still accept what this machine offers; the probe's --ciphers join says so per
// endpoint.
#include <vector>

#include "registry/finding.hpp"
#include "registry/settings.hpp"

namespace tlsprobe::registry {

void cipher_findings(const Settings& settings, std::vector<Finding>& out);

}  // namespace tlsprobe::registry
