// The pcapng file, walked block by block: a section header, one raw-IP interface, and per
// attempt a SYN, SYN-ACK, ACK, the data both ways and a FIN, with correct IP and TCP checksums
// and the attempt's comment on its first packet. tests/cli/pcap.sh reads real runs with tshark.
#include "render/pcap.hpp"

#include <doctest/doctest.h>

#include <cstring>

#include "sample_report.hpp"

using namespace tlsprobe;

namespace {

std::uint32_t le32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  std::memcpy(&v, s.data() + at, 4);  // written in this machine's order, as its magic says
  return v;
}

struct Block {
  std::uint32_t type;
  std::string body;
};

std::vector<Block> blocks(const std::string& file) {
  std::vector<Block> out;
  std::size_t at = 0;
  while (at + 12 <= file.size()) {
    const auto type = le32(file, at), total = le32(file, at + 4);
    REQUIRE(total >= 12);
    REQUIRE(at + total <= file.size());
    CHECK(le32(file, at + total - 4) == total);
    out.push_back({type, file.substr(at + 8, total - 12)});
    at += total;
  }
  CHECK(at == file.size());
  return out;
}

// RFC 1071 over `data` (plus `sum`): 0xFFFF when the checksum inside is right.
std::uint32_t ones_sum(const std::string& data, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i + 1 < data.size(); i += 2)
    sum += static_cast<std::uint32_t>(static_cast<std::uint8_t>(data[i]) << 8 | static_cast<std::uint8_t>(data[i + 1]));
  if (data.size() % 2) sum += static_cast<std::uint32_t>(static_cast<std::uint8_t>(data.back()) << 8);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return sum;
}

Report one_attempt(const std::string& client, const std::string& server) {
  Report rep;
  auto o = sample::ok(Version::tls1_2, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  WireCapture w;
  w.client_address = client;
  w.client_port = 50000;
  w.server_address = server;
  w.server_port = 443;
  const std::uint8_t hello[] = {0x16, 0x03, 0x01, 0x00, 0x01, 0x01};
  const std::uint8_t reply[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
  w.add(true, hello, sizeof hello);
  w.add(false, reply, sizeof reply);
  o.wire = w;
  rep.results.push_back(sample::attempt(sample::target("vault.example", 443), server, "raw", Version::tls1_2, o));
  rep.results.push_back(sample::attempt(sample::target("vault.example", 443), server, "openssl", Version::tls1_2,
                                        sample::ok(Version::tls1_2, "X")));  // no capture: no stream
  return rep;
}

}  // namespace

TEST_CASE("pcapng: section, interface, and one stream per captured attempt with good checksums") {
  const auto file = render_pcapng(one_attempt("10.0.0.9", "20.190.151.7"));
  const auto b = blocks(file);
  REQUIRE(b.size() == 2 + 6);  // SYN, SYN-ACK, ACK, hello, alert, FIN
  CHECK(b[0].type == 0x0A0D0D0Au);
  CHECK(le32(b[0].body, 0) == 0x1A2B3C4Du);
  CHECK(b[1].type == 1u);
  CHECK((static_cast<std::uint8_t>(b[1].body[0]) | static_cast<std::uint8_t>(b[1].body[1]) << 8) == 101);  // LINKTYPE_RAW
  const std::vector<std::uint8_t> flags{0x02, 0x12, 0x10, 0x18, 0x18, 0x11};
  for (std::size_t i = 0; i < 6; ++i) {
    CAPTURE(i);
    const auto& epb = b[2 + i];
    CHECK(epb.type == 6u);
    const auto captured = le32(epb.body, 12);
    const auto ip = epb.body.substr(20, captured);
    CHECK(static_cast<std::uint8_t>(ip[0]) == 0x45);
    CHECK(ones_sum(ip.substr(0, 20)) == 0xFFFF);
    const auto tcp = ip.substr(20);
    CHECK(static_cast<std::uint8_t>(tcp[13]) == flags[i]);
    // The pseudo header: source, destination, zero, protocol 6, TCP length.
    std::string pseudo = ip.substr(12, 8) + std::string(1, '\0') + std::string(1, '\x06');
    pseudo += static_cast<char>(tcp.size() >> 8);
    pseudo += static_cast<char>(tcp.size() & 0xFF);
    CHECK(ones_sum(pseudo + tcp) == 0xFFFF);
  }
  // The hello's payload, and the attempt's comment on its first packet.
  CHECK(b[5].body.substr(20 + 40, 6) == std::string("\x16\x03\x01\x00\x01\x01", 6));
  CHECK(b[2].body.find("tlsprobe raw tls1.2 vault.example: accepted") != std::string::npos);
  CHECK(b[3].body.find("tlsprobe") == std::string::npos);
}

TEST_CASE("pcapng: IPv6 attempts get IPv6 headers; a capture without addresses is left out") {
  const auto v6 = blocks(render_pcapng(one_attempt("2001:db8::9", "2603:1000::7")));
  REQUIRE(v6.size() == 8);
  CHECK((static_cast<std::uint8_t>(v6[2].body[20]) >> 4) == 6);
  auto rep = one_attempt("10.0.0.9", "20.190.151.7");
  rep.results[0].outcome.wire->server_address.clear();
  CHECK(blocks(render_pcapng(rep)).size() == 2);
}
