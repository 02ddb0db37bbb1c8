#include "net/connect.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/errc.hpp>
#include <cerrno>
#include <initializer_list>

#include "core/native_codes.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe {

namespace asio = boost::asio;

Outcome timeout_failure(Status status, Phase phase) {
  // Our own deadline, not the kernel's; Windows clients see the same silence as 10060.
  auto o = failure(status, ErrorClass::timeout, phase, std::string("no answer before the ") +
                                                           std::string(to_string(phase)) + " deadline");
  o.error.winsock = 10060;  // WSAETIMEDOUT
  o.error.posix_errno = errno_for_winsock(10060);
  return o;
}

Outcome socket_failure(Status status, Phase phase, const boost::system::error_code& ec) {
  // Compared as portable conditions: Asio reports errno values on Linux and Winsock values
  // (10054, 10061 ...) on Windows, and both map onto the same std::errc.
  using boost::system::errc::errc_t;
  const auto is = [&ec](std::initializer_list<errc_t> conditions) {
    for (const auto c : conditions)
      if (ec == c) return true;
    return false;
  };
  ErrorClass cls = ErrorClass::protocol;
  std::optional<int> err;
  std::optional<int> winsock;
  if (ec == asio::error::eof) {
    cls = ErrorClass::closed;
  } else if (ec.category() == boost::system::system_category()) {
    if (is({errc_t::connection_reset, errc_t::broken_pipe, errc_t::connection_aborted}))
      cls = ErrorClass::reset;
    else if (is({errc_t::connection_refused, errc_t::network_unreachable, errc_t::host_unreachable,
                 errc_t::address_not_available, errc_t::address_family_not_supported}))
      cls = ErrorClass::refused;
    else if (is({errc_t::timed_out}))
      cls = ErrorClass::timeout;
    else
      cls = ErrorClass::reset;
#ifdef _WIN32
    winsock = ec.value();
    err = errno_for_winsock(ec.value());
#else
    // A write into a reset connection reports EPIPE; the peer's act was the reset.
    err = ec == errc_t::broken_pipe ? ECONNRESET : ec.value();
    winsock = winsock_for_errno(*err);
#endif
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
