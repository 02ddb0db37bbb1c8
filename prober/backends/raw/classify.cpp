#include "backends/raw/classify.hpp"

#include "wire/cipher_names.hpp"
#include "core/native_codes.hpp"
#include "core/overloaded.hpp"
#include "net/connect.hpp"
#include "wire/reply_text.hpp"

namespace tlsprobe::raw {
namespace {

Outcome alert_outcome(const wire::Alert& a) {
  auto out = failure(Status::rejected, ErrorClass::alert, Phase::hello,
                     std::string("server sent ") + (a.level == 1 ? "warning " : "") + "alert " +
                         std::to_string(a.description) + " (" + std::string(alert_name(a.description)) + ")");
  out.error.alert = a.description;
  return out;
}

Outcome protocol_outcome(const wire::ReplyResult& r) {
  return failure(Status::rejected, ErrorClass::protocol, Phase::hello, wire::describe(r));
}

// No verdict yet when the socket ended: how it ended is the answer.
Outcome undecided(const Observation& o, const wire::NeedMore& more) {
  if (o.timed_out) return timeout_failure(Status::rejected, Phase::hello);
  if (o.socket_error) return *o.socket_error;
  // A warning alert followed by a close is the server's refusal, said softly.
  if (more.warning) return alert_outcome(*more.warning);
  return failure(Status::rejected, ErrorClass::closed, Phase::hello,
                 o.bytes_received == 0 ? "server closed the connection without answering"
                                       : "server closed the connection in the middle of its answer");
}

}  // namespace

Outcome classify(const Observation& o) {
  return std::visit(
      overloaded{
          [&](const wire::NeedMore& more) { return undecided(o, more); },
          [&](const wire::ServerHello& hello) {
            const auto chosen = from_wire(hello.version);
            if (chosen == o.requested) {
              auto out = accepted(o.requested, wire::cipher_name(hello.cipher_suite));
              out.cipher_suite = hello.cipher_suite;
              return out;
            }
            auto out = failure(Status::rejected, ErrorClass::version_mismatch, Phase::handshake,
                               "server answered with " + wire::describe(o.reply));
            out.error.offered = chosen;
            return out;
          },
          [&](const wire::Alert& a) {
            // close_notify (RFC 5246 7.2.1) instead of a ServerHello is a polite close.
            if (a.description == 0)
              return failure(Status::rejected, ErrorClass::closed, Phase::hello, "server sent close_notify");
            return alert_outcome(a);
          },
          [&](const wire::SslV2ServerHello&) { return protocol_outcome(o.reply); },
          [&](const wire::HttpAnswer&) { return protocol_outcome(o.reply); },
          [&](const wire::Garbage&) { return protocol_outcome(o.reply); },
      },
      o.reply);
}

}  // namespace tlsprobe::raw
