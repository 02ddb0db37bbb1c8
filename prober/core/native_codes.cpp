#include "core/native_codes.hpp"

#ifdef _WIN32
#include <ws2tcpip.h>  // EAI_* are Winsock codes there (EAI_NONAME is WSAHOST_NOT_FOUND)
#else
#include <netdb.h>

#include <cerrno>
#endif

#include <array>
#include <utility>

namespace tlsprobe {
namespace {

// Linux errno -> WSA code (winerror.h). Only the numbers a TCP client meets. The errno
// side is written as Linux numbers, not <cerrno> names, because the Windows build reports
// them too (users compare with Linux logs) and MinGW numbers its POSIX names differently
// (ECONNRESET is 108 there; EHOSTDOWN does not exist).
constexpr std::array<std::pair<int, int>, 12> errno_winsock{{
    {104, 10054},  // ECONNRESET -> WSAECONNRESET: reset by peer or a middlebox
    {111, 10061},  // ECONNREFUSED -> WSAECONNREFUSED
    {110, 10060},  // ETIMEDOUT -> WSAETIMEDOUT
    {103, 10053},  // ECONNABORTED -> WSAECONNABORTED: aborted by the local stack
    {101, 10051},  // ENETUNREACH -> WSAENETUNREACH
    {113, 10065},  // EHOSTUNREACH -> WSAEHOSTUNREACH
    {100, 10050},  // ENETDOWN -> WSAENETDOWN
    {112, 10064},  // EHOSTDOWN -> WSAEHOSTDOWN
    {99, 10049},   // EADDRNOTAVAIL -> WSAEADDRNOTAVAIL
    {107, 10057},  // ENOTCONN -> WSAENOTCONN
    {108, 10058},  // ESHUTDOWN -> WSAESHUTDOWN
    {97, 10047},   // EAFNOSUPPORT -> WSAEAFNOSUPPORT: e.g. IPv6 address on an IPv4-only host
}};
#ifdef __linux__
static_assert(ECONNRESET == 104 && ECONNREFUSED == 111 && ETIMEDOUT == 110 && ECONNABORTED == 103 &&
              ENETUNREACH == 101 && EHOSTUNREACH == 113 && ENETDOWN == 100 && EHOSTDOWN == 112 &&
              EADDRNOTAVAIL == 99 && ENOTCONN == 107 && ESHUTDOWN == 108 && EAFNOSUPPORT == 97);
#endif

struct AlertRow {
  int number;
  std::string_view name;
};

constexpr std::array<AlertRow, 32> alerts{{
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {21, "decryption_failed"},
    {22, "record_overflow"},
    {30, "decompression_failure"},
    {40, "handshake_failure"},
    {41, "no_certificate"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {60, "export_restriction"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {100, "no_renegotiation"},
    {109, "missing_extension"},
    {110, "unsupported_extension"},
    {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"},
    {115, "unknown_psk_identity"},
    {116, "certificate_required"},
    {120, "no_application_protocol"},
}};

}  // namespace

std::optional<int> winsock_for_errno(int posix_errno) {
  for (const auto& [e, w] : errno_winsock)
    if (e == posix_errno) return w;
  return std::nullopt;
}

std::optional<int> errno_for_winsock(int winsock) {
  for (const auto& [e, w] : errno_winsock)
    if (w == winsock) return e;
  return std::nullopt;
}

std::optional<int> winsock_for_eai(int eai) {
  switch (eai) {
    case EAI_NONAME: return 11001;  // WSAHOST_NOT_FOUND
#ifdef EAI_NODATA
    case EAI_NODATA: return 11004;  // WSANO_DATA: the name exists, no address of that family
#endif
    case EAI_AGAIN: return 11002;   // WSATRY_AGAIN
    case EAI_FAIL: return 11003;    // WSANO_RECOVERY
    default: return std::nullopt;
  }
}

std::string_view alert_name(int description) {
  for (const auto& a : alerts)
    if (a.number == description) return a.name;
  return "unknown_alert";
}

}  // namespace tlsprobe
