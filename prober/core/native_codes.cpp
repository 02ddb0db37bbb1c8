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

// Linux errno -> WSA code (winerror.h) and what it says about the attempt. Only the numbers a
// TCP client meets. The errno side is written as Linux numbers, not <cerrno> names, because
// the Windows build reports them too (users compare with Linux logs) and MinGW numbers its
// POSIX names differently (ECONNRESET is 108 there; EHOSTDOWN does not exist).
//
// The class is the one fact verdicts act on: `reset` only for what a peer or middlebox did
// to an open connection, `refused` for "nothing answers there", `local` for what this
// machine's own stack or policy refused (a firewall rule, no descriptors, no buffers, no
// address of that family): never something the server did.
struct ErrnoRow {
  int posix;
  std::optional<int> winsock;
  ErrorClass cls;
};
constexpr std::array<ErrnoRow, 23> errno_rows{{
    {104, 10054, ErrorClass::reset},    // ECONNRESET -> WSAECONNRESET: reset by peer or a middlebox
    {32, 10054, ErrorClass::reset},     // EPIPE: a write into a connection the peer reset
    {103, 10053, ErrorClass::reset},    // ECONNABORTED -> WSAECONNABORTED: the stack gave up on it
    {107, 10057, ErrorClass::reset},    // ENOTCONN -> WSAENOTCONN: the connection is gone
    {108, 10058, ErrorClass::reset},    // ESHUTDOWN -> WSAESHUTDOWN
    {111, 10061, ErrorClass::refused},  // ECONNREFUSED -> WSAECONNREFUSED
    {101, 10051, ErrorClass::refused},  // ENETUNREACH -> WSAENETUNREACH: no route (IPv6 on an IPv4-only host)
    {113, 10065, ErrorClass::refused},  // EHOSTUNREACH -> WSAEHOSTUNREACH
    {100, 10050, ErrorClass::refused},  // ENETDOWN -> WSAENETDOWN
    {112, 10064, ErrorClass::refused},  // EHOSTDOWN -> WSAEHOSTDOWN
    {110, 10060, ErrorClass::timeout},  // ETIMEDOUT -> WSAETIMEDOUT
    // Local: the attempt never left this machine, or this machine could not hold it.
    {13, 10013, ErrorClass::local},     // EACCES -> WSAEACCES: Windows Firewall and other local filters
    {1, 10013, ErrorClass::local},      // EPERM: a netfilter rule on this machine dropped the connect
    {24, 10024, ErrorClass::local},     // EMFILE -> WSAEMFILE: out of descriptors (ulimit -n)
    {23, std::nullopt, ErrorClass::local},  // ENFILE: the system's file table is full
    {105, 10055, ErrorClass::local},    // ENOBUFS -> WSAENOBUFS: no buffer space (often port exhaustion)
    {12, std::nullopt, ErrorClass::local},  // ENOMEM
    {99, 10049, ErrorClass::local},     // EADDRNOTAVAIL -> WSAEADDRNOTAVAIL: no local address or port for it
    {98, 10048, ErrorClass::local},     // EADDRINUSE -> WSAEADDRINUSE: ephemeral ports exhausted
    {97, 10047, ErrorClass::local},     // EAFNOSUPPORT -> WSAEAFNOSUPPORT: no IPv6 (or IPv4) stack here
    {22, 10022, ErrorClass::local},     // EINVAL -> WSAEINVAL
    {9, 10009, ErrorClass::local},      // EBADF -> WSAEBADF
    {88, 10038, ErrorClass::local},     // ENOTSOCK -> WSAENOTSOCK
}};
#ifdef __linux__
static_assert(ECONNRESET == 104 && ECONNREFUSED == 111 && ETIMEDOUT == 110 && ECONNABORTED == 103 &&
              ENETUNREACH == 101 && EHOSTUNREACH == 113 && ENETDOWN == 100 && EHOSTDOWN == 112 &&
              EADDRNOTAVAIL == 99 && ENOTCONN == 107 && ESHUTDOWN == 108 && EAFNOSUPPORT == 97 && EPIPE == 32 &&
              EACCES == 13 && EPERM == 1 && EMFILE == 24 && ENFILE == 23 && ENOBUFS == 105 && ENOMEM == 12 &&
              EADDRINUSE == 98 && EINVAL == 22 && EBADF == 9 && ENOTSOCK == 88);
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

const ErrnoRow& timeout_row() {
  for (const auto& r : errno_rows)
    if (r.cls == ErrorClass::timeout) return r;
  return errno_rows.front();  // unreachable: the table has its timeout row (the unit test checks)
}

}  // namespace

Outcome timeout_failure(Status status, Phase phase) {
  auto o = failure(status, ErrorClass::timeout, phase,
                   std::string("no answer before the ") + std::string(to_string(phase)) + " deadline");
  o.error.posix_errno = timeout_row().posix;
  o.error.winsock = timeout_row().winsock;
  return o;
}

std::optional<int> winsock_for_errno(int posix_errno) {
  for (const auto& row : errno_rows)
    if (row.posix == posix_errno) return row.winsock;
  return std::nullopt;
}

std::optional<int> errno_for_winsock(int winsock) {
  // The first row wins: 10054 is ECONNRESET, not EPIPE; 10013 is EACCES, not EPERM.
  for (const auto& row : errno_rows)
    if (row.winsock == winsock) return row.posix;
  return std::nullopt;
}

ErrorClass class_for_errno(int posix_errno) {
  for (const auto& row : errno_rows)
    if (row.posix == posix_errno) return row.cls;
  // A number no peer can cause: this machine's stack said it.
  return ErrorClass::local;
}

bool is_local_socket_error(int posix_errno) { return class_for_errno(posix_errno) == ErrorClass::local; }

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
