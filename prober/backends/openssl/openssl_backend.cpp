#include "backends/openssl/openssl_backend.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>
#include <span>

#include "backends/openssl/certificate.hpp"
#include "backends/openssl/classify.hpp"
#include "backends/openssl/http_check.hpp"
#include "backends/openssl/trust_store.hpp"
#include "backends/openssl/version_map.hpp"
#include "core/errors.hpp"
#include "core/target.hpp"
#include "net/watchdog.hpp"
#include "wire/fingerprint.hpp"
#include "wire/server_hello.hpp"

namespace tlsprobe {
namespace {

std::size_t index_of(Version v) { return static_cast<std::size_t>(v); }

std::string ssl_error_text(unsigned long code) {
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

// Everything the wire shows, gathered while OpenSSL works: the server's alert number,
// the version in its ServerHello, how many records arrived.
void on_message(int write_p, int /*version*/, int content_type, const void* buf, std::size_t len, SSL* /*ssl*/,
                void* arg) {
  auto& o = *static_cast<openssl::Observation*>(arg);
  const std::span<const std::uint8_t> bytes(static_cast<const std::uint8_t*>(buf), len);
  if (write_p != 0) {
    if (content_type == SSL3_RT_ALERT && bytes.size() >= 2 && !o.alert_sent) o.alert_sent = bytes[1];
    if (content_type == SSL3_RT_HEADER && bytes.size() >= 3 && !o.client_record_version)
      o.client_record_version = static_cast<std::uint16_t>(bytes[1] << 8 | bytes[2]);
    if (content_type == SSL3_RT_HANDSHAKE && !bytes.empty() && bytes[0] == SSL3_MT_CLIENT_HELLO &&
        o.client_hello.empty())
      o.client_hello.assign(bytes.begin(), bytes.end());
    return;
  }
  if (content_type == SSL3_RT_HEADER) {
    ++o.records_received;
    if (!bytes.empty()) o.last_record_type = bytes[0];
  } else if (content_type == SSL3_RT_ALERT && bytes.size() >= 2 && bytes[0] == SSL3_AL_FATAL) {
    if (!o.alert_received) o.alert_received = bytes[1];
  } else if (content_type == SSL3_RT_HANDSHAKE && !bytes.empty() && bytes[0] == SSL3_MT_SERVER_HELLO) {
    if (const auto hello = wire::parse_server_hello(bytes); hello && !o.server_version)
      o.server_version = hello->version;
  }
}

// One NSS key log line per secret (OpenSSL writes it without the newline). The file hangs off
// the context in an ex_data slot of our own: Asio keeps its verify callback in the context's
// app data and deletes whatever it finds there. Attempts run on one thread, but a key log is
// worth a lock.
int keylog_index() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}
std::mutex keylog_mutex;
void write_keylog_line(const SSL* ssl, const char* line) {
  auto* file = static_cast<std::FILE*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), keylog_index()));
  if (file == nullptr) return;
  const std::lock_guard lock(keylog_mutex);
  std::fputs(line, file);
  std::fputc('\n', file);
  std::fflush(file);
}

// Can this library build produce a ClientHello for the version? Asked of the library
// itself, on memory BIOs, so the answer is true for the OpenSSL actually loaded.
Support probe_support(SSL_CTX* ctx, Version v) {
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx), &SSL_free);
  if (!ssl) return {false, "OpenSSL could not create a session"};
  BIO* rbio = BIO_new(BIO_s_mem());
  BIO* wbio = BIO_new(BIO_s_mem());
  if (rbio == nullptr || wbio == nullptr) {
    BIO_free(rbio);
    BIO_free(wbio);
    return {false, "OpenSSL could not allocate memory BIOs"};
  }
  SSL_set_bio(ssl.get(), rbio, wbio);
  ERR_clear_error();
  const int rc = SSL_connect(ssl.get());
  const int err = SSL_get_error(ssl.get(), rc);
  const unsigned long code = ERR_peek_error();
  ERR_clear_error();
  if (err == SSL_ERROR_WANT_READ) return {};
  std::string reason = std::string(OpenSSL_version(OPENSSL_VERSION)) + " cannot offer " +
                       std::string(display_name(v));
  if (code != 0) reason += ": " + std::string(ERR_reason_error_string(code) ? ERR_reason_error_string(code) : "");
  if (v == Version::ssl3_0) reason += " (built without SSL 3.0; the raw backend can still test it)";
  return {false, reason};
}

