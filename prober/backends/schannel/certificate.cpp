#include "backends/schannel/certificate.hpp"

#include <array>
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include "backends/schannel/chain.hpp"
#include "backends/schannel/name_match.hpp"
#include "core/errors.hpp"

namespace tlsprobe::schannel {
namespace {

std::string utf8(const std::wstring& wide) {
  if (wide.empty()) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), out.data(), n, nullptr, nullptr);
  return out;
}

// "CN=localhost, O=..." most specific first, the order OpenSSL's RFC 2253 text uses.
std::string name_text(CERT_NAME_BLOB* name) {
  constexpr DWORD type = CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG;
  const DWORD n = CertNameToStrW(X509_ASN_ENCODING, name, type, nullptr, 0);
  if (n <= 1) return {};
  std::wstring text(n, L'\0');
  CertNameToStrW(X509_ASN_ENCODING, name, type, text.data(), n);
  text.resize(n - 1);  // the count includes the terminating NUL
  return utf8(text);
}

std::string iso_time(const FILETIME& t) {
  SYSTEMTIME st{};
  if (!FileTimeToSystemTime(&t, &st)) return {};
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04u-%02u-%02uT%02u:%02u:%02uZ", st.wYear, st.wMonth, st.wDay, st.wHour,
                st.wMinute, st.wSecond);
  return buf.data();
}

// The CERT_E_* a user meets, by name: the hex alone sends people searching.
std::string trust_error(DWORD code) {
  struct Row {
    DWORD code;
    std::string_view name;
  };
  static constexpr std::array<Row, 8> names{{
      {0x800B0109, "CERT_E_UNTRUSTEDROOT"},
      {0x800B010F, "CERT_E_CN_NO_MATCH"},
      {0x800B0101, "CERT_E_EXPIRED"},
      {0x800B010A, "CERT_E_CHAINING"},
      {0x800B0110, "CERT_E_WRONG_USAGE"},
      {0x800B0111, "CERT_E_UNTRUSTEDCA"},
      {0x80096004, "TRUST_E_CERT_SIGNATURE"},
      {0x80092010, "CRYPT_E_REVOKED"},
  }};
  std::array<char, 16> hex{};
  std::snprintf(hex.data(), hex.size(), "0x%08lX", static_cast<unsigned long>(code));
  for (const auto& row : names)
    if (row.code == code) return std::string(row.name) + " (" + hex.data() + ")";
  return std::string("certificate error ") + hex.data();
}

std::vector<std::string> pem_blocks(const std::string& text) {
  constexpr std::string_view begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
  std::vector<std::string> blocks;
  for (std::size_t at = text.find(begin); at != std::string::npos; at = text.find(begin, at)) {
    const std::size_t stop = text.find(end, at);
    if (stop == std::string::npos) break;
    blocks.push_back(text.substr(at, stop + end.size() - at));
    at = stop + end.size();
  }
  return blocks;
}

}  // namespace

TrustAnchors::TrustAnchors(const std::string& ca_file) {
  if (ca_file.empty()) return;
  std::ifstream in(ca_file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw UsageError("cannot load CA file " + ca_file + ": cannot read it");
  roots_.reset(CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, nullptr));
  if (!roots_) throw UsageError("cannot load CA file " + ca_file + ": CryptoAPI cannot open a memory store");
  int added = 0;
  for (const auto& block : pem_blocks(text.str())) {
    DWORD size = 0;
    if (!CryptStringToBinaryA(block.data(), static_cast<DWORD>(block.size()), CRYPT_STRING_BASE64HEADER, nullptr, &size,
                              nullptr, nullptr))
      continue;
    std::vector<BYTE> der(size);
    if (!CryptStringToBinaryA(block.data(), static_cast<DWORD>(block.size()), CRYPT_STRING_BASE64HEADER, der.data(),
                              &size, nullptr, nullptr))
      continue;
    if (CertAddEncodedCertificateToStore(roots_.get(), X509_ASN_ENCODING, der.data(), size, CERT_STORE_ADD_ALWAYS, nullptr))
      ++added;
  }
  if (added == 0) throw UsageError("cannot load CA file " + ca_file + ": no PEM certificate in it");
  // hExclusiveRoot: these roots and no others. cbSize is the Windows 7 layout, without the
  // Windows 8 dwExclusiveFlags: every Windows since 7 accepts it, and Wine accepts only it.
  CERT_CHAIN_ENGINE_CONFIG config{};
  config.cbSize = offsetof(CERT_CHAIN_ENGINE_CONFIG, dwExclusiveFlags);
  config.hExclusiveRoot = roots_.get();
  HCERTCHAINENGINE engine = nullptr;
  if (!CertCreateCertificateChainEngine(&config, &engine))
    throw UsageError("cannot load CA file " + ca_file + ": CryptoAPI refused it as a trust store");
  engine_.reset(engine);
}

