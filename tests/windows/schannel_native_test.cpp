// The SChannel backend against the real SSPI of the machine it runs on (Wine in CI): the
// portable tables must say what the Windows headers say, and the run-time decisions must
// match what this SChannel can do.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "backends/schannel/chain.hpp"
#include "backends/schannel/name_match.hpp"
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

namespace {

// A root, an intermediate (EC P-256, serial A1B2C3) and a leaf (EC P-256, serial with the
// top bit set, so DER carries a sign byte), valid 2026-2126: `openssl req` / `openssl x509`.
constexpr const char* root_pem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDSjCCAjKgAwIBAgIBATANBgkqhkiG9w0BAQsFADA1MRYwFAYDVQQKDA10bHNw\n"
    "cm9iZSB0ZXN0MRswGQYDVQQDDBJ0bHNwcm9iZSBUZXN0IFJvb3QwIBcNMjYxMTI5\n"
    "MDg1MDAzWhgPMjEyNjExMDUwODUwMDNaMDUxFjAUBgNVBAoMDXRsc3Byb2JlIHRl\n"
    "c3QxGzAZBgNVBAMMEnRsc3Byb2JlIFRlc3QgUm9vdDCCASIwDQYJKoZIhvcNAQEB\n"
    "BQADggEPADCCAQoCggEBAMrHtBHvjGoTvjMiI8FrDHgRS569QOjqz133zBnsp/Ik\n"
    "/6wexY7f7DU25V1mLWUzZVr84abmOk9YLYIZA/utbsDrIEemrbA5qDqhRoEY+MP8\n"
    "7A3mPQhryMKdyYXfksRFT245Od+CE1A9sXHQqBcZZDkw7pzR6wcEKopee6+Fy/4E\n"
    "Yj6rl8pCfjLpvVJ8p8bK+vZ9028pg7rZYN6Zne2kbiDFt1vYaT3H6FbcKIRkDX1h\n"
    "v1LBHoWnXwjtoowQMXPenasdTdTQa0eQV/+qznNA7tcJ2GXQ2KEToYRvOegS1A13\n"
    "Kz8i4j8XC13iXfz2xxFXtZoIlHjF24jqSYZpYR41OiMCAwEAAaNjMGEwHQYDVR0O\n"
    "BBYEFKGU47ICQZ5Upl7uAQ5FhQUVMk4YMB8GA1UdIwQYMBaAFKGU47ICQZ5Upl7u\n"
    "AQ5FhQUVMk4YMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMA0GCSqG\n"
    "SIb3DQEBCwUAA4IBAQDBAREcVVv3Pe8C1nmd3cOib4g3CviPHx6kQJOF6hc4tkgF\n"
    "xCAS9qAKVZYwrxBGZ7CT26dvAXriPd6vl38r3kHCKhWbVVh8k519AjgVx3UWWDOf\n"
    "DW+Rn57ltf07fxL+7zwUeeKo/OzegWYIvKzVmNsJsbTyR5MKeeuojMw22SKgGNPP\n"
    "2bQs+bnq/HuGtkQ0V9xbULRut7Vmg84jRhw3ev7n8BbgCfRjI8Z8lhFMzjHCt20s\n"
    "47ilg8EKq6N6+QG4uuymDmvdxtPPq96xw9YdfsILYs0NqqkoxoN10yiunkTI3HIQ\n"
    "OzLdt+AiZJsoRecGckCE8PPCkoPjz5EtRRuKIojB\n"
    "-----END CERTIFICATE-----\n";

constexpr const char* int_pem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIICijCCAXKgAwIBAgIEAKGywzANBgkqhkiG9w0BAQsFADA1MRYwFAYDVQQKDA10\n"
    "bHNwcm9iZSB0ZXN0MRswGQYDVQQDDBJ0bHNwcm9iZSBUZXN0IFJvb3QwIBcNMjYx\n"
    "MTI5MDg1MDAzWhgPMjEyNjExMDUwODUwMDNaMD0xFjAUBgNVBAoMDXRsc3Byb2Jl\n"
    "IHRlc3QxIzAhBgNVBAMMGnRsc3Byb2JlIFRlc3QgSW50ZXJtZWRpYXRlMFkwEwYH\n"
    "KoZIzj0CAQYIKoZIzj0DAQcDQgAEkVWx3tYh1T1XlDZafS54UDKd7mbQjJ7wDS+q\n"
    "UcOmdkQNRAFEQBjBDCrtzot5Er0eOFNa9tjPicDigENCdyRbeKNjMGEwDwYDVR0T\n"
    "AQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAgQwHQYDVR0OBBYEFCD8EOqf5ISm1DM2\n"
    "yj55nxpPocRWMB8GA1UdIwQYMBaAFKGU47ICQZ5Upl7uAQ5FhQUVMk4YMA0GCSqG\n"
    "SIb3DQEBCwUAA4IBAQA8QiucHYpfR62K8Y8COKbMtGnsInmlf4neLzqvpTKUk9x9\n"
    "klzw3+INWqr9w7HShTV/PBGgaIXoB0CWnepnJohn0WMqZVyigDFgpJgpfBNv+EEM\n"
    "EgrWZ0zcSekgzC7QOoB+E5zPtoRbVmsN1QuLgVOFm92+WTe8yGLgKqZGM5ARV4+1\n"
    "9X66iHjVkT6UeQCwFaa7ldODLZX3GoOZaZE7Cviay4OKm8ak7mumHIyxVCxZGlan\n"
    "kUThgTH6lfprTOym190FV/7eO1vgnsaNUHD0E8uBDaNd3WJyZr17JU3FmwekAWFg\n"
    "OInN5xw6HA7Y6oJiLS1BTiz67YFClTSphrRLVRIb\n"
    "-----END CERTIFICATE-----\n";

constexpr const char* leaf_pem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIB9jCCAZ2gAwIBAgIMAI8AAAAAAAAAAAABMAoGCCqGSM49BAMCMD0xFjAUBgNV\n"
    "BAoMDXRsc3Byb2JlIHRlc3QxIzAhBgNVBAMMGnRsc3Byb2JlIFRlc3QgSW50ZXJt\n"
    "ZWRpYXRlMCAXDTI2MTEyOTA4NTAwM1oYDzIxMjYxMTA1MDg1MDAzWjA0MRYwFAYD\n"
    "VQQKDA10bHNwcm9iZSB0ZXN0MRowGAYDVQQDDBFsZWFmLmV4YW1wbGUudGVzdDBZ\n"
    "MBMGByqGSM49AgEGCCqGSM49AwEHA0IABFSFY+Mg7JBFw4+a1CkbcWbsqooKLxzk\n"
    "y0eNCxVIwCT77JaAgdOYY462X3qWJ3eIDh3SnXOq3mB2q2/FZJR/rvujgYkwgYYw\n"
    "RAYDVR0RBD0wO4IRbGVhZi5leGFtcGxlLnRlc3SCDiouZXhhbXBsZS50ZXN0hwTA\n"
    "AAIHhxAgAQ24AAAAAAAAAAAAAAABMB0GA1UdDgQWBBT+4XiteOi/+9+fc/DxrCQF\n"
    "8tapnzAfBgNVHSMEGDAWgBQg/BDqn+SEptQzNso+eZ8aT6HEVjAKBggqhkjOPQQD\n"
    "AgNHADBEAiBwMxBmHioZpfjOQj1NXtn4rgwrcWcWCDIcFsf1oi8p4gIgHbHu2/95\n"
    "mpWUip45BH+GPxWpOGy1IiE4ZqlD8wMYPIo=\n"
    "-----END CERTIFICATE-----\n";

// The DER of a PEM certificate, added to `store`; the context belongs to the caller.
PCCERT_CONTEXT add_pem(HCERTSTORE store, const char* pem) {
  const std::string text(pem);
  DWORD size = 0;
  REQUIRE(CryptStringToBinaryA(text.data(), static_cast<DWORD>(text.size()), CRYPT_STRING_BASE64HEADER, nullptr, &size,
                               nullptr, nullptr));
  std::vector<BYTE> der(size);
  REQUIRE(CryptStringToBinaryA(text.data(), static_cast<DWORD>(text.size()), CRYPT_STRING_BASE64HEADER, der.data(),
                               &size, nullptr, nullptr));
  PCCERT_CONTEXT cert = nullptr;
  REQUIRE(CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der.data(), size, CERT_STORE_ADD_ALWAYS, &cert));
  return cert;
}

