#include "backends/schannel/classify.hpp"

#include <doctest/doctest.h>

#include "../expect_failure.hpp"

#include "backends/schannel/sec_status.hpp"

using namespace tlsprobe;
using schannel::Observation;
namespace status = schannel::status;

namespace {

Observation forced(Version v) {
  Observation o;
  o.requested = v;
  return o;
}

// A hello went out (as SChannel's first token) and the answer came back.
Observation answered(Version v) {
  auto o = forced(v);
  o.bytes_sent = 180;
  o.bytes_received = 7;
  return o;
}

}  // namespace

TEST_CASE("schannel classify: success at the forced version is accepted") {
  auto o = answered(Version::tls1_2);
  o.handshake_ok = true;
  o.protocol_bits = 0x800;
  o.server_version = 0x0303;
  o.cipher = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
  const auto out = schannel::classify(o);
  CHECK(out.status == Status::accepted);
  CHECK(out.negotiated == Version::tls1_2);
  CHECK(out.cipher == "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  CHECK(out.error.cls == ErrorClass::none);
}

TEST_CASE("schannel classify: Wine reports the server bit of the negotiated version") {
  auto o = answered(Version::tls1_0);
  o.handshake_ok = true;
  o.protocol_bits = 0x40;  // SP_PROT_TLS1_0_SERVER
  CHECK(schannel::classify(o).status == Status::accepted);
}

TEST_CASE("schannel classify: the failure table") {
  struct Row {
    const char* name;
    Observation in;
    Status status;
    ErrorClass cls;
    Phase phase;
    std::optional<int> alert, posix, winsock;
    std::optional<Version> offered;
    std::optional<std::uint32_t> sec;
  };
  auto with = [](auto f) {
    auto o = answered(Version::tls1_2);
    f(o);
    return o;
  };
  const Row rows[] = {
      {"registry disables the version: AcquireCredentialsHandle refuses (Wine)",
       with([](Observation& o) { o = forced(Version::tls1_2); o.credentials_failed = true; o.sec_status = status::no_authenticating_authority; }),
       Status::unsupported, ErrorClass::local, Phase::hello, {}, {}, {}, {}, status::no_authenticating_authority},
      {"no ClientHello for the version: the first InitializeSecurityContext fails (Windows)",
       with([](Observation& o) { o = forced(Version::tls1_0); o.sec_status = status::algorithm_mismatch; }),
       Status::unsupported, ErrorClass::local, Phase::hello, {}, {}, {}, {}, status::algorithm_mismatch},
      {"alert 70 read from the record layer while SChannel says only SEC_E_INTERNAL_ERROR (Wine)",
       with([](Observation& o) { o.alert = 70; o.sec_status = status::internal_error; }),
       Status::rejected, ErrorClass::alert, Phase::hello, 70, {}, {}, {}, status::internal_error},
      {"alert 70 that Windows folds into SEC_E_UNSUPPORTED_FUNCTION",
       with([](Observation& o) { o.alert = 70; o.sec_status = status::unsupported_function; }),
       Status::rejected, ErrorClass::alert, Phase::hello, 70, {}, {}, {}, status::unsupported_function},
      {"alert 40 after the ServerHello, folded into SEC_E_ILLEGAL_MESSAGE",
       with([](Observation& o) { o.server_version = 0x0303; o.alert = 40; o.sec_status = status::illegal_message; }),
       Status::rejected, ErrorClass::alert, Phase::handshake, 40, {}, {}, {}, status::illegal_message},
      {"TLS 1.0 ServerHello to a forced TLS 1.2 hello",
       with([](Observation& o) { o.server_version = 0x0301; o.sec_status = status::internal_error; }),
       Status::rejected, ErrorClass::version_mismatch, Phase::handshake, {}, {}, {}, Version::tls1_0, status::internal_error},
      {"reset after the hello: WSAECONNRESET",
       with([](Observation& o) { o.bytes_received = 0; o.winsock = 10054; }),
       Status::rejected, ErrorClass::reset, Phase::hello, {}, 104, 10054, {}, {}},
      {"connection aborted locally: WSAECONNABORTED",
       with([](Observation& o) { o.bytes_received = 0; o.winsock = 10053; }),
       Status::rejected, ErrorClass::reset, Phase::hello, {}, 103, 10053, {}, {}},
      {"clean close before any answer",
       with([](Observation& o) { o.bytes_received = 0; o.eof = true; }),
       Status::rejected, ErrorClass::closed, Phase::hello, {}, {}, {}, {}, {}},
      {"close_notify instead of a ServerHello",
       with([](Observation& o) { o.alert = 0; o.eof = true; }),
       Status::rejected, ErrorClass::closed, Phase::hello, {}, {}, {}, {}, {}},
      {"silence until the deadline",
       with([](Observation& o) { o.bytes_received = 0; o.timed_out = true; o.winsock = 995; }),
       Status::rejected, ErrorClass::timeout, Phase::hello, {}, 110, 10060, {}, {}},
      {"deadline after the ServerHello",
       with([](Observation& o) { o.timed_out = true; o.server_version = 0x0303; }),
       Status::rejected, ErrorClass::timeout, Phase::handshake, {}, 110, 10060, {}, {}},
      {"plaintext HTTP answer",
       with([](Observation& o) { o.not_tls = "plaintext HTTP: HTTP/1.1 400 Bad Request"; o.sec_status = status::illegal_message; }),
       Status::rejected, ErrorClass::protocol, Phase::hello, {}, {}, {}, {}, status::illegal_message},
      {"server chose our version, SChannel walked away",
       with([](Observation& o) { o.server_version = 0x0303; o.sec_status = status::algorithm_mismatch; }),
       Status::unsupported, ErrorClass::local, Phase::handshake, {}, {}, {}, {}, status::algorithm_mismatch},
      {"after the ServerHello SChannel rejects what the server sent (a second HelloRetryRequest, a huge message)",
       with([](Observation& o) { o.server_version = 0x0304; o.requested = Version::tls1_3; o.sec_status = status::illegal_message; }),
       Status::rejected, ErrorClass::protocol, Phase::handshake, {}, {}, {}, {}, status::illegal_message},
      {"Wine's SEC_E_INTERNAL_ERROR after the ServerHello is no local refusal",
       with([](Observation& o) { o.server_version = 0x0303; o.sec_status = status::internal_error; }),
       Status::rejected, ErrorClass::protocol, Phase::handshake, {}, {}, {}, {}, status::internal_error},
      {"Windows Firewall blocks the socket: WSAEACCES is this machine's",
       with([](Observation& o) { o.bytes_received = 0; o.winsock = 10013; }),
       Status::unreachable, ErrorClass::local, Phase::hello, {}, 13, 10013, {}, {}},
      {"no buffer space: WSAENOBUFS (port exhaustion)",
       with([](Observation& o) { o.bytes_received = 0; o.winsock = 10055; }),
       Status::unreachable, ErrorClass::local, Phase::hello, {}, 105, 10055, {}, {}},
      {"bytes came, no ServerHello or alert decided, SChannel failed",
       with([](Observation& o) { o.sec_status = status::illegal_message; }),
       Status::rejected, ErrorClass::protocol, Phase::hello, {}, {}, {}, {}, status::illegal_message},
      {"SChannel ignored the pin and negotiated another version (SCH_CREDENTIALS under Wine)",
       with([](Observation& o) { o.requested = Version::tls1_3; o.handshake_ok = true; o.protocol_bits = 0x800; }),
       Status::rejected, ErrorClass::version_mismatch, Phase::handshake, {}, {}, {}, Version::tls1_2, {}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    const auto out = schannel::classify(r.in);
    test::check_failure(out, {r.status, r.cls, r.phase, r.alert, r.posix, r.winsock, r.offered});
    CHECK(out.error.sec_status == r.sec);
  }
}

TEST_CASE("schannel classify: the server's alert outranks SChannel's code and the reset after it") {
  auto o = answered(Version::tls1_1);
  o.alert = 70;
  o.winsock = 10054;
  o.sec_status = status::internal_error;
  const auto out = schannel::classify(o);
  CHECK(out.error.cls == ErrorClass::alert);
  CHECK(out.error.message == "server sent alert 70 (protocol_version); SChannel said SEC_E_INTERNAL_ERROR (0x80090304)");
}

TEST_CASE("schannel classify: a locally disabled version names the registry key to look at") {
  auto o = forced(Version::tls1_2);
  o.credentials_failed = true;
  o.sec_status = status::no_authenticating_authority;
  const auto message = schannel::classify(o).error.message;
  CHECK(message.find("SCHANNEL\\Protocols\\TLS 1.2\\Client") != std::string::npos);
  CHECK(message.find("SEC_E_NO_AUTHENTICATING_AUTHORITY (0x80090311)") != std::string::npos);
}

TEST_CASE("schannel status names: known codes by name, others by number") {
  CHECK(schannel::status_text(status::algorithm_mismatch) == "SEC_E_ALGORITHM_MISMATCH (0x80090331)");
  CHECK(schannel::status_text(status::continue_needed) == "SEC_I_CONTINUE_NEEDED (0x00090312)");
  CHECK(schannel::status_text(0x80090300) == "SECURITY_STATUS (0x80090300)");
  CHECK(schannel::succeeded(status::incomplete_credentials));
  CHECK_FALSE(schannel::succeeded(status::incomplete_message));
}
