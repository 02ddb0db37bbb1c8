#include "backends/schannel/chain.hpp"

#include "backends/schannel/crypt_handles.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace tlsprobe::schannel {
namespace {

std::string utf8(const wchar_t* wide, std::size_t size) {
  if (wide == nullptr || size == 0) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, wide, static_cast<int>(size), nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, wide, static_cast<int>(size), out.data(), n, nullptr, nullptr);
  return out;
}

std::string utf8(const wchar_t* wide) { return wide == nullptr ? std::string() : utf8(wide, std::wcslen(wide)); }

// "CN=localhost, O=..." most specific first, the order OpenSSL's RFC 2253 text uses.
std::string name_text(CERT_NAME_BLOB* name) {
  constexpr DWORD type = CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG;
  const DWORD n = CertNameToStrW(X509_ASN_ENCODING, name, type, nullptr, 0);
  if (n <= 1) return {};
  std::wstring text(n, L'\0');
  CertNameToStrW(X509_ASN_ENCODING, name, type, text.data(), n);
  return utf8(text.data(), n - 1);  // the count includes the terminating NUL
}

std::string iso_time(const FILETIME& t) {
  SYSTEMTIME st{};
  if (!FileTimeToSystemTime(&t, &st)) return {};
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04u-%02u-%02uT%02u:%02u:%02uZ", st.wYear, st.wMonth, st.wDay, st.wHour,
                st.wMinute, st.wSecond);
  return buf.data();
}

// CryptoAPI keeps the serial little-endian; printed big-endian without the sign byte, as
// BN_bn2hex (the OpenSSL backend) and Windows' certificate dialog print it.
std::string serial_hex(const CRYPT_INTEGER_BLOB& serial) {
  std::string out;
  bool leading = true;
  for (DWORD i = serial.cbData; i > 0; --i) {
    const BYTE b = serial.pbData[i - 1];
    if (leading && b == 0 && i > 1) continue;
    leading = false;
    std::array<char, 3> hex{};
    std::snprintf(hex.data(), hex.size(), "%02X", static_cast<unsigned>(b));
    out += hex.data();
  }
  return out;
}

bool same_bytes(const BYTE* a, DWORD a_size, const BYTE* b, DWORD b_size) {
  return a_size == b_size && (a_size == 0 || std::memcmp(a, b, a_size) == 0);
}

bool is_oid(const char* oid, std::string_view want) { return oid != nullptr && want == oid; }

void describe_key(const CERT_PUBLIC_KEY_INFO& info, ChainCertificate& c) {
  const char* oid = info.Algorithm.pszObjId;
  if (is_oid(oid, "1.2.840.10045.2.1")) {  // id-ecPublicKey: the curve is the parameter
    struct Curve {
      std::array<BYTE, 10> der;  // the encoded OBJECT IDENTIFIER
      DWORD size;
      const char* name;
      int bits;
    };
    static constexpr std::array<Curve, 4> curves{{
        {{0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07}, 10, "P-256", 256},
        {{0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22}, 7, "P-384", 384},
        {{0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23}, 7, "P-521", 521},
        {{0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x0A}, 7, "secp256k1", 256},
    }};
    c.key_type = "EC";
    const auto& p = info.Algorithm.Parameters;
    for (const auto& curve : curves)
      if (same_bytes(p.pbData, p.cbData, curve.der.data(), curve.size)) {
        c.key_curve = curve.name;
        c.key_bits = curve.bits;
      }
    return;
  }
  if (is_oid(oid, "1.3.101.112")) {
    c.key_type = "Ed25519";
    c.key_bits = 253;  // what OpenSSL reports for it
    return;
  }
  if (is_oid(oid, "1.3.101.113")) {
    c.key_type = "Ed448";
    c.key_bits = 456;
    return;
  }
  if (is_oid(oid, szOID_RSA_RSA)) c.key_type = "RSA";
  else if (is_oid(oid, "1.2.840.113549.1.1.10")) c.key_type = "RSA-PSS";
  else if (is_oid(oid, szOID_X957_DSA)) c.key_type = "DSA";
  else c.key_type = oid != nullptr ? oid : "unknown";
  // The modulus (or p) length in bits, as OpenSSL's EVP_PKEY_get_bits.
  const DWORD bits = CertGetPublicKeyLength(X509_ASN_ENCODING, const_cast<CERT_PUBLIC_KEY_INFO*>(&info));
  c.key_bits = static_cast<int>(bits);
}

