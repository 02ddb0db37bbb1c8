// The ClientHello reader and the fingerprints, against golden bytes: a Chrome-like TLS 1.3
// hello laid out after JA4's own worked example (technical_details/JA4.md: the same 15 suites,
// 16 extensions and 8 signature algorithms), with GREASE in the suites, extensions,
// supported_versions, groups and key shares. The expected JA4 is the one that document gives;
// the JA3 MD5 was computed separately (Python's hashlib over the JA3 text).
#include <doctest/doctest.h>

#include "hex.hpp"
#include "wire/client_hello.hpp"
#include "wire/client_hello_reader.hpp"
#include "wire/fingerprint.hpp"
#include "wire/hello_profile.hpp"

using namespace tlsprobe;
using namespace tlsprobe::wire;
using test::Bytes;
using test::hex;

namespace {

std::string golden_hex() {
  return
    "16 0301 0136"  // handshake record, TLS 1.0 record version
    "01 000132 0303"  // ClientHello, legacy_version TLS 1.2
    "0000000000000000000000000000000000000000000000000000000000000000"  // random
    "20 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"  // session id
    "0020 0a0a 1301 1302 1303 c02b c02f c02c c030 cca9 cca8 c013 c014 009c 009d 002f 0035"  // GREASE + 15 suites
    "01 00"  // compression: null
    "00c9"  // extensions
    "1a1a 0000 "  // GREASE
    "001b 0003 020002"  // compress_certificate: brotli
    "0000 0010 000e00000b6578616d706c652e636f6d"  // server_name: example.com
    // key_share: GREASE with one byte, x25519 with 32
    "0033 002b 0029 2a2a 0001 00 001d 0020 0000000000000000000000000000000000000000000000000000000000000000"
    "0010 000e 000c02683208687474702f312e31"  // alpn: h2, http/1.1
    "4469 0005 0003026832"  // application_settings
    "0017 0000 "  // extended_master_secret
    "002d 0002 0101"  // psk_key_exchange_modes: psk_dhe_ke
    "000d 0012 001004030804040105030805050108060601"  // signature_algorithms
    "0005 0005 0100000000"  // status_request: ocsp
    "0023 0000 "  // session_ticket
    "0012 0000 "  // signed_certificate_timestamp
    "002b 0007 063a3a03040303"  // supported_versions: GREASE, 1.3, 1.2
    "ff01 0001 00"  // renegotiation_info
    "000b 0002 0100"  // ec_point_formats: uncompressed
    "000a 000a 00083a3a001d00170018"  // supported_groups: GREASE, x25519, secp256r1, secp384r1
    "0015 0007 00000000000000";  // padding
}

Bytes golden_record() { return hex(golden_hex()); }
// The handshake message alone, as OpenSSL's message callback hands it over.
Bytes golden_message() {
  const auto r = golden_record();
  return Bytes(r.begin() + 5, r.end());
}

}  // namespace

TEST_CASE("client hello reader: every field of a GREASEd TLS 1.3 hello, GREASE kept as sent") {
  const auto parsed = parse_client_hello(golden_record());
  REQUIRE_MESSAGE(parsed.hello, parsed.problem);
  const auto& h = *parsed.hello;
  CHECK(h.size == 310);
  CHECK(h.record_version == 0x0301);
  CHECK(h.legacy_version == 0x0303);
  CHECK(h.cipher_suites.size() == 16);
  CHECK(h.cipher_suites.front() == 0x0A0A);
  CHECK(h.cipher_suites.back() == 0x0035);
  CHECK(h.compression_methods == std::vector<std::uint8_t>{0});
  CHECK(h.extensions == std::vector<std::uint16_t>{0x1a1a, 0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d,
                                                   0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015});
  CHECK(h.server_name == "example.com");
  CHECK(h.supported_versions == std::vector<std::uint16_t>{0x3a3a, 0x0304, 0x0303});
  CHECK(h.supported_groups == std::vector<std::uint16_t>{0x3a3a, 0x001d, 0x0017, 0x0018});
  CHECK(h.key_share_groups == std::vector<std::uint16_t>{0x2a2a, 0x001d});
  CHECK(h.signature_algorithms ==
        std::vector<std::uint16_t>{0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601});
  CHECK(h.ec_point_formats == std::vector<std::uint8_t>{0});
  CHECK(h.alpn == std::vector<std::string>{"h2", "http/1.1"});

  // The bare message reads the same, without a record version.
  const auto bare = parse_client_hello(golden_message());
  REQUIRE(bare.hello);
  CHECK_FALSE(bare.hello->record_version);
  auto same = *bare.hello;
  same.record_version = 0x0301;
  CHECK(same == h);
}