// The store SChannel hands over with the leaf: every certificate of the Certificate message.
struct SentStore {
  HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, nullptr);
  std::vector<PCCERT_CONTEXT> certs;
  ~SentStore() {
    for (auto c : certs) CertFreeCertificateContext(c);
    CertCloseStore(store, 0);
  }
  PCCERT_CONTEXT add(const char* pem) { return certs.emplace_back(add_pem(store, pem)); }
};

}  // namespace

TEST_CASE("schannel chain: a certificate described as the OpenSSL backend describes it") {
  SentStore sent;
  const auto leaf = schannel::describe_certificate(sent.add(leaf_pem));
  CHECK(leaf.subject == "CN=leaf.example.test, O=tlsprobe test");
  CHECK(leaf.issuer == "CN=tlsprobe Test Intermediate, O=tlsprobe test");
  CHECK(leaf.serial == "8F00000000000000000001");  // big-endian, no sign byte
  CHECK(leaf.not_before == "2026-11-29T08:50:03Z");
  CHECK(leaf.not_after == "2126-11-05T08:50:03Z");
  CHECK(leaf.key_type == "EC");
  CHECK(leaf.key_curve == "P-256");
  CHECK(leaf.key_bits == 256);
  CHECK(leaf.san_dns == std::vector<std::string>{"leaf.example.test", "*.example.test"});
  CHECK(leaf.san_ip == std::vector<std::string>{"192.0.2.7", "2001:db8::1"});
  CHECK_FALSE(leaf.self_signed);
  CHECK(schannel::common_name(sent.certs.back()) == "leaf.example.test");

  const auto root = schannel::describe_certificate(sent.add(root_pem));
  CHECK(root.serial == "01");
  CHECK(root.key_type == "RSA");
  CHECK(root.key_bits == 2048);
  CHECK(root.key_curve.empty());
  CHECK(root.san_dns.empty());
  CHECK(root.self_signed);
}