std::optional<CertificateSummary> summarize_certificate(CtxtHandle* context, const std::string& verify_name,
                                                        const TrustAnchors& anchors) {
  PCCERT_CONTEXT raw_cert = nullptr;
  if (QueryContextAttributesW(context, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &raw_cert) != SEC_E_OK || raw_cert == nullptr)
    return std::nullopt;
  const CertificatePtr owned(raw_cert);
  PCCERT_CONTEXT cert = owned.get();
  CertificateSummary s;
  s.subject = name_text(&cert->pCertInfo->Subject);
  s.issuer = name_text(&cert->pCertInfo->Issuer);
  s.not_after = iso_time(cert->pCertInfo->NotAfter);
  // What the server sent, leaf first; and the leaf's names on their own, since the SSL
  // policy below reports one error only and a trust failure hides a name mismatch.
  s.chain = presented_chain(cert);
  s.hostname_matches =
      leaf_matches_name(s.chain.front().san_dns, s.chain.front().san_ip, common_name(cert), verify_name);

  // The intermediates the server sent are in the certificate's own store (hCertStore).
  LPSTR server_auth = const_cast<LPSTR>(szOID_PKIX_KP_SERVER_AUTH);
  CERT_CHAIN_PARA para{};
  para.cbSize = sizeof para;
  para.RequestedUsage.dwType = USAGE_MATCH_TYPE_AND;
  para.RequestedUsage.Usage.cUsageIdentifier = 1;
  para.RequestedUsage.Usage.rgpszUsageIdentifier = &server_auth;
  // The chain is built on the event loop's thread: with flags 0 CryptoAPI may fetch missing
  // intermediates (AIA), CRLs and root updates over the network, and on a blocked or proxied
  // network each fetch waits for its own long timeout while every other attempt's deadline
  // passes. A prober reports what the server presents; it does not repair the chain.
  constexpr DWORD offline = CERT_CHAIN_CACHE_ONLY_URL_RETRIEVAL | CERT_CHAIN_DISABLE_AUTH_ROOT_AUTO_UPDATE;
  PCCERT_CHAIN_CONTEXT raw_chain = nullptr;
  if (!CertGetCertificateChain(anchors.engine(), cert, nullptr, cert->hCertStore, &para, offline, nullptr, &raw_chain)) {
    s.verify_error = trust_error(GetLastError());
  } else {
    const ChainPtr chain(raw_chain);
    std::wstring name(verify_name.begin(), verify_name.end());
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl{};
    ssl.cbSize = sizeof ssl;
    ssl.dwAuthType = AUTHTYPE_SERVER;
    ssl.pwszServerName = name.empty() ? nullptr : name.data();
    CERT_CHAIN_POLICY_PARA policy{};
    policy.cbSize = sizeof policy;
    policy.pvExtraPolicyPara = &ssl;
    CERT_CHAIN_POLICY_STATUS status{};
    status.cbSize = sizeof status;
    if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain.get(), &policy, &status))
      s.verify_error = trust_error(GetLastError());
    else if (status.dwError != 0)
      s.verify_error = trust_error(status.dwError);
    else
      s.verified = true;
  }
  return s;
}

}  // namespace tlsprobe::schannel
