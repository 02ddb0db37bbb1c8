#pragma once
// --http-check: one HEAD request over an accepted handshake, its answer read with Beast's
// parser. Some middleboxes let the handshake through and reset on the first application
// byte; the handshake alone would call that endpoint healthy.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/system/error_code.hpp>
#include <optional>
#include <string>

#include "backends/backend.hpp"
#include "backends/openssl/classify.hpp"
#include "core/outcome.hpp"

namespace tlsprobe::openssl {

using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>;

// The answer's header may be at most this long; a middlebox's block page can be chatty,
// but nothing legitimate needs more, and the limit bounds what a hostile peer can make us hold.
inline constexpr std::size_t http_header_limit = 16 * 1024;

// The Host header value for a name or address literal: IPv6 in brackets (RFC 9110 7.2). No
// port: the request goes to the TLS port, and virtual hosts match on the name alone.
std::string host_header(const std::string& name);

// HEAD `path` HTTP/1.1 with Host, User-Agent and Connection: close.
boost::beast::http::request<boost::beast::http::empty_body> head_request(const std::string& path,
                                                                         const std::string& host);

// "HTTP/1.1 200 OK": version 11, status 200, reason "OK" (the reason may be empty in HTTP/1.1).
std::string status_line(unsigned version, unsigned status, std::string_view reason);

// Why the request got no answer, in the outcome taxonomy, phase http: timeout (our deadline),
// reset (104 / 10054, EPIPE counted as the peer's reset), closed (end of stream before a
// complete header), alert (the server's fatal alert, seen on the wire), protocol (not HTTP,
// a header over the limit, a TLS error without an alert).
ErrorInfo classify_http_error(const boost::system::error_code& ec, bool timed_out, std::optional<int> alert);

// Sends the request and reads the answer's header within config.timeout, counted from the
// start. `wire` is the handshake's observation, still fed by the message callback: an alert
// the server sends in answer to our data lands there.
boost::asio::awaitable<HttpCheck> run_http_check(TlsStream& stream, const HttpCheckConfig& config,
                                                 const std::string& host, const Observation& wire);

}  // namespace tlsprobe::openssl