TEST_CASE("schannel chain: rebuilt leaf first from the unordered store, nothing added") {
  SUBCASE("leaf and intermediate, as most servers send them") {
    SentStore sent;
    sent.add(int_pem);
    const auto leaf = sent.add(leaf_pem);
    const auto chain = schannel::presented_chain(leaf);
    REQUIRE(chain.size() == 2);
    CHECK(chain[0].subject == "CN=leaf.example.test, O=tlsprobe test");
    CHECK(chain[1].subject == "CN=tlsprobe Test Intermediate, O=tlsprobe test");
    CHECK(chain[1].serial == "A1B2C3");
    CHECK_FALSE(chain[1].self_signed);  // the root was not sent, and is not added
  }
  SUBCASE("the root too, stored in reverse") {
    SentStore sent;
    sent.add(root_pem);
    sent.add(int_pem);
    const auto leaf = sent.add(leaf_pem);
    const auto chain = schannel::presented_chain(leaf);
    REQUIRE(chain.size() == 3);
    CHECK(chain[0].serial == "8F00000000000000000001");
    CHECK(chain[1].serial == "A1B2C3");
    CHECK(chain[2].serial == "01");
    CHECK(chain[2].self_signed);
  }
  SUBCASE("a certificate that links to nothing comes last") {
    SentStore sent;
    sent.add(root_pem);
    const auto leaf = sent.add(leaf_pem);
    const auto chain = schannel::presented_chain(leaf);
    REQUIRE(chain.size() == 2);
    CHECK(chain[0].serial == "8F00000000000000000001");
    CHECK(chain[1].serial == "01");
  }
  SUBCASE("a leaf alone") {
    SentStore sent;
    const auto leaf = sent.add(leaf_pem);
    CHECK(schannel::presented_chain(leaf).size() == 1);
  }
}

TEST_CASE("schannel chain: the leaf's own names against the verify name") {
  SentStore sent;
  const auto cert = sent.add(leaf_pem);
  const auto leaf = schannel::describe_certificate(cert);
  const auto cn = schannel::common_name(cert);
  CHECK(schannel::leaf_matches_name(leaf.san_dns, leaf.san_ip, cn, "leaf.example.test") == true);
  CHECK(schannel::leaf_matches_name(leaf.san_dns, leaf.san_ip, cn, "www.example.test") == true);
  CHECK(schannel::leaf_matches_name(leaf.san_dns, leaf.san_ip, cn, "a.b.example.test") == false);
  CHECK(schannel::leaf_matches_name(leaf.san_dns, leaf.san_ip, cn, "192.0.2.7") == true);
  CHECK(schannel::leaf_matches_name(leaf.san_dns, leaf.san_ip, cn, "2001:db8:0::1") == true);
  CHECK(schannel::leaf_matches_name(leaf.san_dns, leaf.san_ip, cn, "192.0.2.8") == false);
}
