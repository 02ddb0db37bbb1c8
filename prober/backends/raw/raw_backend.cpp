#include "backends/raw/raw_backend.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <array>
#include <vector>

#include "backends/raw/classify.hpp"
#include "net/connect.hpp"
#include "net/tap_socket.hpp"
#include "net/watchdog.hpp"
#include "wire/client_hello.hpp"
#include "wire/fingerprint.hpp"
#include "wire/reply_reader.hpp"
#include "wire/server_key_exchange.hpp"

namespace tlsprobe {

RawBackend::RawBackend(const BackendConfig& config) : large_hello_(config.large_hello) {}

asio::awaitable<Outcome> RawBackend::handshake(asio::ip::tcp::socket& socket, const HandshakeRequest& request) {
  wire::HelloOptions options;
  options.version = request.version;
  options.sni = request.sni;
  options.large = large_hello_;
  options.suites = request.offer_suites;
  options.groups = request.offer_groups;
  // A TLS 1.2 group scan: ECDHE suites only, and the curve is read past the ServerHello.
  const bool wants_curve = !request.offer_groups.empty() && request.version == Version::tls1_2;
  if (wants_curve && options.suites.empty()) options.suites = wire::ecdhe_scan_suites(request.version);
  wire::randomize(options);
  const auto hello = wire::build_client_hello(options);

  std::optional<WireCapture> capture;
  if (request.capture_wire) capture = capture_of(socket);
  raw::Observation observed;
  observed.requested = request.version;
  boost::system::error_code ec;
  bool sent = false;
  wire::ReplyReader reader;
  {
    Watchdog watchdog(socket, request.deadline);
    co_await asio::async_write(socket, asio::buffer(hello), asio::redirect_error(asio::use_awaitable, ec));
    sent = !ec;
    if (sent && capture) capture->add(true, hello.data(), hello.size());
    // Bounded twice: by the deadline, and by the parser, which decides within max_reply_bytes.
    // Below TLS 1.3 a curve scan reads on past the ServerHello: the curve follows the certificate.
    const auto wants_more = [&] {
      if (reader.needs_more()) return true;
      return wants_curve && std::holds_alternative<wire::ServerHello>(reader.result()) &&
             !wire::server_kex_curve(reader.received()).decided;
    };
    while (!ec && wants_more()) {
      std::array<std::uint8_t, 4096> chunk{};
      const auto n =
          co_await socket.async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
      reader.feed(std::span<const std::uint8_t>(chunk).first(n));
      if (capture) capture->add(false, chunk.data(), n);
    }
    observed.reply = reader.result();
    observed.timed_out = watchdog.expired();
  }
  const auto& received = reader.received();
  observed.bytes_received = received.size();
  if (ec == asio::error::eof)
    observed.eof = true;
  else if (ec && !observed.timed_out)
    observed.socket_error = socket_failure(Status::rejected, Phase::hello, ec);

  auto outcome = raw::classify(observed);
  if (sent) outcome.client_hello = wire::captured_hello(hello);
  if (outcome.status == Status::accepted && request.version == Version::tls1_3)
    outcome.key_group = wire::server_key_group(received);
  if (outcome.status == Status::accepted && wants_curve) outcome.key_group = wire::server_kex_curve(received).curve;
  boost::system::error_code ignored;
  if (std::holds_alternative<wire::ServerHello>(observed.reply) && socket.is_open()) {
    // We never finish the handshake; say so with a plaintext close_notify (RFC 5246 §7.2.1)
    // instead of leaving the server to time out on us.
    const std::uint16_t record = std::min<std::uint16_t>(wire_version(request.version), 0x0303);
    const std::array<std::uint8_t, 7> close_notify{0x15, static_cast<std::uint8_t>(record >> 8),
                                                   static_cast<std::uint8_t>(record & 0xFF), 0x00, 0x02, 0x01, 0x00};
    if (asio::write(socket, asio::buffer(close_notify), ignored) == close_notify.size() && capture)
      capture->add(true, close_notify.data(), close_notify.size());
  }
  outcome.wire = std::move(capture);
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  co_return outcome;
}

std::vector<std::uint16_t> RawBackend::scan_candidates(Version v) const { return wire::scan_suites(v); }
std::vector<std::uint16_t> RawBackend::scan_group_candidates(Version v) const { return wire::scan_groups(v); }

}  // namespace tlsprobe
