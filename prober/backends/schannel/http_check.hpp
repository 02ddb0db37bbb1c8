#pragma once
// --http-check on the SChannel backend: one HEAD request over the established context,
// sealed with EncryptMessage, the answer opened record by record with DecryptMessage until
// its header is complete. The HTTP side is net/http_head.hpp's, shared with OpenSSL.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "backends/schannel/sspi.hpp"
#include "core/outcome.hpp"

namespace tlsprobe::schannel {

// Sends the request and reads the answer's header within config.timeout, counted from the
// start. `leftover` is what the server sent after the handshake's last message (SECBUFFER_EXTRA
// of the final step). Failures come back in HttpCheck::error, phase http: timeout, reset
// (10054 / 104), closed (end of stream or close_notify before a complete header), protocol
// (a record SChannel refused, with its SECURITY_STATUS; a renegotiation; not HTTP).
boost::asio::awaitable<HttpCheck> run_http_check(boost::asio::ip::tcp::socket& socket, Context& context,
                                                 std::vector<std::uint8_t> leftover, bool tls13,
                                                 const HttpCheckConfig& config, const std::string& host);

}  // namespace tlsprobe::schannel
