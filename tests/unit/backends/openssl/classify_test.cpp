#include "backends/openssl/classify.hpp"

#include <doctest/doctest.h>

#include "../expect_failure.hpp"
#include <openssl/ssl.h>

#include <cerrno>

using namespace tlsprobe;
using openssl::Observation;

namespace {

Observation forced(Version v) {
  Observation o;
  o.requested = v;
  return o;
}

}  // namespace

TEST_CASE("openssl classify: success at the forced version is accepted") {
  auto o = forced(Version::tls1_2);
  o.handshake_ok = true;
  o.negotiated = Version::tls1_2;
  o.cipher = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
  const auto out = openssl::classify(o);
  CHECK(out.status == Status::accepted);
  CHECK(out.negotiated == Version::tls1_2);
  CHECK(out.cipher == "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  CHECK(out.error.cls == ErrorClass::none);
}

TEST_CASE("openssl classify: the failure table") {
  struct Row {
    const char* name;
    Observation in;
    Status status;
    ErrorClass cls;
    Phase phase;
    std::optional<int> alert, posix, winsock;
    std::optional<Version> offered;
  };
  auto with = [](auto f) {
    auto o = forced(Version::tls1_2);
    f(o);
    return o;
  };
  const Row rows[] = {
      {"alert 70 instead of a ServerHello",
       with([](Observation& o) { o.alert_received = 70; o.records_received = 1; o.ssl_reason = SSL_R_TLSV1_ALERT_PROTOCOL_VERSION; }),
       Status::rejected, ErrorClass::alert, Phase::hello, 70, {}, {}, {}},
      {"alert 40 after the ServerHello",
       with([](Observation& o) { o.server_version = 0x0303; o.alert_received = 40; o.records_received = 3; }),
       Status::rejected, ErrorClass::alert, Phase::handshake, 40, {}, {}, {}},
      {"TLS 1.0 ServerHello to a forced TLS 1.2 hello",
       with([](Observation& o) { o.server_version = 0x0301; o.alert_sent = 70; o.records_received = 1; o.ssl_reason = SSL_R_UNSUPPORTED_PROTOCOL; }),
       Status::rejected, ErrorClass::version_mismatch, Phase::handshake, {}, {}, {}, Version::tls1_0},
      {"reset after the hello",
       with([](Observation& o) { o.sys_errno = ECONNRESET; }),
       Status::rejected, ErrorClass::reset, Phase::hello, {}, 104, 10054, {}},
      {"write into a reset connection (EPIPE) is the peer's reset",
       with([](Observation& o) { o.sys_errno = EPIPE; }),
       Status::rejected, ErrorClass::reset, Phase::hello, {}, 104, 10054, {}},
      {"clean close before any answer",
       with([](Observation& o) { o.eof = true; }),
       Status::rejected, ErrorClass::closed, Phase::hello, {}, {}, {}, {}},
      {"silence until the deadline",
       with([](Observation& o) { o.timed_out = true; o.sys_errno = ECANCELED; }),
       Status::rejected, ErrorClass::timeout, Phase::hello, {}, 110, 10060, {}},
      {"deadline after the ServerHello",
       with([](Observation& o) { o.timed_out = true; o.server_version = 0x0303; }),
       Status::rejected, ErrorClass::timeout, Phase::handshake, {}, 110, 10060, {}},
      {"library cannot offer the version, nothing received",
       with([](Observation& o) { o.ssl_reason = SSL_R_NO_PROTOCOLS_AVAILABLE; o.ssl_text = "no protocols available"; }),
       Status::unsupported, ErrorClass::local, Phase::hello, {}, {}, {}, {}},
      {"plaintext HTTP answer",
       with([](Observation& o) { o.records_received = 1; o.ssl_reason = SSL_R_WRONG_VERSION_NUMBER; o.ssl_text = "wrong version number"; }),
       Status::rejected, ErrorClass::protocol, Phase::hello, {}, {}, {}, {}},
      {"server chose our version, this client gave up",
       with([](Observation& o) { o.server_version = 0x0303; o.alert_sent = 71; o.records_received = 2; o.ssl_reason = SSL_R_EE_KEY_TOO_SMALL; o.ssl_text = "ee key too small"; }),
       Status::unsupported, ErrorClass::local, Phase::handshake, {}, {}, {}, {}},
      {"a local firewall refused the write (EACCES): never the server",
       with([](Observation& o) { o.sys_errno = EACCES; }),
       Status::unreachable, ErrorClass::local, Phase::hello, {}, 13, 10013, {}},
      {"out of descriptors (EMFILE)",
       with([](Observation& o) { o.sys_errno = EMFILE; }),
       Status::unreachable, ErrorClass::local, Phase::hello, {}, 24, 10024, {}},
      {"no buffer space (ENOBUFS)",
       with([](Observation& o) { o.sys_errno = ENOBUFS; }),
       Status::unreachable, ErrorClass::local, Phase::hello, {}, 105, 10055, {}},
      {"a second HelloRetryRequest: the server broke RFC 8446 4.1.4, we left with an alert",
       with([](Observation& o) { o.requested = Version::tls1_3; o.server_version = 0x0304; o.alert_sent = 10; o.records_received = 2; o.ssl_reason = SSL_R_UNEXPECTED_MESSAGE; o.ssl_text = "unexpected message"; }),
       Status::rejected, ErrorClass::protocol, Phase::handshake, {}, {}, {}, {}},
      {"a plaintext alert after a TLS 1.3 ServerHello: OpenSSL drops it unread, the server broke RFC 8446 5.1",
       with([](Observation& o) { o.requested = Version::tls1_3; o.server_version = 0x0304; o.alert_sent = 10; o.records_received = 2; o.last_record_type = SSL3_RT_ALERT; o.ssl_reason = SSL_R_BAD_RECORD_TYPE; o.ssl_text = "bad record type"; }),
       Status::rejected, ErrorClass::protocol, Phase::handshake, {}, {}, {}, {}},
      {"a 16 MiB Certificate message: the server's fault, not this machine's",
       with([](Observation& o) { o.server_version = 0x0303; o.alert_sent = 47; o.records_received = 2; o.ssl_reason = SSL_R_EXCESSIVE_MESSAGE_SIZE; o.ssl_text = "excessive message size"; }),
       Status::rejected, ErrorClass::protocol, Phase::handshake, {}, {}, {}, {}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    const auto out = openssl::classify(r.in);
    test::check_failure(out, {r.status, r.cls, r.phase, r.alert, r.posix, r.winsock, r.offered});
  }
}

TEST_CASE("openssl classify: the server's alert outranks the socket error that follows it") {
  auto o = forced(Version::tls1_0);
  o.alert_received = 70;
  o.sys_errno = ECONNRESET;
  o.records_received = 1;
  const auto out = openssl::classify(o);
  CHECK(out.error.cls == ErrorClass::alert);
  CHECK(out.error.message == "server sent alert 70 (protocol_version)");
}
