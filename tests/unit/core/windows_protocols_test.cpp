#include "core/windows_protocols.hpp"

#include <doctest/doctest.h>

using namespace tlsprobe;

TEST_CASE("windows protocols: one row per version, schannel.h's bits and the registry's key names") {
  REQUIRE(windows_protocols().size() == all_versions.size());
  for (const auto v : all_versions) {
    const auto& p = windows_protocol(v);
    CHECK(p.version == v);
    CHECK(p.server_bit == p.client_bit >> 1);  // schannel.h: each SP_PROT_*_SERVER is the client bit >> 1
  }
  CHECK(windows_protocol(Version::ssl3_0).client_bit == 0x20u);
  CHECK(windows_protocol(Version::tls1_2).client_bit == 0x800u);
  CHECK(windows_protocol(Version::tls1_3).client_bit == 0x2000u);
  CHECK(windows_protocol(Version::tls1_1).key_name == "TLS 1.1");
  CHECK(windows_protocol(Version::tls1_0).id == "tls1_0");
  CHECK(schannel_client_subkey(Version::tls1_2) == "SCHANNEL\\Protocols\\TLS 1.2\\Client");
  CHECK(schannel_client_subkey(Version::ssl3_0) == "SCHANNEL\\Protocols\\SSL 3.0\\Client");
}
