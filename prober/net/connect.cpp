#include "net/connect.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>

#include "core/native_codes.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe {

namespace asio = boost::asio;

Outcome socket_failure(Status status, Phase phase, const boost::system::error_code& ec) {
  ErrorClass cls = ErrorClass::protocol;
  std::optional<int> err;
  std::optional<int> winsock;
  if (ec == asio::error::eof) {
    cls = ErrorClass::closed;
  } else if (ec.category() == boost::system::system_category()) {
#ifdef _WIN32
    winsock = ec.value();
    err = errno_for_winsock(ec.value());
#else
    // A write into a reset connection reports EPIPE; the peer's act was the reset.
    err = ec.value() == EPIPE ? ECONNRESET : ec.value();
    winsock = winsock_for_errno(*err);
#endif
    cls = err ? class_for_errno(*err) : ErrorClass::local;
    // This machine refused (a firewall rule, no descriptors): the version never got a
    // chance, whatever the phase, and the server said nothing.
    if (cls == ErrorClass::local) status = Status::unreachable;
  }
  auto o = failure(status, cls, phase, ec.message());
  o.error.posix_errno = err;
  o.error.winsock = winsock;
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