TEST_CASE("client hello reader: a hello split over two records is put back together") {
  const auto message = golden_message();
  const std::size_t cut = 100;
  Bytes split = hex("16 0301 0064");
  split.insert(split.end(), message.begin(), message.begin() + cut);
  const auto rest = message.size() - cut;
  split.insert(split.end(), {0x16, 0x03, 0x01, static_cast<std::uint8_t>(rest >> 8), static_cast<std::uint8_t>(rest)});
  split.insert(split.end(), message.begin() + cut, message.end());
  // What a stack writes after its hello (a ChangeCipherSpec here) is not part of it.
  split.insert(split.end(), {0x14, 0x03, 0x03, 0x00, 0x01, 0x01});
  const auto parsed = parse_client_hello(split);
  REQUIRE_MESSAGE(parsed.hello, parsed.problem);
  CHECK(*parsed.hello == *parse_client_hello(golden_record()).hello);
}

TEST_CASE("client hello reader: truncated or inconsistent bytes say what is wrong, never read past the end") {
  const auto record = golden_record();
  for (std::size_t n = 0; n < record.size(); ++n) {
    CAPTURE(n);
    const auto parsed = parse_client_hello(std::span(record.data(), n));
    CHECK_FALSE(parsed.hello);
    CHECK_FALSE(parsed.problem.empty());
  }
  CHECK(parse_client_hello(hex("02 000004 0303 0000")).problem == "not a ClientHello");
  auto bad_extensions = golden_message();
  bad_extensions[4 + 2 + 32 + 33 + 34 + 2 + 1] ^= 0x01;  // the extensions' total length, one short
  CHECK(parse_client_hello(bad_extensions).problem == "the extensions do not fill the hello");
  auto bad_sni = golden_message();
  bad_sni[4 + 2 + 32 + 33 + 34 + 2 + 2 + 4 + 7 + 4 + 1] = 0x00;  // server_name's list length: 0x000e -> 0x0000
  CHECK(parse_client_hello(bad_sni).problem == "a malformed extension");
}

TEST_CASE("fingerprints: JA4 as its specification computes it, JA3 and its MD5") {
  auto h = *parse_client_hello(golden_record()).hello;
  CHECK(ja4(h) == "t13d1516h2_8daaf6152771_e5627efa2ab1");
  CHECK(ja4_raw(h) ==
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
        "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_"
        "0403,0804,0401,0503,0805,0501,0806,0601");
  CHECK(ja3_text(h) ==
        "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
        "27-0-51-16-17513-23-45-13-5-35-18-43-65281-11-10-21,29-23-24,0");
  fill_fingerprints(h);
  CHECK(h.ja3_hash == "c000e2caf3a25423f9de6c8a4b12a975");
  CHECK(h.ja4 == ja4(h));

  SUBCASE("no server_name, no ALPN, no signature algorithms: 'i', '00', no '_' before the hash") {
    h.extensions = {0x000a, 0x000b};
    h.alpn.clear();
    h.signature_algorithms.clear();
    h.supported_versions.clear();
    h.legacy_version = 0x0301;
    CHECK(ja4_raw(h).substr(0, 10) == "t10i1502" + std::string("00"));
    CHECK(ja4_raw(h).ends_with("_000a,000b"));
  }
  SUBCASE("an ALPN value that is not alphanumeric: its first and last hex digits") {
    h.alpn = {std::string("\xAB\x01\xCD", 3)};
    CHECK(ja4(h).substr(8, 2) == "ad");
  }
}

TEST_CASE("fingerprints: our own hellos read back as the profile that built them") {
  for (const auto v : all_versions) {
    CAPTURE(token(v));
    HelloOptions options;
    options.version = v;
    options.sni = "vault.example";
    randomize(options);
    const auto bytes = build_client_hello(options);
    const auto h = captured_hello(bytes);
    REQUIRE(h);
    const auto& profile = hello_profile(v);
    CHECK(h->size == bytes.size() - 5);
    CHECK(h->record_version == profile.record_version);
    CHECK(h->legacy_version == profile.client_version);
    CHECK(std::vector<std::uint16_t>(h->cipher_suites.begin(), h->cipher_suites.end()) ==
          std::vector<std::uint16_t>(profile.cipher_suites.begin(), profile.cipher_suites.end()));
    CHECK(h->server_name == (profile.extensions ? "vault.example" : ""));
    CHECK(h->ja4.starts_with(v == Version::ssl3_0 ? "ts3i" : "t"));
    CHECK(h->ja3_hash.size() == 32);
  }
}
