#pragma once
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <optional>
#include <string>

#include "core/outcome.hpp"

namespace tlsprobe::openssl {

// Subject, issuer, expiry and the chain's verification result (`verify_result`, from the
// TrustStore after the handshake, so an untrusted chain never fails the handshake), the leaf
// checked against `verify_name` on its own, and the whole presented chain.
std::optional<CertificateSummary> summarize_certificate(SSL* ssl, const std::string& verify_name, long verify_result);

// One certificate's fields as the report shows them.
ChainCertificate describe_certificate(X509* cert);

// X509_check_host for a name, X509_check_ip_asc for an address literal, with the flags the
// verification used (`flags`). Unset for an empty name.
std::optional<bool> matches_name(X509* leaf, const std::string& name, unsigned int flags);

}  // namespace tlsprobe::openssl
