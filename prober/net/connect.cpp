#include "net/connect.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>

#include "core/native_codes.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe {

namespace asio = boost::asio;

Outcome timeout_failure(Status status, Phase phase) {
  // Our own deadline, not the kernel's; Windows clients see the same silence as 10060.
  auto o = failure(status, ErrorClass::timeout, phase, std::string("no answer before the ") +
                                                           std::string(to_string(phase)) + " deadline");
  o.error.posix_errno = ETIMEDOUT;
  o.error.winsock = winsock_for_errno(ETIMEDOUT);
  return o;
}

Outcome socket_failure(Status status, Phase phase, const boost::system::error_code& ec) {
  ErrorClass cls = ErrorClass::protocol;
  std::optional<int> err;
  if (ec == asio::error::eof) {
    cls = ErrorClass::closed;
  } else if (ec.category() == boost::system::system_category()) {
    err = ec.value();
    switch (ec.value()) {
      case ECONNRESET:
      case EPIPE:
      case ECONNABORTED: cls = ErrorClass::reset; break;
      case ECONNREFUSED:
      case ENETUNREACH:
      case EHOSTUNREACH:
      case EADDRNOTAVAIL:
      case EAFNOSUPPORT: cls = ErrorClass::refused; break;
      case ETIMEDOUT: cls = ErrorClass::timeout; break;
      default: cls = ErrorClass::reset; break;
    }
    // A write into a reset connection reports EPIPE; the peer's act was the reset.
    if (ec.value() == EPIPE) err = ECONNRESET;
  }
  auto o = failure(status, cls, phase, ec.message());
  o.error.posix_errno = err;
  if (err) o.error.winsock = winsock_for_errno(*err);
  return o;
}

asio::awaitable<std::optional<Outcome>> connect_tcp(asio::ip::tcp::socket& socket,
                                                    const asio::ip::tcp::endpoint& address,
                                                    std::chrono::steady_clock::time_point deadline) {
  Watchdog watchdog(socket, deadline);
  boost::system::error_code ec;
  socket.open(address.protocol(), ec);
  if (!ec) co_await socket.async_connect(address, asio::redirect_error(asio::use_awaitable, ec));
  if (watchdog.expired()) co_return timeout_failure(Status::unreachable, Phase::connect);
  if (ec) co_return socket_failure(Status::unreachable, Phase::connect, ec);
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  co_return std::nullopt;
}

}  // namespace tlsprobe