// Why a context cannot be pinned to the version, or nothing when it is. A setting OpenSSL
// refuses would otherwise probe another version than the one the column names.
std::optional<std::string> configure(asio::ssl::context& ctx, Version v, const BackendConfig& config) {
  SSL_CTX* native = ctx.native_handle();
  const int pinned = openssl::to_native(v);
  if (SSL_CTX_set_min_proto_version(native, pinned) != 1 || SSL_CTX_set_max_proto_version(native, pinned) != 1) {
    ERR_clear_error();
    return std::string(OpenSSL_version(OPENSSL_VERSION)) + " cannot pin " + std::string(display_name(v));
  }
  // OpenSSL 3 no longer connects to servers without secure renegotiation (RFC 5746) by
  // default and sends alert 40 itself: against such a server our own refusal would read as
  // "this machine cannot". A prober asks what the server accepts, and SChannel still
  // connects to such servers, so the legacy behaviour is restored on the probing contexts.
  SSL_CTX_set_options(native, SSL_OP_LEGACY_SERVER_CONNECT);
  if (v < Version::tls1_2) {
    // OpenSSL 3 refuses SHA-1 signatures and TLS < 1.2 above security level 0 (Debian
    // defaults to 2). Lowered on this context only, never process-wide. Offer every
    // cipher of the era, as the scanners do, so a cipher mismatch is not taken for a
    // version refusal.
    SSL_CTX_set_security_level(native, 0);
    if (SSL_CTX_set_cipher_list(native, "ALL:@SECLEVEL=0") != 1) {
      const std::string why = ssl_error_text(ERR_get_error());
      ERR_clear_error();
      return "OpenSSL refused the cipher list for " + std::string(display_name(v)) + ": " + why;
    }
  }
  if (!config.openssl_ciphers.empty() && v < Version::tls1_3) {
    // Below TLS 1.2 the list keeps security level 0, or OpenSSL would refuse the version.
    const std::string list = config.openssl_ciphers + (v < Version::tls1_2 ? ":@SECLEVEL=0" : "");
    if (SSL_CTX_set_cipher_list(native, list.c_str()) != 1) {
      const std::string why = ssl_error_text(ERR_get_error());
      ERR_clear_error();
      throw UsageError("--openssl-ciphers '" + config.openssl_ciphers + "': OpenSSL takes no suite from it (" +
                       why + ")");
    }
  }
  // Trust is reported beside the outcome, never instead of it: the chain is checked after the
  // handshake, against the one shared store (backends/openssl/trust_store.hpp).
  SSL_CTX_set_verify(native, SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_cert_verify_callback(native, openssl::accept_chain_for_now, nullptr);
  ERR_clear_error();
  return std::nullopt;
}

void fill_error(openssl::Observation& o, const boost::system::error_code& ec) {
  namespace error = boost::asio::error;
  if (ec == error::eof || ec == boost::asio::ssl::error::stream_truncated) {
    o.eof = true;
  } else if (ec.category() == error::get_ssl_category()) {
    o.ssl_reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
    o.ssl_text = ec.message();
  } else if (ec.category() == boost::system::system_category()) {
    o.sys_errno = ec.value();
  } else {
    o.ssl_text = ec.message();
  }
}

}  // namespace

