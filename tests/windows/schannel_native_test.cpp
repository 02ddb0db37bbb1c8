// The SChannel backend against the real SSPI of the machine it runs on (Wine in CI): the
// portable tables must say what the Windows headers say, and the run-time decisions must
// match what this SChannel can do.
#include <doctest/doctest.h>

#include "backends/schannel/schannel_backend.hpp"
#include "backends/schannel/sspi.hpp"
#include "backends/schannel/version_map.hpp"
#include "backends/schannel/windows_version.hpp"

using namespace tlsprobe;

TEST_CASE("schannel version table matches schannel.h") {
  CHECK(schannel::client_bit(Version::ssl3_0) == SP_PROT_SSL3_CLIENT);
  CHECK(schannel::client_bit(Version::tls1_0) == SP_PROT_TLS1_0_CLIENT);
  CHECK(schannel::client_bit(Version::tls1_1) == SP_PROT_TLS1_1_CLIENT);
  CHECK(schannel::client_bit(Version::tls1_2) == SP_PROT_TLS1_2_CLIENT);
  CHECK(schannel::client_bit(Version::tls1_3) == SP_PROT_TLS1_3_CLIENT);
  CHECK(schannel::from_protocol_bits(SP_PROT_TLS1_2_SERVER) == Version::tls1_2);
}

TEST_CASE("windows version: RtlGetVersion answers, and Wine says it is Wine") {
  const auto os = schannel::windows_version();
  CHECK(os.major >= 6);
  CHECK(os.build > 0);
  MESSAGE("Windows " << os.major << "." << os.minor << " build " << os.build
                     << (os.wine.empty() ? "" : " under Wine " + os.wine));
}

TEST_CASE("schannel backend: what this SChannel can attempt, decided at run time") {
  const auto os = schannel::windows_version();
  SchannelBackend backend;
  for (const auto v : {Version::tls1_0, Version::tls1_1, Version::tls1_2}) {
    CAPTURE(token(v));
    const auto s = backend.supports(v);
    CHECK_MESSAGE(s.ok, s.reason);
  }
  const auto tls13 = backend.supports(Version::tls1_3);
  if (!os.wine.empty() || os.build < schannel::first_tls13_build) {
    CHECK_FALSE(tls13.ok);
    CHECK(tls13.reason.find("TLS 1.3") != std::string::npos);
    CHECK(tls13.reason.find("raw backend") != std::string::npos);
  }
  if (!os.wine.empty()) {
    // DESIGN.md: Wine's SChannel fails SSL 3.0 locally.
    const auto ssl3 = backend.supports(Version::ssl3_0);
    CHECK_FALSE(ssl3.ok);
    CHECK(ssl3.reason.find("SSL 3.0") != std::string::npos);
    MESSAGE("ssl3.0: " << ssl3.reason);
  }
}

TEST_CASE("schannel credentials: one version enabled per handle") {
  schannel::Credentials tls12(Version::tls1_2, schannel::CredentialApi::schannel_cred);
  REQUIRE(tls12.ok());
  schannel::Context context(tls12, "localhost");
  const auto hello = context.start();
  CHECK(hello.status == SEC_I_CONTINUE_NEEDED);
  // RFC 5246 §6.2.1 / §7.4.1.2: a handshake record holding a ClientHello (type 1).
  REQUIRE(hello.token.size() > 9);
  CHECK(hello.token[0] == 0x16);
  CHECK(hello.token[5] == 0x01);
  // client_version: the highest version offered, which the pin makes exactly TLS 1.2.
  CHECK(hello.token[9] == 0x03);
  CHECK(hello.token[10] == 0x03);
}
