#include "backends/raw/classify.hpp"

#include <doctest/doctest.h>

#include "../expect_failure.hpp"

#include <cerrno>

#include "net/connect.hpp"

using namespace tlsprobe;
using raw::Observation;

namespace {

Observation seen(Version requested, wire::ReplyResult reply) {
  Observation o;
  o.requested = requested;
  o.reply = std::move(reply);
  o.bytes_received = 7;
  return o;
}

wire::ServerHello hello(std::uint16_t version, std::uint16_t cipher) {
  wire::ServerHello h;
  h.legacy_version = version > 0x0303 ? 0x0303 : version;
  h.version = version;
  h.cipher_suite = cipher;
  return h;
}

}  // namespace

TEST_CASE("raw classify: a ServerHello with the forced version is acceptance") {
  const auto out = raw::classify(seen(Version::ssl3_0, hello(0x0300, 0x000A)));
  CHECK(out.status == Status::accepted);
  CHECK(out.negotiated == Version::ssl3_0);
  CHECK(out.cipher == "TLS_RSA_WITH_3DES_EDE_CBC_SHA");

  const auto tls13 = raw::classify(seen(Version::tls1_3, hello(0x0304, 0x1301)));
  CHECK(tls13.status == Status::accepted);
  CHECK(tls13.cipher == "TLS_AES_128_GCM_SHA256");
}

TEST_CASE("raw classify: the failure table") {
  struct Row {
    const char* name;
    Observation in;
    Status status;
    ErrorClass cls;
    Phase phase;
    std::optional<int> alert, posix, winsock;
    std::optional<Version> offered;
  };
  auto undecided = [](auto f) {
    Observation o;
    o.requested = Version::tls1_0;
    o.reply = wire::NeedMore{5, std::nullopt};
    o.bytes_received = 0;
    f(o);
    return o;
  };
  const Row rows[] = {
      {"ServerHello with a lower version", seen(Version::tls1_2, hello(0x0301, 0x002F)), Status::rejected,
       ErrorClass::version_mismatch, Phase::handshake, {}, {}, {}, Version::tls1_0},
      {"ServerHello with an unknown version", seen(Version::tls1_2, hello(0x7F1C, 0x1301)), Status::rejected,
       ErrorClass::version_mismatch, Phase::handshake, {}, {}, {}, {}},
      {"fatal alert 70", seen(Version::tls1_0, wire::Alert{2, 70}), Status::rejected, ErrorClass::alert, Phase::hello,
       70, {}, {}, {}},
      {"fatal alert 86", seen(Version::tls1_1, wire::Alert{2, 86}), Status::rejected, ErrorClass::alert, Phase::hello,
       86, {}, {}, {}},
      {"close_notify is a close", seen(Version::tls1_1, wire::Alert{1, 0}), Status::rejected, ErrorClass::closed,
       Phase::hello, {}, {}, {}, {}},
      {"SSL 2.0 server", seen(Version::tls1_0, wire::SslV2ServerHello{2}), Status::rejected, ErrorClass::protocol,
       Phase::hello, {}, {}, {}, {}},
      {"plaintext HTTP is never acceptance", seen(Version::tls1_0, wire::HttpAnswer{"HTTP/1.1 400 Bad Request"}),
       Status::rejected, ErrorClass::protocol, Phase::hello, {}, {}, {}, {}},
      {"garbage", seen(Version::tls1_2, wire::Garbage{"unknown record type 0x41"}), Status::rejected,
       ErrorClass::protocol, Phase::hello, {}, {}, {}, {}},
      {"reset before an answer", undecided([](Observation& o) {
         o.socket_error = socket_failure(Status::rejected, Phase::hello,
                                         boost::system::error_code(ECONNRESET, boost::system::system_category()));
       }),
       Status::rejected,
       ErrorClass::reset, Phase::hello, {}, 104, 10054, {}},
      {"close before an answer", undecided([](Observation& o) { o.eof = true; }), Status::rejected, ErrorClass::closed,
       Phase::hello, {}, {}, {}, {}},
      {"silence until the deadline", undecided([](Observation& o) { o.timed_out = true; }),
       Status::rejected, ErrorClass::timeout, Phase::hello, {}, 110, 10060, {}},
      {"warning alert then close", undecided([](Observation& o) {
         o.reply = wire::NeedMore{12, wire::Alert{1, 112}};
         o.eof = true;
       }),
       Status::rejected, ErrorClass::alert, Phase::hello, 112, {}, {}, {}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    const auto out = raw::classify(r.in);
    test::check_failure(out, {r.status, r.cls, r.phase, r.alert, r.posix, r.winsock, r.offered});
  }
}
