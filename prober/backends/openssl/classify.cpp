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

// The reasons OpenSSL gives when it walks away from a handshake the server ran correctly,
// because this client's own policy forbids what the server chose. Anything else it walks
// away from after a ServerHello is the server breaking the protocol.
bool refuses_by_local_policy(int reason) {
  switch (reason) {
    case SSL_R_DH_KEY_TOO_SMALL:
    case SSL_R_EE_KEY_TOO_SMALL:
    case SSL_R_CA_KEY_TOO_SMALL:
    case SSL_R_CA_MD_TOO_WEAK:
    case SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED:
    case SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED:
    case SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM:
    case SSL_R_NO_SHARED_SIGNATURE_ALGORITHMS:
    case SSL_R_NO_SUITABLE_DIGEST_ALGORITHM:
      return true;
    default:
      return false;
  }
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
  if (o.sys_errno != 0) {
    const int err = o.sys_errno == EPIPE ? ECONNRESET : o.sys_errno;
    const ErrorClass cls = class_for_errno(err);
    // This machine's own stack refused (a firewall, no descriptors): the version never got
    // a chance, and the server said nothing.
    auto out = failure(cls == ErrorClass::local ? Status::unreachable : Status::rejected, cls, phase_of(o),
                       err == ECONNRESET ? std::string("connection reset by peer") : describe(o, "socket error"));
    out.error.posix_errno = err;
    out.error.winsock = winsock_for_errno(err);
    return out;
  }
  if (o.eof) return failure(Status::rejected, ErrorClass::closed, phase_of(o), "server closed the connection");
  if (o.records_received == 0 &&
      (o.ssl_reason == SSL_R_NO_PROTOCOLS_AVAILABLE || o.ssl_reason == SSL_R_UNSUPPORTED_PROTOCOL ||
       o.ssl_reason == SSL_R_NO_CIPHERS_AVAILABLE))
    return failure(Status::unsupported, ErrorClass::local, Phase::hello, describe(o, "this OpenSSL cannot offer it"));
  if (o.server_version && refuses_by_local_policy(o.ssl_reason)) {
    // The server chose our version and something this client will never use (a key or
    // signature below its security level): the server did not refuse, we did.
    return failure(Status::unsupported, ErrorClass::local, Phase::handshake,
                   "server chose the version, this client refused to continue: " + describe(o, "local policy"));
  }
  // OpenSSL drops a plaintext alert that arrives once TLS 1.3 keys are in use before reading
  // it (RFC 8446 5.1: records after the ServerHello are encrypted); say what came.
  if (o.server_version == 0x0304 && o.ssl_reason == SSL_R_BAD_RECORD_TYPE && o.last_record_type == SSL3_RT_ALERT)
    return failure(Status::rejected, ErrorClass::protocol, Phase::handshake,
                   "the server sent a plaintext alert after its TLS 1.3 ServerHello, where RFC 8446 5.1 wants it "
                   "encrypted: " + describe(o, "bad record type"));
  // Bytes came back that are not TLS as we asked for it (an HTTP answer, garbage, an SSLv2
  // reply), or the server broke the protocol after its ServerHello (a second
  // HelloRetryRequest, RFC 8446 4.1.4; a message longer than any sane limit): the server's
  // fault, whatever alert we sent on leaving.
  return failure(Status::rejected, ErrorClass::protocol, phase_of(o), describe(o, "unexpected answer"));
}

}  // namespace tlsprobe::openssl
