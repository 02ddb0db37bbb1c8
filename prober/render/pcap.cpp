#include "render/pcap.hpp"

#include <boost/asio/ip/address.hpp>
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace tlsprobe {
namespace {

using Bytes = std::vector<std::uint8_t>;

// pcapng is written in this machine's byte order, which its byte-order magic declares; the
// IP and TCP headers inside the packets are in network order.
void le16(Bytes& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void le32(Bytes& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void be16(Bytes& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
void be32(Bytes& b, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void pad4(Bytes& b) {
  while (b.size() % 4 != 0) b.push_back(0);
}

// A block: type, total length, body (padded to 4), total length again (pcapng §3.1).
void block(std::string& out, std::uint32_t type, Bytes body) {
  pad4(body);
  Bytes b;
  const auto total = static_cast<std::uint32_t>(body.size() + 12);
  le32(b, type);
  le32(b, total);
  b.insert(b.end(), body.begin(), body.end());
  le32(b, total);
  out.append(b.begin(), b.end());
}

void option(Bytes& b, std::uint16_t code, std::string_view value) {
  le16(b, code);
  le16(b, static_cast<std::uint16_t>(value.size()));
  b.insert(b.end(), value.begin(), value.end());
  pad4(b);
}

// RFC 1071: the ones' complement sum, over the pseudo header and the TCP segment.
std::uint16_t checksum(const Bytes& data, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i + 1 < data.size(); i += 2) sum += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
  if (data.size() % 2 != 0) sum += static_cast<std::uint32_t>(data.back() << 8);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

struct Endpoint {
  boost::asio::ip::address address;
  std::uint16_t port;
};

constexpr std::uint8_t fin = 0x01, syn = 0x02, psh = 0x08, ack = 0x10;

// One IPv4 or IPv6 packet carrying one TCP segment (LINKTYPE_RAW: the IP header comes first).
Bytes packet(const Endpoint& from, const Endpoint& to, std::uint32_t seq, std::uint32_t ack_number,
             std::uint8_t flags, const std::uint8_t* data, std::size_t size) {
  Bytes tcp;
  be16(tcp, from.port);
  be16(tcp, to.port);
  be32(tcp, seq);
  be32(tcp, (flags & ack) ? ack_number : 0);
  tcp.push_back(5 << 4);  // 20-byte header, no options
  tcp.push_back(flags);
  be16(tcp, 65535);  // window
  be16(tcp, 0);      // checksum, filled below
  be16(tcp, 0);      // urgent pointer
  tcp.insert(tcp.end(), data, data + size);

  Bytes pseudo;
  Bytes ip;
  if (from.address.is_v4()) {
    const auto s = from.address.to_v4().to_bytes(), d = to.address.to_v4().to_bytes();
    pseudo.insert(pseudo.end(), s.begin(), s.end());
    pseudo.insert(pseudo.end(), d.begin(), d.end());
    pseudo.push_back(0);
    pseudo.push_back(6);
    be16(pseudo, static_cast<std::uint16_t>(tcp.size()));
    ip = {0x45, 0};
    be16(ip, static_cast<std::uint16_t>(20 + tcp.size()));
    be16(ip, 0);       // identification
    be16(ip, 0x4000);  // don't fragment
    ip.push_back(64);  // TTL
    ip.push_back(6);   // TCP
    be16(ip, 0);
    ip.insert(ip.end(), s.begin(), s.end());
    ip.insert(ip.end(), d.begin(), d.end());
    const auto sum = checksum(ip);
    ip[10] = static_cast<std::uint8_t>(sum >> 8);
    ip[11] = static_cast<std::uint8_t>(sum);
  } else {
    const auto s = from.address.to_v6().to_bytes(), d = to.address.to_v6().to_bytes();
    pseudo.insert(pseudo.end(), s.begin(), s.end());
    pseudo.insert(pseudo.end(), d.begin(), d.end());
    be32(pseudo, static_cast<std::uint32_t>(tcp.size()));
    be32(pseudo, 6);
    be32(ip, 0x60000000);
    be16(ip, static_cast<std::uint16_t>(tcp.size()));
    ip.push_back(6);   // next header: TCP
    ip.push_back(64);  // hop limit
    ip.insert(ip.end(), s.begin(), s.end());
    ip.insert(ip.end(), d.begin(), d.end());
  }
  Bytes both = pseudo;
  both.insert(both.end(), tcp.begin(), tcp.end());
  const auto sum = checksum(both);
  tcp[16] = static_cast<std::uint8_t>(sum >> 8);
  tcp[17] = static_cast<std::uint8_t>(sum);
  ip.insert(ip.end(), tcp.begin(), tcp.end());
  return ip;
}

void enhanced_packet(std::string& out, std::chrono::system_clock::time_point at, const Bytes& data,
                     std::string_view comment) {
  const auto us = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count());
  Bytes b;
  le32(b, 0);  // interface 0
  le32(b, static_cast<std::uint32_t>(us >> 32));
  le32(b, static_cast<std::uint32_t>(us));
  le32(b, static_cast<std::uint32_t>(data.size()));
  le32(b, static_cast<std::uint32_t>(data.size()));
  b.insert(b.end(), data.begin(), data.end());
  pad4(b);
  if (!comment.empty()) {
    option(b, 1, comment);  // opt_comment
    le32(b, 0);             // opt_endofopt
  }
  block(out, 6, std::move(b));
}

// An IP packet holds at most 65535 bytes; TLS records are far smaller, reads may not be.
constexpr std::size_t max_payload = 65000;

void attempt_stream(std::string& out, const AttemptResult& r) {
  const auto& w = *r.outcome.wire;
  boost::system::error_code ec;
  const auto client_ip = boost::asio::ip::make_address(w.client_address, ec);
  if (ec) return;
  const auto server_ip = boost::asio::ip::make_address(w.server_address, ec);
  if (ec || client_ip.is_v4() != server_ip.is_v4()) return;
  const Endpoint client{client_ip, w.client_port}, server{server_ip, w.server_port};
  const auto start = w.segments.empty() ? std::chrono::system_clock::now() : w.segments.front().at;
  std::uint32_t cseq = 1000, sseq = 500000;
  const std::string comment = "tlsprobe " + r.backend + " " + std::string(token(r.version)) + " " + r.target.label +
                              ": " + std::string(to_string(r.outcome.status));
  enhanced_packet(out, start, packet(client, server, cseq, 0, syn, nullptr, 0), comment);
  enhanced_packet(out, start, packet(server, client, sseq, cseq + 1, syn | ack, nullptr, 0), {});
  ++cseq;
  ++sseq;
  enhanced_packet(out, start, packet(client, server, cseq, sseq, ack, nullptr, 0), {});
  for (const auto& s : w.segments) {
    for (std::size_t at = 0; at < s.bytes.size(); at += max_payload) {
      const std::size_t n = std::min(max_payload, s.bytes.size() - at);
      const auto& from = s.from_client ? client : server;
      const auto& to = s.from_client ? server : client;
      auto& seq = s.from_client ? cseq : sseq;
      const auto their = s.from_client ? sseq : cseq;
      enhanced_packet(out, s.at, packet(from, to, seq, their, psh | ack, s.bytes.data() + at, n), {});
      seq += static_cast<std::uint32_t>(n);
    }
  }
  const auto end = w.segments.empty() ? start : w.segments.back().at;
  enhanced_packet(out, end, packet(client, server, cseq, sseq, fin | ack, nullptr, 0), {});
}

}  // namespace

std::string render_pcapng(const Report& report) {
  std::string out;
  Bytes shb;
  le32(shb, 0x1A2B3C4D);  // byte-order magic
  le16(shb, 1);           // version 1.0
  le16(shb, 0);
  le32(shb, 0xFFFFFFFF);  // section length: not given
  le32(shb, 0xFFFFFFFF);
  option(shb, 4, "tlsprobe " TLSPROBE_VERSION);  // shb_userappl
  le32(shb, 0);
  block(out, 0x0A0D0D0A, std::move(shb));
  Bytes idb;
  le16(idb, 101);  // LINKTYPE_RAW: each packet begins with its IPv4 or IPv6 header
  le16(idb, 0);
  le32(idb, 0);  // no snap length
  block(out, 1, std::move(idb));
  for (const auto& r : report.results)
    if (r.outcome.wire) attempt_stream(out, r);
  return out;
}

}  // namespace tlsprobe
