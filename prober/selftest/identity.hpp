#pragma once
// A throw-away certificate for the self-test's local servers, made in memory.
#include <openssl/ssl.h>

#include <memory>

namespace tlsprobe::selftest {

struct Identity {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, &EVP_PKEY_free};
  std::unique_ptr<X509, decltype(&X509_free)> cert{nullptr, &X509_free};
};

// RSA 2048 and SHA-256, CN=localhost, valid for a day: RSA so every version and every
// client stack (SChannel included) has a suite in common with it. Throws on failure.
Identity make_identity();

}  // namespace tlsprobe::selftest
