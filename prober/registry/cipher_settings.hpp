#pragma once
// Which TLS 1.2 cipher suites and curves SChannel offers on this machine, as the registry
// decides it: the SSL Cipher Suite Order policy (Functions, EccCurves) over the local CNG list,
// over the OS build's default list, then every suite whose cipher, hash or key exchange an
// SCHANNEL Ciphers / Hashes / KeyExchangeAlgorithms key switches off (Enabled=0) taken out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "registry/snapshot.hpp"

namespace tlsprobe::registry {

// Group Policy "SSL Cipher Suite Order" and "ECC Curve Order" (CipherSuiteOrder.admx). The
// policy wins over the local list: https://learn.microsoft.com/windows-server/security/tls/manage-tls
inline constexpr std::string_view ssl_policy_key =
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002";
// The local CNG configuration the TLS PowerShell cmdlets edit (Functions is REG_MULTI_SZ).
inline constexpr std::string_view ssl_local_key =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002";
inline constexpr std::string_view schannel_key =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";
// "The list of cipher suites is limited to 1023 characters" (Prioritizing Schannel Cipher Suites).
inline constexpr std::size_t functions_limit = 1023;

// One list value as read: Functions (REG_SZ, comma-separated, in the policy; REG_MULTI_SZ in
// the local key; either is accepted from both) or EccCurves (REG_MULTI_SZ).
struct ListRead {
  std::string key;
  std::string name;
  std::optional<std::vector<std::string>> entries;  // nullopt: not set (or of a type Windows ignores)
  std::string ignored;                              // "REG_DWORD" when set with a wrong type
  std::size_t chars = 0;                            // the comma-joined length
};

enum class ListSource { policy, local, os_default, unknown };
std::string_view to_string(ListSource s);  // "policy", "local", "os_default", "unknown"

// An SCHANNEL Ciphers\X, Hashes\X or KeyExchangeAlgorithms\X key with Enabled=0.
struct AlgorithmOff {
  std::string key;   // normalized path
  std::string kind;  // "Ciphers", "Hashes", "KeyExchangeAlgorithms"
  std::string name;  // "AES 128/128", "SHA", "ECDH" ...
};

struct RemovedSuite {
  std::string suite;  // IANA name
  std::string by;     // the AlgorithmOff key that takes it out
};

struct CipherSettings {
  ListRead policy_functions, policy_curves, local_functions, local_curves;
  std::vector<AlgorithmOff> off;

  ListSource source = ListSource::unknown;  // where the suite list in effect comes from
  std::string defaults_url;                 // os_default: the Microsoft table used
  std::vector<std::string> listed;          // that list as written (Functions names)
  std::vector<std::string> offered;         // TLS 1.2 suites offered, IANA names, in order
  std::vector<RemovedSuite> removed;        // listed, but switched off by an SCHANNEL key
  ListSource curves_source = ListSource::unknown;
  std::vector<std::string> curves;          // EccCurves names, in order

  bool known() const { return source != ListSource::unknown; }
};

// Does the machine offer one of the suites Azure Front Door's TLSv1.2_2023 policy accepts?
// nullopt when the list in effect is unknown.
std::optional<bool> offers_front_door_suite(const CipherSettings& c);

CipherSettings read_cipher_settings(const RegSnapshot& registry, std::optional<std::uint32_t> build);

// The SCHANNEL keys a suite depends on, as (kind, name): its bulk cipher, its HMAC hash and
// its key exchange. Mapped from the suite name as KB245030 maps them; Hashes is applied to
// HMAC suites only (what an AEAD suite's PRF hash depends on is not documented), PKCS to RSA
// key exchange (TLS_RSA_*) only.
std::vector<std::pair<std::string_view, std::string_view>> algorithm_keys(std::string_view iana_suite);

}  // namespace tlsprobe::registry
