#pragma once
// --http-check: one HEAD request over an accepted handshake, its answer read with Beast's
// parser. Some middleboxes let the handshake through and reset on the first application
// byte; the handshake alone would call that endpoint healthy. The request, the header limit
// and the status line are net/http_head.hpp's, shared with the SChannel backend.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/system/error_code.hpp>
#include <optional>
#include <string>

#include "backends/backend.hpp"
#include "backends/openssl/classify.hpp"
#include "core/outcome.hpp"
#include "net/http_head.hpp"
#include "net/tap_socket.hpp"

namespace tlsprobe::openssl {

// Over a TapSocket, so that --pcap sees the ciphertext OpenSSL reads and writes.
using TlsStream = boost::asio::ssl::stream<TapSocket>;

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
