#include "selftest/local_servers.hpp"

#include "selftest/identity.hpp"
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <thread>

#include <openssl/err.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

#include "backends/openssl/version_map.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe::selftest {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Can this OpenSSL serve the version at all? Asked on memory BIOs, as the client backend
// asks: Debian's OpenSSL has no SSL 3.0 on either side.
std::string serve_problem(SSL_CTX* ctx) {
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx), &SSL_free);
  if (!ssl) return "cannot create a session";
  SSL_set_bio(ssl.get(), BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
  ERR_clear_error();
  const int rc = SSL_accept(ssl.get());
  const int err = SSL_get_error(ssl.get(), rc);
  const unsigned long code = ERR_peek_error();
  ERR_clear_error();
  if (err == SSL_ERROR_WANT_READ) return {};
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  return reason != nullptr ? reason : "cannot serve it";
}

asio::awaitable<void> serve_one(tcp::socket socket, asio::ssl::context& ctx) {
  asio::ssl::stream<tcp::socket> stream(std::move(socket), ctx);
  boost::system::error_code ec;
  {
    Watchdog watchdog(stream.next_layer(), std::chrono::steady_clock::now() + std::chrono::seconds(5));
    co_await stream.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
  }
  stream.next_layer().close(ec);
}

asio::awaitable<void> accept_loop(tcp::acceptor acceptor, asio::ssl::context& ctx) {
  for (;;) {
    boost::system::error_code ec;
    auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (!ec) asio::co_spawn(acceptor.get_executor(), serve_one(std::move(socket), ctx), asio::detached);
  }
}

}  // namespace

struct LocalServers::Impl {
  Identity identity = make_identity();
  // Declared before io so pending sessions, destroyed with io, never outlive their context.
  std::vector<std::unique_ptr<asio::ssl::context>> contexts;
  asio::io_context io{1};
  std::vector<ServerSlot> slots;
  std::thread thread;
};

LocalServers::LocalServers(const std::vector<Version>& versions) : impl_(std::make_unique<Impl>()) {
  for (const auto v : versions) {
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    SSL_CTX* native = ctx->native_handle();
    SSL_CTX_set_min_proto_version(native, openssl::to_native(v));
    SSL_CTX_set_max_proto_version(native, openssl::to_native(v));
    // Old versions need SHA-1 and CBC-SHA suites, which OpenSSL 3 allows only at level 0.
    SSL_CTX_set_security_level(native, 0);
    SSL_CTX_set_cipher_list(native, "ALL:@SECLEVEL=0");
    SSL_CTX_use_certificate(native, impl_->identity.cert.get());
    SSL_CTX_use_PrivateKey(native, impl_->identity.key.get());
    ServerSlot slot{v, std::nullopt, serve_problem(native)};
    if (slot.reason.empty()) {
      tcp::acceptor acceptor(impl_->io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
      slot.port = acceptor.local_endpoint().port();
      asio::co_spawn(impl_->io, accept_loop(std::move(acceptor), *ctx), asio::detached);
    } else {
      slot.reason = "this OpenSSL cannot serve " + std::string(display_name(v)) + ": " + slot.reason;
    }
    impl_->contexts.push_back(std::move(ctx));
    impl_->slots.push_back(std::move(slot));
  }
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

LocalServers::~LocalServers() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

const std::vector<ServerSlot>& LocalServers::slots() const { return impl_->slots; }

}  // namespace tlsprobe::selftest
