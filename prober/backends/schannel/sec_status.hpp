#pragma once
// SChannel's SECURITY_STATUS vocabulary as plain numbers (winerror.h), so the classifier and
// its tests build on Linux too, where no Windows header exists. The Windows build checks
// every number against the real macros (schannel_backend.cpp).
#include <cstdint>
#include <string>
#include <string_view>

namespace tlsprobe::schannel {

namespace status {
inline constexpr std::uint32_t ok = 0x00000000;                          // SEC_E_OK
inline constexpr std::uint32_t continue_needed = 0x00090312;             // SEC_I_CONTINUE_NEEDED
inline constexpr std::uint32_t incomplete_credentials = 0x00090320;      // SEC_I_INCOMPLETE_CREDENTIALS
inline constexpr std::uint32_t unsupported_function = 0x80090302;        // SEC_E_UNSUPPORTED_FUNCTION
inline constexpr std::uint32_t internal_error = 0x80090304;              // SEC_E_INTERNAL_ERROR
inline constexpr std::uint32_t no_authenticating_authority = 0x80090311; // SEC_E_NO_AUTHENTICATING_AUTHORITY
inline constexpr std::uint32_t incomplete_message = 0x80090318;          // SEC_E_INCOMPLETE_MESSAGE
inline constexpr std::uint32_t wrong_principal = 0x80090322;             // SEC_E_WRONG_PRINCIPAL
inline constexpr std::uint32_t untrusted_root = 0x80090325;              // SEC_E_UNTRUSTED_ROOT
inline constexpr std::uint32_t illegal_message = 0x80090326;             // SEC_E_ILLEGAL_MESSAGE
inline constexpr std::uint32_t cert_expired = 0x80090328;                // SEC_E_CERT_EXPIRED
inline constexpr std::uint32_t algorithm_mismatch = 0x80090331;          // SEC_E_ALGORITHM_MISMATCH
}  // namespace status

// Is it one of the SEC_I_* "go on" codes rather than a failure?
inline bool succeeded(std::uint32_t s) { return (s & 0x80000000u) == 0; }

// "SEC_E_ALGORITHM_MISMATCH"; "SECURITY_STATUS" for a number not in the table.
std::string_view status_name(std::uint32_t s);
// What it usually means for a client, in words: "no protocol or cipher suite in common ...".
std::string_view status_meaning(std::uint32_t s);
// "SEC_E_ALGORITHM_MISMATCH (0x80090331)".
std::string status_text(std::uint32_t s);

}  // namespace tlsprobe::schannel
