#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <optional>

#include "core/native_codes.hpp"  // timeout_failure, for the callers that time a phase
#include "core/outcome.hpp"

namespace tlsprobe {

// Opens a TCP connection within the deadline. Returns nothing on success, or the
// `unreachable` outcome saying how the connection failed.
boost::asio::awaitable<std::optional<Outcome>> connect_tcp(boost::asio::ip::tcp::socket& socket,
                                                           const boost::asio::ip::tcp::endpoint& address,
                                                           std::chrono::steady_clock::time_point deadline);

// The outcome of a socket-level failure, in both numbering schemes.
Outcome socket_failure(Status status, Phase phase, const boost::system::error_code& ec);

}  // namespace tlsprobe