OpenSslBackend::OpenSslBackend(const BackendConfig& config)
    : trust_(std::make_shared<openssl::TrustStore>(config.ca_file)) {
  if (!config.keylog_file.empty()) {
    keylog_.reset(std::fopen(config.keylog_file.c_str(), "a"), [](std::FILE* f) {
      if (f != nullptr) std::fclose(f);
    });
    if (!keylog_) throw UsageError("cannot append to the key log file " + config.keylog_file + " (SSLKEYLOGFILE)");
  }
  for (const auto v : all_versions) {
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    if (keylog_) {
      SSL_CTX_set_ex_data(ctx->native_handle(), keylog_index(), keylog_.get());
      SSL_CTX_set_keylog_callback(ctx->native_handle(), write_keylog_line);
    }
    if (const auto why = configure(*ctx, v, config))
      support_[index_of(v)] = Support{false, *why};
    else
      support_[index_of(v)] = probe_support(ctx->native_handle(), v);
    contexts_[index_of(v)] = std::move(ctx);
  }
}

Support OpenSslBackend::supports(Version v) const { return support_[index_of(v)]; }

std::size_t OpenSslBackend::chain_verifications() const { return trust_->verifications(); }

asio::awaitable<Outcome> OpenSslBackend::handshake(asio::ip::tcp::socket& socket, const HandshakeRequest& request) {
  std::optional<WireCapture> capture;
  if (request.capture_wire) capture = capture_of(socket);
  openssl::TlsStream stream(TapSocket(socket, capture ? &*capture : nullptr), *contexts_[index_of(request.version)]);
  SSL* ssl = stream.native_handle();
  openssl::Observation observed;
  observed.requested = request.version;
  SSL_set_msg_callback(ssl, on_message);
  // The macros SSL_set_msg_callback_arg and SSL_set_tlsext_host_name hide C casts.
  SSL_ctrl(ssl, SSL_CTRL_SET_MSG_CALLBACK_ARG, 0, &observed);
  // A refused name would send a hello without it, or check the chain against nothing: both
  // would be reported as the server's answer to a hello we never meant to send.
  if (!request.sni.empty() &&
      SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(request.sni.c_str())) != 1) {
    ERR_clear_error();
    co_return internal_failure(Phase::hello, "OpenSSL refused the server name '" + request.sni + "'");
  }
  const int name_set = is_ip_literal(request.verify_name)
                           ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), request.verify_name.c_str())
                       : request.verify_name.empty() ? 1
                                                     : SSL_set1_host(ssl, request.verify_name.c_str());
  if (name_set != 1) {
    ERR_clear_error();
    co_return internal_failure(Phase::hello, "OpenSSL refused the verify name '" + request.verify_name + "'");
  }

  ERR_clear_error();
  boost::system::error_code ec;
  {
    Watchdog watchdog(socket, request.deadline);
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
    observed.timed_out = watchdog.expired();
  }
  if (!ec) {
    observed.handshake_ok = true;
    observed.negotiated = openssl::from_native(SSL_version(ssl));
    if (const SSL_CIPHER* c = SSL_get_current_cipher(ssl)) observed.cipher = SSL_CIPHER_standard_name(c);
  } else {
    fill_error(observed, ec);
  }
  ERR_clear_error();

  auto outcome = openssl::classify(observed);
  if (!observed.client_hello.empty()) {
    outcome.client_hello = wire::captured_hello(observed.client_hello);
    if (outcome.client_hello) outcome.client_hello->record_version = observed.client_record_version;
  }
  if (outcome.status == Status::accepted) {
    outcome.certificate = openssl::summarize_certificate(ssl, request.verify_name, trust_->verify_peer(ssl));
    if (const auto note = trust_->note(); !note.empty() && outcome.certificate && !outcome.certificate->verified)
      outcome.certificate->verify_error += "; " + note;
    // The version stays accepted whatever the request meets: the handshake succeeded, and
    // the HTTP result is reported beside it. The message callback stays on for it, so an
    // alert in answer to our data is seen with its number.
    if (request.http) {
      const std::string host = request.sni.empty() ? request.verify_name : request.sni;
      outcome.http = co_await openssl::run_http_check(stream, *request.http, host, observed);
      ERR_clear_error();
    }
  }
  SSL_set_msg_callback(ssl, nullptr);
  outcome.wire = std::move(capture);
  // A FIN, not a reset: we only wanted the handshake, and the server deserves a clean end.
  boost::system::error_code ignored;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  co_return outcome;
}

}  // namespace tlsprobe
