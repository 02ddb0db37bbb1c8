#include "core/outcome.hpp"

namespace tlsprobe {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::accepted: return "accepted";
    case Status::rejected: return "rejected";
    case Status::unreachable: return "unreachable";
    case Status::unsupported: return "unsupported";
    case Status::error: return "error";
  }
  return "?";
}

std::string_view to_string(ErrorClass c) {
  switch (c) {
    case ErrorClass::none: return "none";
    case ErrorClass::alert: return "alert";
    case ErrorClass::reset: return "reset";
    case ErrorClass::closed: return "closed";
    case ErrorClass::timeout: return "timeout";
    case ErrorClass::refused: return "refused";
    case ErrorClass::dns: return "dns";
    case ErrorClass::version_mismatch: return "version_mismatch";
    case ErrorClass::local: return "local";
    case ErrorClass::proxy: return "proxy";
    case ErrorClass::protocol: return "protocol";
    case ErrorClass::internal: return "internal";
  }
  return "?";
}

std::string_view to_string(Phase p) {
  switch (p) {
    case Phase::none: return "none";
    case Phase::resolve: return "resolve";
    case Phase::connect: return "connect";
    case Phase::proxy: return "proxy";
    case Phase::hello: return "hello";
    case Phase::handshake: return "handshake";
    case Phase::http: return "http";
  }
  return "?";
}

Outcome accepted(Version v, std::string cipher) {
  Outcome o;
  o.status = Status::accepted;
  o.negotiated = v;
  o.cipher = std::move(cipher);
  return o;
}

Outcome failure(Status s, ErrorClass c, Phase p, std::string message) {
  Outcome o;
  o.status = s;
  o.error.cls = c;
  o.error.phase = p;
  o.error.message = std::move(message);
  return o;
}

Outcome unsupported_here(std::string reason) {
  return failure(Status::unsupported, ErrorClass::local, Phase::none, std::move(reason));
}

}  // namespace tlsprobe

namespace tlsprobe {

Outcome internal_failure(Phase p, std::string what) {
  return failure(Status::error, ErrorClass::internal, p,
                 "internal error in tlsprobe (please report it): " + std::move(what));
}

}  // namespace tlsprobe
