#include "backends/openssl/classify.hpp"

#include <openssl/ssl.h>

#include <cerrno>

#include "core/native_codes.hpp"
#include "net/connect.hpp"

namespace tlsprobe::openssl {
namespace {

// Until a ServerHello arrives we are waiting for the answer to our hello; after it, the
// rest of the handshake is under way. An alert instead of a ServerHello is a hello refusal.
Phase phase_of(const Observation& o) { return o.server_version ? Phase::handshake : Phase::hello; }

std::string describe(const Observation& o, const std::string& fallback) {
  return o.ssl_text.empty() ? fallback : o.ssl_text;
}

}  // namespace

Outcome classify(const Observation& o) {
  if (o.handshake_ok) {
    if (o.negotiated == o.requested) return accepted(o.requested, o.cipher);
    // min = max makes this impossible unless the library misbehaves; report it, don't hide it.
    auto out = failure(Status::rejected, ErrorClass::version_mismatch, Phase::handshake,
                       "negotiated another version than forced");
    out.error.offered = o.negotiated;
    return out;
  }
  if (o.timed_out) return timeout_failure(Status::rejected, phase_of(o));

  // The server's own word comes first: an alert is the most precise answer there is.
  if (o.alert_received) {
    auto out = failure(Status::rejected, ErrorClass::alert, phase_of(o),
                       "server sent alert " + std::to_string(*o.alert_received) + " (" +
                           std::string(alert_name(*o.alert_received)) + ")");
    out.error.alert = o.alert_received;
    return out;
  }
  if (o.server_version) {
    const auto offered = from_wire(*o.server_version);
    if (offered != o.requested) {
      auto out = failure(Status::rejected, ErrorClass::version_mismatch, Phase::handshake,
                         "server answered with " +
                             (offered ? std::string(display_name(*offered)) : "version " + std::to_string(*o.server_version)));
      out.error.offered = offered;
      return out;
    }
  }
  if (o.sys_errno == ECONNRESET || o.sys_errno == EPIPE || o.sys_errno == ECONNABORTED) {
    auto out = failure(Status::rejected, ErrorClass::reset, phase_of(o), "connection reset by peer");
    out.error.posix_errno = ECONNRESET;
    out.error.winsock = winsock_for_errno(ECONNRESET);
    return out;
  }
  if (o.eof) return failure(Status::rejected, ErrorClass::closed, phase_of(o), "server closed the connection");
  if (o.sys_errno != 0) {
    auto out = failure(Status::rejected, ErrorClass::reset, phase_of(o), describe(o, "socket error"));
    out.error.posix_errno = o.sys_errno;
    out.error.winsock = winsock_for_errno(o.sys_errno);
    return out;
  }
  if (o.records_received == 0 &&
      (o.ssl_reason == SSL_R_NO_PROTOCOLS_AVAILABLE || o.ssl_reason == SSL_R_UNSUPPORTED_PROTOCOL ||
       o.ssl_reason == SSL_R_NO_CIPHERS_AVAILABLE))
    return failure(Status::unsupported, ErrorClass::local, Phase::hello, describe(o, "this OpenSSL cannot offer it"));
  if (o.server_version && o.alert_sent) {
    // The server chose our version and this client walked away (a key too small for the
    // security level, an unsupported curve ...): the server did not refuse, we did.
    return failure(Status::unsupported, ErrorClass::local, Phase::handshake,
                   "server chose the version, this client refused to continue: " + describe(o, "local policy"));
  }
  // Bytes came back that are not TLS as we asked for it: an HTTP answer, garbage, an SSLv2 reply.
  return failure(Status::rejected, ErrorClass::protocol, phase_of(o), describe(o, "unexpected answer"));
}

}  // namespace tlsprobe::openssl
