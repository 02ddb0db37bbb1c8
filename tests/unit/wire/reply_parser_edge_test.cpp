// The reply parser on what real servers rarely send: fragmented records, lengths that lie,
// warnings before the answer, and bytes that are not TLS at all.
#include <doctest/doctest.h>

#include <string>

#include "recorded_replies.hpp"
#include "wire/server_hello.hpp"
#include "reply_testing.hpp"

using namespace tlsprobe::wire;
using namespace tlsprobe::wire::test;
namespace rec = tlsprobe::wire::recorded;

namespace {

const Bytes tls12 = hex(rec::tls1_2_server_hello);
const Bytes tls12_hello_message = first_record_body(tls12);  // 4 + 0x55 bytes
const Bytes tls12_rest = after_first_record(tls12);          // Certificate ... ServerHelloDone
const ReplyResult tls12_verdict = ServerHello{0x0303, 0x0303, 0xC02C, false, Downgrade::none};

bool is_garbage(const ReplyResult& r, std::string_view containing = {}) {
  const auto* g = std::get_if<Garbage>(&r);
  return g && g->reason.find(containing) != std::string::npos;
}

Bytes with_byte(Bytes b, std::size_t at, std::uint8_t value) {
  b.at(at) = value;
  return b;
}

}  // namespace

TEST_CASE("wire: a ServerHello split over records is reassembled") {
  for (const auto& split : {handshake_records(tls12_hello_message, {40}),  // 2 records
                            handshake_records(tls12_hello_message, {2}),   // handshake header split
                            handshake_records(tls12_hello_message, {1, 1, 1, 1, 1, 30, 1})}) {
    const Bytes reply = cat({split, tls12_rest});
    CHECK(parse(reply) == tls12_verdict);
    check_every_prefix(reply);
  }
  Bytes one_byte_records;
  for (const auto b : tls12_hello_message) one_byte_records = cat({one_byte_records, record(22, Bytes{b})});
  CHECK(parse(one_byte_records) == tls12_verdict);
  check_every_prefix(one_byte_records);
}

TEST_CASE("wire: a ServerHello sharing its record with the next messages") {
  const Bytes certificate_message = first_record_body(tls12_rest);
  const Bytes reply = record(22, cat({tls12_hello_message, certificate_message}));
  CHECK(parse(reply) == tls12_verdict);
  check_every_prefix(reply);
}

TEST_CASE("wire: HelloRequest before the ServerHello is skipped (RFC 5246 §7.4.1.1)") {
  const Bytes reply = cat({record(22, hex("00 000000")), tls12});
  CHECK(parse(reply) == tls12_verdict);
  CHECK(is_garbage(parse(cat({record(22, hex("00 000001 00")), tls12})), "type 0"));
}

TEST_CASE("wire: warning alerts are kept as evidence while the handshake goes on") {
  const Bytes unrecognized_name = record(21, hex("01 70"));
  CHECK(parse(cat({unrecognized_name, tls12})) == tls12_verdict);
  CHECK(parse(unrecognized_name) == ReplyResult{NeedMore{12, Alert{1, 112}}});
  CHECK(parse(cat({unrecognized_name, record(21, hex("01 00"))})) == ReplyResult{Alert{1, 0}});  // close_notify
  CHECK(parse(record(21, hex("01 70 02 28"))) == ReplyResult{Alert{2, 40}});  // TLS 1.2: two in one record
  check_every_prefix(cat({unrecognized_name, tls12}));
}

TEST_CASE("wire: record lengths that lie") {
  CHECK(is_garbage(parse(hex("16 0303 4801")), "over 2^14+2048"));  // 18433: no record is that long
  CHECK(needs_more(parse(hex("16 0303 4800"))));
  CHECK(is_garbage(parse(hex("16 0303 0000")), "empty record"));
  CHECK(is_garbage(parse(hex("15 0303 0000")), "empty record"));
  CHECK(is_garbage(parse(hex("15 0303 0001 02")), "odd length"));
  CHECK(is_garbage(parse(hex("15 0303 0003 02 28 00")), "odd length"));
  // A record that announces more than it brings: the ServerHello inside is complete, so the
  // answer does not depend on bytes that may never come.
  const Bytes long_record = with_byte(with_byte(tls12, 3, 0x40), 4, 0x00);
  CHECK(parse(Bytes(long_record.begin(), long_record.begin() + 5 + 4 + 0x55)) == tls12_verdict);
}

TEST_CASE("wire: handshake lengths that lie") {
  // ServerHello claims 10 bytes more than it has: the Certificate record's bytes get read as
  // its tail, and then nothing holds together.
  CHECK(is_garbage(parse(with_byte(tls12, 8, 0x55 + 10)), "ServerHello"));
  // 10 bytes less: its extensions block now runs past the message.
  CHECK(is_garbage(parse(with_byte(tls12, 8, 0x55 - 10)), "extensions"));
  CHECK(is_garbage(parse(with_byte(with_byte(tls12, 6, 0xFF), 7, 0xFF)), "impossible"));  // 16 MB
  CHECK(is_garbage(parse(hex("16 0303 0008 02 000004 0303 0000")), "impossible"));          // < 38 bytes
  CHECK(is_garbage(parse(with_byte(tls12, 5 + 4 + 2 + 32, 33)), "session_id"));
  // Extension lengths: the one extension claims a byte more than the block holds.
  const Bytes no_ext_hello = hex(rec::tls1_2_no_extensions);
  CHECK(needs_more(parse(Bytes(no_ext_hello.begin(), no_ext_hello.begin() + 8))));
  const Bytes bad_ext =
      record(22, cat({hex("02 00002d 0303"), Bytes(32, 0x11), hex("00 c02f 00 0005 ff01 0002 00")}));
  CHECK(is_garbage(parse(bad_ext), "extension runs past"));
  const Bytes bad_versions = record(22, cat({hex("02 00002f 0303"), Bytes(32, 0x11),
                                             hex("00 1301 00 0007 002b 0003 030400")}));
  CHECK(is_garbage(parse(bad_versions), "supported_versions"));
}

