#include "backends/openssl/http_check.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cstdint>
#include <chrono>

#include "core/native_codes.hpp"
#include "core/target.hpp"
#include "net/connect.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe::openssl {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

ErrorInfo http_error(ErrorClass cls, std::string message) {
  return failure(Status::rejected, cls, Phase::http, std::move(message)).error;
}

}  // namespace

ErrorInfo classify_http_error(const boost::system::error_code& ec, bool timed_out, std::optional<int> alert) {
  if (timed_out) return timeout_failure(Status::rejected, Phase::http).error;
  // The server's own word first, as in the handshake (e.g. 116 certificate_required from a
  // TLS 1.3 server that asks for a client certificate only once data arrives).
  if (alert) {
    auto e = http_error(ErrorClass::alert,
                        "server sent alert " + std::to_string(*alert) + " (" + std::string(alert_name(*alert)) + ")");
    e.alert = alert;
    return e;
  }
  // A close without close_notify is what OpenSSL calls stream_truncated; Beast says
  // end_of_stream / partial_message when the bytes stop before a full header.
  if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated || ec == http::error::end_of_stream ||
      ec == http::error::partial_message)
    return http_error(ErrorClass::closed, "server closed the connection before answering the request");
  if (ec.category() == boost::system::system_category())
    return socket_failure(Status::rejected, Phase::http, ec).error;
  if (ec.category() == asio::error::get_ssl_category())
    return http_error(ErrorClass::protocol, "TLS error after the handshake: " + ec.message());
  // Beast's parser: not HTTP, a header over the limit, a malformed field.
  return http_error(ErrorClass::protocol, "not an HTTP answer: " + ec.message());
}

asio::awaitable<HttpCheck> run_http_check(TlsStream& stream, const HttpCheckConfig& config, const std::string& host,
                                          const Observation& wire) {
  HttpCheck out;
  out.path = config.path;
  const auto start = Clock::now();
  boost::system::error_code ec;
  bool timed_out = false;
  http::response_parser<http::empty_body> parser;
  {
    Watchdog watchdog(stream.next_layer().socket(), start + config.timeout);
    auto request = head_request(config.path, host);
    co_await http::async_write(stream, request, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
      // The answer to HEAD has no body whatever Content-Length says (RFC 9110 9.3.2).
      parser.skip(true);
      parser.header_limit(static_cast<std::uint32_t>(http_header_limit));
      boost::beast::flat_buffer buffer(http_header_limit + 1024);
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    }
    timed_out = watchdog.expired();
  }
  out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (ec || timed_out) {
    out.error = classify_http_error(ec, timed_out, wire.alert_received);
    co_return out;
  }
  const auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  out.status_line = status_line(res.version(), res.result_int(), res.reason());
  co_return out;
}

}  // namespace tlsprobe::openssl
