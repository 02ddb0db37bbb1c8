#pragma once
#include <openssl/ssl.h>

#include <optional>

#include "core/outcome.hpp"

namespace tlsprobe::openssl {

// Subject, issuer, expiry and the chain's verification result (computed by OpenSSL even
// though we run with SSL_VERIFY_NONE, so an untrusted chain never fails the handshake).
std::optional<CertificateSummary> summarize_certificate(SSL* ssl);

}  // namespace tlsprobe::openssl
