#include "backends/schannel/sec_status.hpp"

#include <array>

namespace tlsprobe::schannel {
namespace {

struct Row {
  std::uint32_t code;
  std::string_view name;
  std::string_view meaning;
};

// The meanings are what a client sees the codes for (DESIGN.md, "Facts worth having at
// hand"); SChannel folds several alerts into one code, which is why the classifier prefers
// the alert read from the wire.
constexpr std::array<Row, 12> table{{
    {status::ok, "SEC_E_OK", "success"},
    {status::continue_needed, "SEC_I_CONTINUE_NEEDED", "the handshake goes on"},
    {status::incomplete_credentials, "SEC_I_INCOMPLETE_CREDENTIALS", "the server asked for a client certificate"},
    {status::unsupported_function, "SEC_E_UNSUPPORTED_FUNCTION",
     "the server refused the protocol version (Windows reports alert 70 this way)"},
    {status::internal_error, "SEC_E_INTERNAL_ERROR",
     "SChannel gave up without saying why (alert 80 on Windows; almost every failure under Wine)"},
    {status::no_authenticating_authority, "SEC_E_NO_AUTHENTICATING_AUTHORITY",
     "SChannel has no provider for this protocol: disabled on this client"},
    {status::incomplete_message, "SEC_E_INCOMPLETE_MESSAGE", "more bytes are needed"},
    {status::wrong_principal, "SEC_E_WRONG_PRINCIPAL",
     "the certificate is not for this name (often a TLS-inspecting middlebox)"},
    {status::untrusted_root, "SEC_E_UNTRUSTED_ROOT", "the certificate chain ends in an untrusted root"},
    {status::illegal_message, "SEC_E_ILLEGAL_MESSAGE",
     "the server sent an alert or a message SChannel could not accept (alerts 10, 22, 40, 47, 50, 60)"},
    {status::cert_expired, "SEC_E_CERT_EXPIRED", "the certificate has expired"},
    {status::algorithm_mismatch, "SEC_E_ALGORITHM_MISMATCH",
     "no protocol version or cipher suite in common (alert 71, or disabled on this client)"},
}};

const Row* find(std::uint32_t s) {
  for (const auto& row : table)
    if (row.code == s) return &row;
  return nullptr;
}

}  // namespace

std::string_view status_name(std::uint32_t s) {
  const Row* row = find(s);
  return row ? row->name : "SECURITY_STATUS";
}

std::string_view status_meaning(std::uint32_t s) {
  const Row* row = find(s);
  return row ? row->meaning : "an SChannel status this tool does not know";
}

std::string status_text(std::uint32_t s) {
  static constexpr std::string_view digits = "0123456789ABCDEF";
  std::string hex = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) hex += digits[(s >> shift) & 0xF];
  return std::string(status_name(s)) + " (" + hex + ")";
}

}  // namespace tlsprobe::schannel