void add_alt_names(PCCERT_CONTEXT cert, ChainCertificate& c) {
  const CERT_INFO* info = cert->pCertInfo;
  PCERT_EXTENSION ext = CertFindExtension(szOID_SUBJECT_ALT_NAME2, info->cExtension, info->rgExtension);
  if (ext == nullptr) return;
  CERT_ALT_NAME_INFO* names = nullptr;
  DWORD size = 0;
  if (!CryptDecodeObjectEx(X509_ASN_ENCODING, szOID_SUBJECT_ALT_NAME2, ext->Value.pbData, ext->Value.cbData,
                           CRYPT_DECODE_ALLOC_FLAG, nullptr, &names, &size) ||
      names == nullptr)
    return;
  for (DWORD i = 0; i < names->cAltEntry; ++i) {
    const CERT_ALT_NAME_ENTRY& entry = names->rgAltEntry[i];
    if (entry.dwAltNameChoice == CERT_ALT_NAME_DNS_NAME) {
      c.san_dns.push_back(utf8(entry.pwszDNSName));
    } else if (entry.dwAltNameChoice == CERT_ALT_NAME_IP_ADDRESS && entry.IPAddress.cbData == 4) {
      boost::asio::ip::address_v4::bytes_type b{};
      std::copy(entry.IPAddress.pbData, entry.IPAddress.pbData + 4, b.begin());
      c.san_ip.push_back(boost::asio::ip::address_v4(b).to_string());
    } else if (entry.dwAltNameChoice == CERT_ALT_NAME_IP_ADDRESS && entry.IPAddress.cbData == 16) {
      boost::asio::ip::address_v6::bytes_type b{};
      std::copy(entry.IPAddress.pbData, entry.IPAddress.pbData + 16, b.begin());
      c.san_ip.push_back(boost::asio::ip::address_v6(b).to_string());
    }
  }
  LocalFree(names);
}

// The authority key identifier's keyIdentifier, empty when absent.
std::vector<BYTE> authority_key_id(PCCERT_CONTEXT cert) {
  const CERT_INFO* info = cert->pCertInfo;
  PCERT_EXTENSION ext = CertFindExtension(szOID_AUTHORITY_KEY_IDENTIFIER2, info->cExtension, info->rgExtension);
  if (ext == nullptr) return {};
  CERT_AUTHORITY_KEY_ID2_INFO* aki = nullptr;
  DWORD size = 0;
  if (!CryptDecodeObjectEx(X509_ASN_ENCODING, szOID_AUTHORITY_KEY_IDENTIFIER2, ext->Value.pbData, ext->Value.cbData,
                           CRYPT_DECODE_ALLOC_FLAG, nullptr, &aki, &size) ||
      aki == nullptr)
    return {};
  std::vector<BYTE> id(aki->KeyId.pbData, aki->KeyId.pbData + aki->KeyId.cbData);
  LocalFree(aki);
  return id;
}

// The subject key identifier as written in the certificate, empty when absent (never the
// hash CryptoAPI would compute in its place).
std::vector<BYTE> subject_key_id(PCCERT_CONTEXT cert) {
  const CERT_INFO* info = cert->pCertInfo;
  PCERT_EXTENSION ext = CertFindExtension(szOID_SUBJECT_KEY_IDENTIFIER, info->cExtension, info->rgExtension);
  if (ext == nullptr) return {};
  CRYPT_DATA_BLOB* ski = nullptr;
  DWORD size = 0;
  if (!CryptDecodeObjectEx(X509_ASN_ENCODING, szOID_SUBJECT_KEY_IDENTIFIER, ext->Value.pbData, ext->Value.cbData,
                           CRYPT_DECODE_ALLOC_FLAG, nullptr, &ski, &size) ||
      ski == nullptr)
    return {};
  std::vector<BYTE> id(ski->pbData, ski->pbData + ski->cbData);
  LocalFree(ski);
  return id;
}

