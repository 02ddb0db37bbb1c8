#include "backends/schannel/classify.hpp"

#include "backends/schannel/sec_status.hpp"
#include "backends/schannel/version_map.hpp"
#include "core/native_codes.hpp"
#include "core/windows_protocols.hpp"

namespace tlsprobe::schannel {
namespace {

// Waiting for the answer to our hello until a ServerHello arrives; after it, the rest of
// the handshake is under way.
Phase phase_of(const Observation& o) { return o.server_version ? Phase::handshake : Phase::hello; }

std::string said(const Observation& o) {
  return o.sec_status ? "; SChannel said " + status_text(*o.sec_status) : std::string();
}

Outcome with_status(Outcome out, const Observation& o) {
  out.error.sec_status = o.sec_status;
  return out;
}

std::string version_text(std::optional<Version> v, std::uint32_t bits) {
  if (v) return std::string(display_name(*v));
  return "an unknown protocol (dwProtocol " + std::to_string(bits) + ")";
}

Outcome refused_locally(const Observation& o, const std::string& what) {
  const std::uint32_t s = o.sec_status.value_or(status::internal_error);
  return with_status(failure(Status::unsupported, ErrorClass::local, phase_of(o),
                             what + ": " + status_text(s) + ", " + std::string(status_meaning(s))),
                     o);
}

}  // namespace

Outcome classify(const Observation& o) {
  const std::string name(display_name(o.requested));
  const std::string key = schannel_client_subkey(o.requested);
  if (o.credentials_failed)
    return refused_locally(o, "SChannel will not offer " + name + " on this machine (AcquireCredentialsHandle; see " +
                                  key + ")");
  if (o.handshake_ok) {
    const auto negotiated = from_protocol_bits(o.protocol_bits);
    if (negotiated == o.requested) return accepted(o.requested, o.cipher);
    // One bit enabled makes this impossible unless SChannel ignores the pin, as Wine does
    // with SCH_CREDENTIALS: report it, never hide it.
    auto out = failure(Status::rejected, ErrorClass::version_mismatch, Phase::handshake,
                       "SChannel negotiated " + version_text(negotiated, o.protocol_bits) + " instead of " + name);
    out.error.offered = negotiated;
    return out;
  }

  // The server's own word comes first: an alert is the most precise answer there is.
  if (o.alert && *o.alert != 0) {
    auto out = failure(Status::rejected, ErrorClass::alert, phase_of(o),
                       "server sent alert " + std::to_string(*o.alert) + " (" +
                           std::string(alert_name(*o.alert)) + ")" + said(o));
    out.error.alert = o.alert;
    return with_status(std::move(out), o);
  }
  if (o.server_version) {
    const auto offered = from_wire(*o.server_version);
    if (offered != o.requested) {
      auto out = failure(Status::rejected, ErrorClass::version_mismatch, Phase::handshake,
                         "server answered with " +
                             (offered ? std::string(display_name(*offered))
                                      : "version " + std::to_string(*o.server_version)) + said(o));
      out.error.offered = offered;
      return with_status(std::move(out), o);
    }
  }
  if (o.not_tls)
    return with_status(failure(Status::rejected, ErrorClass::protocol, phase_of(o), *o.not_tls + said(o)), o);
  if (o.timed_out) return timeout_failure(Status::rejected, phase_of(o));
  if (o.winsock != 0) {
    // 10054 is the reset users find in the Azure documentation and the event log. 10013
    // (Windows Firewall), 10055 (no buffers), 10024 (no sockets) are this machine's own
    // refusals: the version never got a chance, and the server said nothing.
    const auto err = errno_for_winsock(o.winsock);
    const ErrorClass cls = err ? class_for_errno(*err) : ErrorClass::local;
    auto out = failure(cls == ErrorClass::local ? Status::unreachable : Status::rejected, cls, phase_of(o),
                       o.winsock == 10054 ? "connection reset by peer" : "socket error " + std::to_string(o.winsock));
    out.error.winsock = o.winsock;
    out.error.posix_errno = err;
    return with_status(std::move(out), o);
  }
  if (o.eof || (o.alert && *o.alert == 0))
    return with_status(failure(Status::rejected, ErrorClass::closed, phase_of(o),
                               std::string(o.eof ? "server closed the connection" : "server sent close_notify") + said(o)),
                       o);
  if (o.sec_status && !succeeded(*o.sec_status)) {
    // Nothing came back yet SChannel failed: it refused to build a ClientHello for the
    // version (on Windows SEC_E_ALGORITHM_MISMATCH when the registry disables it).
    if (o.bytes_received == 0)
      return refused_locally(o, "SChannel would not write a ClientHello for " + name + " (see " + key + ")");
    // The server chose our version and SChannel walked away because this client will not
    // use what it chose (SEC_E_ALGORITHM_MISMATCH: no common cipher suite, curve or key):
    // the server did not refuse, this client did. Any other status after a ServerHello
    // (SEC_E_ILLEGAL_MESSAGE, and Wine's SEC_E_INTERNAL_ERROR for everything) is what the
    // server sent breaking the handshake: its fault, not this machine's.
    if (o.server_version && *o.sec_status == status::algorithm_mismatch)
      return refused_locally(o, "the server chose " + name + ", SChannel refused to continue");
    return with_status(failure(Status::rejected, ErrorClass::protocol, phase_of(o),
                               "SChannel rejected the answer: " + status_text(*o.sec_status) + ", " +
                                   std::string(status_meaning(*o.sec_status))),
                       o);
  }
  return with_status(failure(Status::rejected, ErrorClass::protocol, phase_of(o), "the handshake ended without a result"), o);
}

}  // namespace tlsprobe::schannel
