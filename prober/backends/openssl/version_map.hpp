#pragma once
#include <optional>

#include "core/version.hpp"

namespace tlsprobe::openssl {

// Our version to OpenSSL's protocol constant (SSL3_VERSION ... TLS1_3_VERSION) and back.
int to_native(Version v);
std::optional<Version> from_native(int native);

}  // namespace tlsprobe::openssl
