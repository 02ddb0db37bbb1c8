#include "backends/openssl/certificate.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <array>
#include <boost/asio/ip/address.hpp>
#include <ctime>
#include <memory>
#include <string>

#include "core/target.hpp"

namespace tlsprobe::openssl {
namespace {

std::string name_text(const X509_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) return {};
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::string iso_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  std::array<char, 32> buf{};
  const auto n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf.data(), n);
}

// The way `openssl x509 -serial` and Windows' certificate dialog print it: hex, two digits
// per byte, so users can compare it with what they see there.
std::string serial_hex(const X509* cert) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr),
                                                  &BN_free);
  if (!bn) return {};
  char* hex = BN_bn2hex(bn.get());
  if (hex == nullptr) return {};
  std::string out(hex);
  OPENSSL_free(hex);
  return out;
}

std::string key_type_name(int id) {
  switch (id) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_EC: return "EC";
    case EVP_PKEY_ED25519: return "Ed25519";
    case EVP_PKEY_ED448: return "Ed448";
    case EVP_PKEY_DSA: return "DSA";
    default: break;
  }
  const char* sn = OBJ_nid2sn(id);
  return sn != nullptr ? sn : "unknown";
}

// "P-256" rather than OpenSSL's "prime256v1": the name in CA policies and in Windows.
std::string curve_name(const EVP_PKEY* key) {
  std::array<char, 80> group{};
  std::size_t len = 0;
  if (EVP_PKEY_get_group_name(key, group.data(), group.size(), &len) != 1) return {};
  const std::string name(group.data(), len);
  const char* nist = EC_curve_nid2nist(OBJ_txt2nid(name.c_str()));
  return nist != nullptr ? nist : name;
}

void add_alt_names(X509* cert, ChainCertificate& out) {
  std::unique_ptr<GENERAL_NAMES, decltype(&GENERAL_NAMES_free)> names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)),
      &GENERAL_NAMES_free);
  if (!names) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    int type = 0;
    const auto* value = static_cast<const ASN1_STRING*>(GENERAL_NAME_get0_value(name, &type));
    if (value == nullptr) continue;
    const auto* bytes = ASN1_STRING_get0_data(value);
    const auto size = static_cast<std::size_t>(ASN1_STRING_length(value));
    if (type == GEN_DNS) {
      out.san_dns.emplace_back(reinterpret_cast<const char*>(bytes), size);
    } else if (type == GEN_IPADD && size == 4) {
      boost::asio::ip::address_v4::bytes_type b{};
      std::copy(bytes, bytes + size, b.begin());
      out.san_ip.push_back(boost::asio::ip::address_v4(b).to_string());
    } else if (type == GEN_IPADD && size == 16) {
      boost::asio::ip::address_v6::bytes_type b{};
      std::copy(bytes, bytes + size, b.begin());
      out.san_ip.push_back(boost::asio::ip::address_v6(b).to_string());
    }
  }
}

}  // namespace

ChainCertificate describe_certificate(X509* cert) {
  ChainCertificate c;
  c.subject = name_text(X509_get_subject_name(cert));
  c.issuer = name_text(X509_get_issuer_name(cert));
  c.serial = serial_hex(cert);
  c.not_before = iso_time(X509_get0_notBefore(cert));
  c.not_after = iso_time(X509_get0_notAfter(cert));
  if (const EVP_PKEY* key = X509_get0_pubkey(cert)) {
    const int id = EVP_PKEY_get_base_id(key);
    c.key_type = key_type_name(id);
    c.key_bits = EVP_PKEY_get_bits(key);
    if (id == EVP_PKEY_EC) c.key_curve = curve_name(key);
  }
  add_alt_names(cert, c);
  // Names and key identifiers only: whether the signature verifies is the chain check's job.
  c.self_signed = X509_self_signed(cert, 0) == 1;
  return c;
}

std::optional<bool> matches_name(X509* leaf, const std::string& name, unsigned int flags) {
  if (name.empty()) return std::nullopt;
  if (is_ip_literal(name)) return X509_check_ip_asc(leaf, name.c_str(), flags) == 1;
  return X509_check_host(leaf, name.c_str(), name.size(), flags, nullptr) == 1;
}

std::optional<CertificateSummary> summarize_certificate(SSL* ssl, const std::string& verify_name, long verify_result) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(SSL_get1_peer_certificate(ssl), &X509_free);
  if (!cert) return std::nullopt;
  CertificateSummary s;
  s.subject = name_text(X509_get_subject_name(cert.get()));
  s.issuer = name_text(X509_get_issuer_name(cert.get()));
  s.not_after = iso_time(X509_get0_notAfter(cert.get()));
  s.verified = verify_result == X509_V_OK;
  if (!s.verified) s.verify_error = X509_verify_cert_error_string(verify_result);
  s.hostname_matches = matches_name(cert.get(), verify_name, X509_VERIFY_PARAM_get_hostflags(SSL_get0_param(ssl)));
  // On the client the peer chain starts with the leaf (SSL_get_peer_cert_chain(3)). It is
  // what the server sent, not what verification built: the substitute a TLS-inspecting
  // proxy presents is only visible here.
  if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl))
    for (int i = 0; i < sk_X509_num(chain); ++i) s.chain.push_back(describe_certificate(sk_X509_value(chain, i)));
  if (s.chain.empty()) s.chain.push_back(describe_certificate(cert.get()));
  return s;
}

}  // namespace tlsprobe::openssl
