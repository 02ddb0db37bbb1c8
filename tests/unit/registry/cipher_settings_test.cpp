#include "registry/cipher_settings.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

using namespace testing;

// The local CNG list as `reg export` writes a REG_MULTI_SZ: hex(7), UTF-16LE, NUL after each.
std::string local_functions(const std::vector<std::string>& names) {
  std::string hex;
  for (const auto& n : names) {
    for (const char c : n) {
      char b[8];
      std::snprintf(b, sizeof b, "%02x,00,", static_cast<unsigned char>(c));
      hex += b;
    }
    hex += "00,00,";
  }
  hex += "00,00";
  return section("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002",
                 "\"Functions\"=hex(7):" + hex + "\r\n");
}

CipherSettings read(const std::string& text, std::optional<std::uint32_t> build) {
  return read_cipher_settings(snapshot_of(std::string(v5) + text), build);
}

TEST_CASE("no list and no build: unknown; a build alone: that Windows' defaults") {
  CHECK(read("", std::nullopt).source == ListSource::unknown);
  CHECK_FALSE(offers_front_door_suite(read("", std::nullopt)));
  const auto c = read("", 17763);
  CHECK(c.source == ListSource::os_default);
  CHECK(c.defaults_url == "https://learn.microsoft.com/windows/win32/secauthn/tls-cipher-suites-in-windows-10-v1709");
  CHECK(c.offered.size() == 21);
  CHECK(c.offered[2] == "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  CHECK(offers_front_door_suite(c) == true);
  CHECK(c.curves == std::vector<std::string>{"curve25519", "NistP256", "NistP384"});
}

TEST_CASE("Windows 7 defaults: suffixes folded to one suite each, curves from the suffixes") {
  const auto c = read("", 7601);
  CHECK(c.offered.front() == "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
  CHECK(c.offered[1] == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");  // _P256 and _P384 are one suite
  CHECK(c.curves == std::vector<std::string>{"NistP256", "NistP384"});
  CHECK(offers_front_door_suite(c) == false);
}

TEST_CASE("the order policy wins over the local list, which wins over the defaults") {
  const std::string policy = suite_policy_section(
      "\"Functions\"=\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_128_CBC_SHA\"\r\n");
  const std::string local = local_functions({"TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"});
  auto c = read(policy + local, 17763);
  CHECK(c.source == ListSource::policy);
  CHECK(c.policy_functions.chars == 90);  // as written, the space included
  // TLS 1.3 suites are listed but never offered in a TLS 1.2 hello.
  CHECK(c.offered == std::vector<std::string>{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"});
  c = read(local, 17763);
  CHECK(c.source == ListSource::local);
  CHECK(c.offered == std::vector<std::string>{"TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"});
  CHECK(offers_front_door_suite(c) == false);
}

TEST_CASE("a list value of a type Windows does not read counts as unset") {
  const auto c = read(suite_policy_section("\"Functions\"=dword:00000001\r\n"), 17763);
  CHECK(c.policy_functions.ignored == "REG_DWORD");
  CHECK(c.source == ListSource::os_default);
}

TEST_CASE("SCHANNEL keys with Enabled=0 take out the suites that need them") {
  const auto c = read(algorithm_section("Ciphers\\AES 256/256", 0) + algorithm_section("Hashes\\SHA", 0) +
                          algorithm_section("KeyExchangeAlgorithms\\PKCS", 0) +
                          algorithm_section("Ciphers\\AES 128/128", 0xffffffff),
                      22631);
  CHECK(c.off.size() == 3);
  for (const auto& s : c.offered) {
    CAPTURE(s);
    CHECK(s.find("AES_256") == std::string::npos);
    CHECK_FALSE(s.starts_with("TLS_RSA_"));
    CHECK_FALSE(s.ends_with("_SHA"));
  }
  CHECK(c.offered == std::vector<std::string>{"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                              "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"});
  REQUIRE_FALSE(c.removed.empty());
  CHECK(c.removed.front().suite == "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
  CHECK(c.removed.front().by ==
        "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\AES 256/256");
}

TEST_CASE("the keys a suite depends on, as KB245030 names them") {
  using P = std::pair<std::string_view, std::string_view>;
  CHECK(algorithm_keys("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") == std::vector<P>{{"Ciphers", "AES 128/128"}, {"KeyExchangeAlgorithms", "ECDH"}});
  CHECK(algorithm_keys("TLS_RSA_WITH_3DES_EDE_CBC_SHA") ==
        std::vector<P>{{"Ciphers", "Triple DES 168"}, {"Hashes", "SHA"}, {"KeyExchangeAlgorithms", "PKCS"}});
  CHECK(algorithm_keys("TLS_DHE_RSA_WITH_AES_256_CBC_SHA") ==
        std::vector<P>{{"Ciphers", "AES 256/256"}, {"Hashes", "SHA"}, {"KeyExchangeAlgorithms", "Diffie-Hellman"}});
  CHECK(algorithm_keys("TLS_RSA_WITH_RC4_128_MD5") ==
        std::vector<P>{{"Ciphers", "RC4 128/128"}, {"Hashes", "MD5"}, {"KeyExchangeAlgorithms", "PKCS"}});
  CHECK(algorithm_keys("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256") ==
        std::vector<P>{{"Ciphers", "AES 128/128"}, {"Hashes", "SHA256"}, {"KeyExchangeAlgorithms", "ECDH"}});
}

TEST_CASE("the curve policy: one name per string, in order") {
  const auto c = read(suite_policy_section("\"EccCurves\"=hex(7):4e,00,69,00,73,00,74,00,50,00,33,00,38,00,34,00,00,00,"
                                           "63,00,75,00,72,00,76,00,65,00,32,00,35,00,35,00,31,00,39,00,00,00,00,00\r\n"),
                      17763);
  CHECK(c.curves_source == ListSource::policy);
  CHECK(c.curves == std::vector<std::string>{"NistP384", "curve25519"});
}

}  // namespace
}  // namespace tlsprobe::registry
