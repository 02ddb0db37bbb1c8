#include "net/watchdog.hpp"

namespace tlsprobe {

Watchdog::Watchdog(boost::asio::ip::tcp::socket& socket, std::chrono::steady_clock::time_point deadline)
    : state_(std::make_shared<State>()), timer_(socket.get_executor(), deadline) {
  // The handler may run after this object is gone (a completion already queued when the
  // attempt finished), so it only touches the socket while the shared state says armed.
  timer_.async_wait([state = state_, &socket](const boost::system::error_code& ec) {
    if (ec || state->disarmed) return;
    state->expired = true;
    boost::system::error_code ignored;
    socket.close(ignored);
  });
}

Watchdog::~Watchdog() {
  state_->disarmed = true;
  timer_.cancel();
}

}  // namespace tlsprobe
