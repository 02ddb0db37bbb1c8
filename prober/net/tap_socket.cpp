#include "net/tap_socket.hpp"

namespace tlsprobe {

WireCapture capture_of(const boost::asio::ip::tcp::socket& socket) {
  WireCapture c;
  boost::system::error_code ec;
  const auto local = socket.local_endpoint(ec);
  if (!ec) {
    c.client_address = local.address().to_string();
    c.client_port = local.port();
  }
  const auto remote = socket.remote_endpoint(ec);
  if (!ec) {
    c.server_address = remote.address().to_string();
    c.server_port = remote.port();
  }
  return c;
}

}  // namespace tlsprobe
