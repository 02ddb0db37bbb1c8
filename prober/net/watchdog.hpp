#pragma once
// A deadline for one phase. When it passes, the socket is closed so whatever operation is
// pending completes at once (Asio reports operation_aborted); expired() then tells the
// caller that the reason was the clock, not the peer.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

namespace tlsprobe {

class Watchdog {
 public:
  Watchdog(boost::asio::ip::tcp::socket& socket, std::chrono::steady_clock::time_point deadline);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  bool expired() const { return state_->expired; }

 private:
  struct State {
    bool expired = false;
    bool disarmed = false;
  };
  std::shared_ptr<State> state_;
  boost::asio::steady_timer timer_;
};

}  // namespace tlsprobe
