#include "render/client_hello.hpp"

#include <doctest/doctest.h>

#include "sample_report.hpp"
#include "wire/tls_names.hpp"

using namespace tlsprobe;

namespace {

ClientHelloInfo tls12_hello() {
  ClientHelloInfo h;
  h.size = 201;
  h.legacy_version = 0x0303;
  h.cipher_suites = {0x2A2A, 0xC02F, 0x00FF};
  h.extensions = {0x0000, 0x000A, 0x000D};
  h.supported_groups = {0x001D, 0x0017};
  h.signature_algorithms = {0x0804};
  h.ja4 = "t12d0303h1_0123456789ab_ba9876543210";
  h.ja3_hash = "871a754af286dfb70c1b53c6887c62e0";
  return h;
}

}  // namespace

TEST_CASE("render client hello: one block per backend and version, the first attempt's hello") {
  Report rep;
  const Target t = sample::target("vault.example", 443);
  auto with_hello = sample::ok(Version::tls1_2, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  with_hello.client_hello = tls12_hello();
  rep.results.push_back(sample::attempt(t, "10.0.0.1", "openssl", Version::tls1_2, with_hello));
  // A second address: the same stack and version, so not repeated.
  auto again = with_hello;
  again.client_hello->size = 999;
  rep.results.push_back(sample::attempt(t, "10.0.0.2", "openssl", Version::tls1_2, again));
  // SSL 3.0 has no extensions: no groups, algorithms or extension lines.
  auto ssl3 = failure(Status::rejected, ErrorClass::alert, Phase::hello, "alert");
  ClientHelloInfo old;
  old.size = 63;
  old.legacy_version = 0x0300;
  old.cipher_suites = {0x000A};
  old.ja4 = "ts3i010000_aaaaaaaaaaaa_000000000000";
  old.ja3_hash = "3159ff38ed37a86fcfb2c3d4f56ac1e4";
  ssl3.client_hello = old;
  rep.results.push_back(sample::attempt(t, "10.0.0.1", "raw", Version::ssl3_0, ssl3));
  // Nothing sent, nothing shown.
  rep.results.push_back(sample::attempt(t, "10.0.0.1", "raw", Version::tls1_3, unsupported_here("no")));
  CHECK(render_client_hellos(rep) ==
        "ClientHellos sent (--show-hello):\n"
        "  openssl TLS 1.2: 201 bytes, legacy 0x0303, 3 suites, JA4 t12d0303h1_0123456789ab_ba9876543210, JA3 "
        "871a754af286dfb70c1b53c6887c62e0\n"
        "    suites: grease, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_EMPTY_RENEGOTIATION_INFO_SCSV\n"
        "    groups: x25519, secp256r1\n"
        "    signature algorithms: rsa_pss_rsae_sha256\n"
        "    extensions: server_name, supported_groups, signature_algorithms\n"
        "  raw SSL 3.0: 63 bytes, legacy 0x0300, 1 suites, JA4 ts3i010000_aaaaaaaaaaaa_000000000000, JA3 "
        "3159ff38ed37a86fcfb2c3d4f56ac1e4\n"
        "    suites: TLS_RSA_WITH_3DES_EDE_CBC_SHA\n");
  Report none;
  CHECK(render_client_hellos(none).empty());
}

TEST_CASE("tls names: IANA spellings, GREASE, and hex for the unknown") {
  CHECK(wire::extension_name(0x002B) == "supported_versions");
  CHECK(wire::extension_name(0xFE0D) == "encrypted_client_hello");
  CHECK(wire::extension_name(0x0A0A) == "grease");
  CHECK(wire::extension_name(0x00FE) == "0x00FE");
  CHECK(wire::group_name(0x11EC) == "X25519MLKEM768");
  CHECK(wire::group_name(0x0018) == "secp384r1");
  CHECK(wire::signature_scheme_name(0x0403) == "ecdsa_secp256r1_sha256");
  CHECK(wire::version_number_name(0x0304) == "tls1.3");
  CHECK(wire::version_number_name(0x7A7A) == "grease");
}
