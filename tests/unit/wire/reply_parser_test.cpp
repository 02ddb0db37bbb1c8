// The reply parser on replies recorded from real servers on loopback (recorded_replies.hpp),
// whole and cut at every length.
#include <doctest/doctest.h>

#include "recorded_replies.hpp"
#include "reply_testing.hpp"
#include "wire/server_hello.hpp"

using namespace tlsprobe::wire;
using namespace tlsprobe::wire::test;
namespace rec = tlsprobe::wire::recorded;

namespace {

ServerHello hello(std::uint16_t legacy, std::uint16_t version, std::uint16_t suite, bool hrr = false,
                  Downgrade downgrade = Downgrade::none) {
  return ServerHello{legacy, version, suite, hrr, downgrade};
}

struct Case {
  const char* name;
  std::string_view reply;
  ReplyResult expected;
};

const Case cases[] = {
    {"SSL 3.0 ServerHello", rec::ssl3_0_server_hello, hello(0x0300, 0x0300, 0x002F)},
    {"TLS 1.0 ServerHello", rec::tls1_0_server_hello, hello(0x0301, 0x0301, 0xC00A)},
    {"TLS 1.1 ServerHello", rec::tls1_1_server_hello, hello(0x0302, 0x0302, 0xC00A)},
    {"TLS 1.2 ServerHello with extensions", rec::tls1_2_server_hello, hello(0x0303, 0x0303, 0xC02C)},
    {"TLS 1.2 ServerHello from a 1.3 server", rec::tls1_2_downgrade_sentinel,
     hello(0x0303, 0x0303, 0xC02C, false, Downgrade::to_tls1_2)},
    {"TLS 1.0 ServerHello without extensions", rec::tls1_0_no_extensions, hello(0x0301, 0x0301, 0x002F)},
    {"TLS 1.2 ServerHello without extensions", rec::tls1_2_no_extensions, hello(0x0303, 0x0303, 0x002F)},
    {"TLS 1.3 ServerHello", rec::tls1_3_server_hello, hello(0x0303, 0x0304, 0x1301)},
    {"TLS 1.3 HelloRetryRequest", rec::tls1_3_hello_retry_request, hello(0x0303, 0x0304, 0x1301, true)},
    {"alert 40", rec::alert40_no_shared_cipher, Alert{2, 40}},
    {"alert 70 (1.0 hello, 1.2 server)", rec::alert70_tls1_0_to_tls1_2_server, Alert{2, 70}},
    {"alert 70 (1.2 hello, 1.3 server)", rec::alert70_tls1_2_to_tls1_3_server, Alert{2, 70}},
    {"alert 70 (1.3 hello, 1.2 server)", rec::alert70_tls1_3_to_tls1_2_server, Alert{2, 70}},
    {"alert 71", rec::alert71_synthetic, Alert{2, 71}},
    {"alert 86", rec::alert86_fallback_scsv, Alert{2, 86}},
    {"alert 40 in an SSL 3.0 record", rec::ssl3_0_to_tls_server, Alert{2, 40}},
    {"SSL 2.0 SERVER-HELLO", rec::sslv2_server_hello, SslV2ServerHello{0x0002}},
    {"HTTP 400 from nginx", rec::http_400_nginx, HttpAnswer{"HTTP/1.1 400 Bad Request"}},
};

}  // namespace

TEST_CASE("wire: recorded replies give their verdict, and every prefix waits or agrees") {
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const Bytes reply = hex(c.reply);
    CHECK(parse(reply) == c.expected);
    check_every_prefix(reply);
  }
}

TEST_CASE("wire: a ServerHello decides as soon as its own bytes are in") {
  const Bytes reply = hex(rec::tls1_2_server_hello);
  const Bytes first = cat({Bytes(reply.begin(), reply.begin() + 5), first_record_body(reply)});
  CHECK(parse(first) == ReplyResult{hello(0x0303, 0x0303, 0xC02C)});
  CHECK(parse(Bytes(first.begin(), first.end() - 1)) == ReplyResult{NeedMore{first.size(), {}}});
}

TEST_CASE("wire: need_more says how many bytes at least") {
  const Bytes reply = hex(rec::tls1_2_server_hello);
  const auto at_least = [&](std::size_t n) {
    const auto r = parse_reply(std::span(reply).first(n));
    REQUIRE(needs_more(r));
    return std::get<NeedMore>(r).at_least;
  };
  CHECK(at_least(0) == 1);
  CHECK(at_least(3) == 5);       // the record header
  CHECK(at_least(7) == 9);       // the handshake header
  CHECK(at_least(15) == 5 + 4 + 0x55);  // the whole ServerHello (length 0x55)
  CHECK(parse(hex("15 0303 0002 02")) == ReplyResult{NeedMore{7, {}}});
}

TEST_CASE("wire: the lead's parse_server_hello still reads one handshake message") {
  const Bytes tls13 = first_record_body(hex(rec::tls1_3_server_hello));
  const auto parsed = parse_server_hello(tls13);
  REQUIRE(parsed);
  CHECK(parsed->version == 0x0304);
  CHECK(parsed->legacy_version == 0x0303);
  CHECK(parsed->cipher_suite == 0x1301);
  CHECK_FALSE(parsed->hello_retry_request);
  CHECK_FALSE(parse_server_hello(Bytes(tls13.begin(), tls13.end() - 1)));
  CHECK(parse_server_hello_explained(Bytes(tls13.begin(), tls13.end() - 1)).problem ==
        "ServerHello length does not match the message");
}

TEST_CASE("wire: describe gives one line of evidence per verdict") {
  CHECK(describe(parse(hex(rec::tls1_3_server_hello))) ==
        "ServerHello TLS 1.3 (0x0304), cipher 0x1301, legacy_version 0x0303");
  CHECK(describe(parse(hex(rec::tls1_3_hello_retry_request))) ==
        "HelloRetryRequest TLS 1.3 (0x0304), cipher 0x1301, legacy_version 0x0303");
  CHECK(describe(parse(hex(rec::alert70_tls1_0_to_tls1_2_server))) == "fatal alert 70 protocol_version");
  CHECK(describe(parse(hex(rec::http_400_nginx))) == "plaintext HTTP: HTTP/1.1 400 Bad Request");
  CHECK(describe(parse(hex(rec::tls1_2_downgrade_sentinel))) ==
        "ServerHello TLS 1.2 (0x0303), cipher 0xC02C, downgrade sentinel (server also speaks TLS 1.3)");
  CHECK(describe(parse(hex("15 0303 0002 0170"))) ==
        "incomplete reply: at least 12 bytes needed (after a warning alert 112 unrecognized_name)");
}
