#include "backends/openssl/certificate.hpp"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

using namespace tlsprobe;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

void add_name(X509_NAME* name, const char* field, const std::string& value) {
  X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                             -1, 0);
}

// A certificate made in memory: fixed serial and dates, the SANs given in OpenSSL's config
// syntax, issued by `issuer_key` under `issuer_cn` (itself when both are the subject's).
Cert make_cert(EVP_PKEY* key, const std::string& cn, const std::string& sans, EVP_PKEY* issuer_key,
               const std::string& issuer_cn, long serial) {
  Cert cert(X509_new(), &X509_free);
  X509* c = cert.get();
  X509_set_version(c, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c), serial);
  ASN1_TIME_set_string_X509(X509_getm_notBefore(c), "20260101000000Z");
  ASN1_TIME_set_string_X509(X509_getm_notAfter(c), "20270301120000Z");
  X509_set_pubkey(c, key);
  // Encoded in the usual order, O before CN; RFC 2253 text lists them the other way round.
  add_name(X509_get_subject_name(c), "O", "Test, Inc.");
  add_name(X509_get_subject_name(c), "CN", cn);
  X509_NAME* issuer = X509_NAME_new();
  add_name(issuer, "O", "Test, Inc.");
  add_name(issuer, "CN", issuer_cn);
  X509_set_issuer_name(c, issuer);
  X509_NAME_free(issuer);
  if (!sans.empty()) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, sans.c_str());
    if (ext == nullptr) throw std::runtime_error("bad SAN text: " + sans);
    X509_add_ext(c, ext, -1);
    X509_EXTENSION_free(ext);
  }
  const EVP_MD* md = EVP_PKEY_get_base_id(issuer_key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  if (X509_sign(c, issuer_key, md) == 0) throw std::runtime_error("cannot sign");
  return cert;
}

}  // namespace

TEST_CASE("openssl certificate: every field of an EC leaf with DNS and IP alternative names") {
  Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  Key ca(EVP_EC_gen("P-384"), &EVP_PKEY_free);
  REQUIRE(key);
  REQUIRE(ca);
  const auto cert = make_cert(key.get(), "leaf.test", "DNS:leaf.test,DNS:*.leaf.test,IP:127.0.0.1,IP:::1", ca.get(),
                              "Test CA", 0x0A1B2C);
  const auto c = openssl::describe_certificate(cert.get());
  CHECK(c.subject == "CN=leaf.test,O=Test\\, Inc.");  // RFC 2253: most specific first, commas escaped
  CHECK(c.issuer == "CN=Test CA,O=Test\\, Inc.");
  CHECK(c.serial == "0A1B2C");
  CHECK(c.not_before == "2026-01-01T00:00:00Z");
  CHECK(c.not_after == "2027-03-01T12:00:00Z");
  CHECK(c.key_type == "EC");
  CHECK(c.key_bits == 256);
  CHECK(c.key_curve == "P-256");
  CHECK(c.san_dns == std::vector<std::string>{"leaf.test", "*.leaf.test"});
  CHECK(c.san_ip == std::vector<std::string>{"127.0.0.1", "::1"});
  CHECK_FALSE(c.self_signed);

  const auto ca_cert = make_cert(ca.get(), "Test CA", "", ca.get(), "Test CA", 1);
  const auto root = openssl::describe_certificate(ca_cert.get());
  CHECK(root.self_signed);
  CHECK(root.key_curve == "P-384");
  CHECK(root.key_bits == 384);
  CHECK(root.san_dns.empty());
  CHECK(root.san_ip.empty());
}

TEST_CASE("openssl certificate: RSA and Ed25519 keys are named with their size") {
  Key rsa(EVP_RSA_gen(2048), &EVP_PKEY_free);
  REQUIRE(rsa);
  const auto r = openssl::describe_certificate(make_cert(rsa.get(), "r", "", rsa.get(), "r", 1).get());
  CHECK(r.key_type == "RSA");
  CHECK(r.key_bits == 2048);
  CHECK(r.key_curve.empty());
  CHECK(r.serial == "01");

  Key ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &EVP_PKEY_free);
  REQUIRE(ed);
  const auto e = openssl::describe_certificate(make_cert(ed.get(), "e", "", ed.get(), "e", 2).get());
  CHECK(e.key_type == "Ed25519");
  CHECK(e.key_bits == 256);
  CHECK(e.key_curve.empty());
}

TEST_CASE("openssl certificate: the host-name check, names and address literals") {
  Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  const auto cert =
      make_cert(key.get(), "leaf.test", "DNS:leaf.test,DNS:*.wild.test,IP:127.0.0.1,IP:::1", key.get(), "leaf.test", 3);
  X509* c = cert.get();
  CHECK(openssl::matches_name(c, "leaf.test", 0) == true);
  CHECK(openssl::matches_name(c, "LEAF.test", 0) == true);
  CHECK(openssl::matches_name(c, "a.wild.test", 0) == true);
  CHECK(openssl::matches_name(c, "a.b.wild.test", 0) == false);  // a wildcard covers one label
  CHECK(openssl::matches_name(c, "wrong.example", 0) == false);
  CHECK(openssl::matches_name(c, "127.0.0.1", 0) == true);
  CHECK(openssl::matches_name(c, "::1", 0) == true);
  CHECK(openssl::matches_name(c, "127.0.0.2", 0) == false);
  CHECK_FALSE(openssl::matches_name(c, "", 0).has_value());
  // With SANs present, the subject CN is not a name (RFC 6125 6.4.4).
  const auto cn_only = make_cert(key.get(), "cn.test", "DNS:other.test", key.get(), "cn.test", 4);
  CHECK(openssl::matches_name(cn_only.get(), "cn.test", 0) == false);
}
