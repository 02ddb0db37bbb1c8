#include "wire/cipher_names.hpp"

#include <doctest/doctest.h>

namespace tlsprobe {

TEST_CASE("cipher names: IANA spelling, hex for the unknown") {
  CHECK(wire::cipher_name(0xC02F) == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(wire::cipher_name(0x1303) == "TLS_CHACHA20_POLY1305_SHA256");
  CHECK(wire::cipher_name(0x00FF) == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");  // RFC 5746 §3.3
  CHECK(wire::cipher_name(0xCCAA) == "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  CHECK(wire::cipher_name(0xBEEF) == "0xBEEF");
}

}  // namespace tlsprobe
