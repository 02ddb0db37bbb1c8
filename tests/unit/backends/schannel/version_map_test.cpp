#include "backends/schannel/version_map.hpp"

#include <doctest/doctest.h>

using namespace tlsprobe;

TEST_CASE("schannel protocol bits and registry names, both ways") {
  struct Row {
    Version version;
    std::uint32_t client, server;  // schannel.h SP_PROT_*_CLIENT / SP_PROT_*_SERVER
    const char* registry;
  };
  const Row rows[] = {{Version::ssl3_0, 0x20, 0x10, "SSL 3.0"},
                      {Version::tls1_0, 0x80, 0x40, "TLS 1.0"},
                      {Version::tls1_1, 0x200, 0x100, "TLS 1.1"},
                      {Version::tls1_2, 0x800, 0x400, "TLS 1.2"},
                      {Version::tls1_3, 0x2000, 0x1000, "TLS 1.3"}};
  for (const auto& r : rows) {
    CAPTURE(token(r.version));
    CHECK(schannel::client_bit(r.version) == r.client);
    CHECK(schannel::from_protocol_bits(r.client) == r.version);
    CHECK(schannel::from_protocol_bits(r.server) == r.version);
    CHECK(schannel::registry_protocol(r.version) == r.registry);
  }
  CHECK(schannel::all_client_bits() == 0x2AA0);
  // TLS_PARAMETERS for TLS 1.3: everything else disabled.
  CHECK((schannel::all_client_bits() & ~schannel::client_bit(Version::tls1_3)) == 0x0AA0);
}

TEST_CASE("schannel protocol bits: SSL 2.0, DTLS and mixtures are not one of our versions") {
  CHECK_FALSE(schannel::from_protocol_bits(0).has_value());
  CHECK_FALSE(schannel::from_protocol_bits(0x8).has_value());      // SP_PROT_SSL2_CLIENT
  CHECK_FALSE(schannel::from_protocol_bits(0x20000).has_value());  // SP_PROT_DTLS1_0_CLIENT
  CHECK_FALSE(schannel::from_protocol_bits(0x880).has_value());    // two versions at once
}