// Whether `issuer` issued `cert`: its subject is cert's issuer name and, when both carry key
// identifiers, they agree. `key` when the identifiers confirm it, `name` on the name alone.
enum class Link { none, name, key };

Link links(PCCERT_CONTEXT cert, PCCERT_CONTEXT issuer) {
  if (!CertCompareCertificateName(X509_ASN_ENCODING, &cert->pCertInfo->Issuer, &issuer->pCertInfo->Subject))
    return Link::none;
  const auto aki = authority_key_id(cert);
  const auto ski = subject_key_id(issuer);
  if (aki.empty() || ski.empty()) return Link::name;
  return aki == ski ? Link::key : Link::none;
}

bool same_certificate(PCCERT_CONTEXT a, PCCERT_CONTEXT b) {
  return same_bytes(a->pbCertEncoded, a->cbCertEncoded, b->pbCertEncoded, b->cbCertEncoded);
}

}  // namespace

ChainCertificate describe_certificate(PCCERT_CONTEXT cert) {
  ChainCertificate c;
  CERT_INFO* info = cert->pCertInfo;
  c.subject = name_text(&info->Subject);
  c.issuer = name_text(&info->Issuer);
  c.serial = serial_hex(info->SerialNumber);
  c.not_before = iso_time(info->NotBefore);
  c.not_after = iso_time(info->NotAfter);
  describe_key(info->SubjectPublicKeyInfo, c);
  add_alt_names(cert, c);
  // Names and key identifiers only, like X509_self_signed: the signature is the chain's job.
  c.self_signed = links(cert, cert) != Link::none;
  return c;
}

std::string common_name(PCCERT_CONTEXT cert) {
  const DWORD n = CertGetNameStringW(cert, CERT_NAME_ATTR_TYPE, 0, const_cast<char*>(szOID_COMMON_NAME), nullptr, 0);
  if (n <= 1) return {};
  std::wstring text(n, L'\0');
  CertGetNameStringW(cert, CERT_NAME_ATTR_TYPE, 0, const_cast<char*>(szOID_COMMON_NAME), text.data(), n);
  return utf8(text.data(), n - 1);
}

std::vector<ChainCertificate> presented_chain(PCCERT_CONTEXT leaf) {
  // Every certificate the server sent but the leaf, each a context of its own to free.
  std::vector<CertificatePtr> owned;
  std::vector<PCCERT_CONTEXT> sent;
  if (leaf->hCertStore != nullptr) {
    for (PCCERT_CONTEXT c = CertEnumCertificatesInStore(leaf->hCertStore, nullptr); c != nullptr;
         c = CertEnumCertificatesInStore(leaf->hCertStore, c)) {
      if (same_certificate(c, leaf)) continue;
      if (std::any_of(sent.begin(), sent.end(), [&](PCCERT_CONTEXT s) { return same_certificate(c, s); })) continue;
      owned.emplace_back(CertDuplicateCertificateContext(c));
      sent.push_back(owned.back().get());
    }
  }
  std::vector<ChainCertificate> chain{describe_certificate(leaf)};
  std::vector<bool> used(sent.size(), false);
  PCCERT_CONTEXT at = leaf;
  // Up from the leaf while the top is not a root and one of the others issued it.
  while (!chain.back().self_signed) {
    std::size_t pick = sent.size();
    for (std::size_t i = 0; i < sent.size(); ++i) {
      if (used[i]) continue;
      const Link link = links(at, sent[i]);
      if (link == Link::key) {
        pick = i;
        break;
      }
      if (link == Link::name && pick == sent.size()) pick = i;
    }
    if (pick == sent.size()) break;
    used[pick] = true;
    at = sent[pick];
    chain.push_back(describe_certificate(at));
  }
  for (std::size_t i = 0; i < sent.size(); ++i)
    if (!used[i]) chain.push_back(describe_certificate(sent[i]));
  return chain;
}

}  // namespace tlsprobe::schannel