TEST_CASE("wire: records out of place") {
  CHECK(is_garbage(parse(record(20, hex("01"))), "ChangeCipherSpec"));
  CHECK(is_garbage(parse(record(23, hex("0102"))), "application data"));
  CHECK(is_garbage(parse(record(24, hex("0102"))), "heartbeat"));
  CHECK(is_garbage(parse(cat({record(21, hex("01 70")), record(25, hex("01"))})), "content type 25"));
  CHECK(is_garbage(parse(record(22, hex("0b 000003 000000"))), "type 11"));  // Certificate first
  // RFC 8446 §5.1: nothing between the records of one split handshake message.
  const Bytes split = handshake_records(tls12_hello_message, {40});
  const Bytes interleaved = cat({Bytes(split.begin(), split.begin() + 45), record(21, hex("02 28")),
                                 Bytes(split.begin() + 45, split.end())});
  CHECK(is_garbage(parse(interleaved), "split handshake"));
  CHECK(is_garbage(parse(record(21, hex("03 28"))), "alert level 3"));
}

TEST_CASE("wire: record versions outside SSL 3.0 .. TLS 1.3") {
  CHECK(is_garbage(parse(with_byte(tls12, 1, 0x02)), "record version 0x0203"));
  CHECK(is_garbage(parse(with_byte(tls12, 2, 0x05)), "record version 0x0305"));
  CHECK(parse(with_byte(tls12, 2, 0x01)) == tls12_verdict);  // record 3.1 around a 1.2 hello is fine
}

TEST_CASE("wire: plaintext HTTP is its own verdict, never a ServerHello") {
  const auto text = [](std::string_view s) { return Bytes(s.begin(), s.end()); };
  CHECK(parse(text("HTTP/1.0 200 OK\nServer: x\n\n")) == ReplyResult{HttpAnswer{"HTTP/1.0 200 OK"}});
  CHECK(parse(text("HTTP/1.1 400 Bad\x01Request\r\n")) == ReplyResult{HttpAnswer{"HTTP/1.1 400 Bad?Request"}});
  CHECK(parse(text("HT")) == ReplyResult{NeedMore{3, {}}});
  CHECK(is_garbage(parse(text("HTT2")), "\"HTT2\""));  // found by the fuzzer: need_more must be a lower bound
  CHECK(parse(text("HTTP/1.1 400 Bad")) == ReplyResult{NeedMore{17, {}}});
  const std::string endless = "HTTP/1.1 200 " + std::string(400, 'x');
  const auto r = parse(text(endless));
  REQUIRE(std::holds_alternative<HttpAnswer>(r));
  CHECK(std::get<HttpAnswer>(r).status_line == endless.substr(0, 256));
  CHECK(is_garbage(parse(text("HTX")), "\"HTX\""));
  CHECK(is_garbage(parse(text("SSH-2.0-OpenSSH_9.2p1\r\n")),
                   "not TLS: reply starts with 0x53 \"SSH-2.0-OpenSSH_9.2p1..\""));
  CHECK(is_garbage(parse(text("220 smtp.example ESMTP\r\n")), "0x32"));
}

TEST_CASE("wire: SSL 2.0 records") {
  CHECK(is_garbage(parse(hex("8003 00 0001")), "SSL 2.0 ERROR message, code 0x0001"));
  CHECK(is_garbage(parse(hex("8004 00 0001 00")), "ERROR record of length 4"));
  const Bytes v2 = hex(rec::sslv2_server_hello);
  CHECK(is_garbage(parse(with_byte(v2, 12, 0x11)), "do not add up"));  // connection id length
  CHECK(is_garbage(parse(with_byte(v2, 6, 0x03)), "version 0x0003"));
  CHECK(is_garbage(parse(hex("8002 04 00")), "shorter than its header"));
  CHECK(is_garbage(parse(hex("ff ff 07")), "not TLS"));
  CHECK(needs_more(parse(hex("80 22 04 00 01"))));
}

TEST_CASE("wire: a reply that never decides is cut off at max_reply_bytes") {
  const Bytes hello_request = record(22, hex("00 000000"));  // 9 bytes, skipped each time
  Bytes stream;
  while (stream.size() + hello_request.size() < max_reply_bytes) stream = cat({stream, hello_request});
  CHECK(needs_more(parse(stream)));
  stream = cat({stream, hello_request});
  CHECK(is_garbage(parse(stream), "no ServerHello within the first 131072 bytes"));
}

TEST_CASE("server key group: a ServerHello's key_share, a HelloRetryRequest's selected_group") {
  CHECK(server_key_group(hex(rec::tls1_3_server_hello)) == 0x001D);         // x25519
  CHECK(server_key_group(hex(rec::tls1_3_hello_retry_request)) == 0x0017);  // secp256r1
  CHECK_FALSE(server_key_group(hex(rec::tls1_2_server_hello)));             // no key_share below 1.3
  CHECK_FALSE(server_key_group(hex(rec::alert40_no_shared_cipher)));
  const auto whole = hex(rec::tls1_3_server_hello);
  CHECK_FALSE(server_key_group(std::span(whole).first(20)));  // cut short
}
