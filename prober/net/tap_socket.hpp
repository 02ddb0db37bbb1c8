#pragma once
// A TCP socket that copies what it reads and writes into a WireCapture (--pcap), for a TLS
// library that drives the socket itself (Asio's ssl::stream over OpenSSL). Without a capture it
// only forwards.
#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <algorithm>
#include <cstddef>
#include <utility>

#include "core/wire_capture.hpp"

namespace tlsprobe {

// This end's and the peer's address and port, for a capture of the connection `socket` holds.
WireCapture capture_of(const boost::asio::ip::tcp::socket& socket);

class TapSocket {
 public:
  using executor_type = boost::asio::ip::tcp::socket::executor_type;
  using lowest_layer_type = boost::asio::ip::tcp::socket::lowest_layer_type;

  TapSocket(boost::asio::ip::tcp::socket& socket, WireCapture* capture) : socket_(&socket), capture_(capture) {}

  executor_type get_executor() { return socket_->get_executor(); }
  lowest_layer_type& lowest_layer() { return socket_->lowest_layer(); }
  boost::asio::ip::tcp::socket& socket() { return *socket_; }

  template <typename MutableBuffers, typename Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return forward<false>(buffers, std::forward<Token>(token));
  }
  template <typename ConstBuffers, typename Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return forward<true>(buffers, std::forward<Token>(token));
  }

 private:
  // The first `n` bytes of `buffers`, the ones the operation moved, into the capture.
  template <typename Buffers>
  static void record(WireCapture* capture, const Buffers& buffers, bool from_client, std::size_t n) {
    if (capture == nullptr || n == 0) return;
    for (auto it = boost::asio::buffer_sequence_begin(buffers); it != boost::asio::buffer_sequence_end(buffers) && n > 0;
         ++it) {
      const boost::asio::const_buffer b(*it);
      const std::size_t take = std::min(n, b.size());
      capture->add(from_client, static_cast<const std::uint8_t*>(b.data()), take);
      n -= take;
    }
  }

  // Writing is the client's direction: what we send.
  template <bool Write, typename Buffers, typename Token>
  auto forward(const Buffers& buffers, Token&& token) {
    return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
        [this, buffers](auto handler) {
          auto done = [capture = capture_, buffers, handler = std::move(handler)](boost::system::error_code ec,
                                                                                  std::size_t n) mutable {
            record(capture, buffers, Write, n);
            std::move(handler)(ec, n);
          };
          if constexpr (Write)
            socket_->async_write_some(buffers, std::move(done));
          else
            socket_->async_read_some(buffers, std::move(done));
        },
        token);
  }

  boost::asio::ip::tcp::socket* socket_;
  WireCapture* capture_;
};

}  // namespace tlsprobe
