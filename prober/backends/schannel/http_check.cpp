#include "backends/schannel/http_check.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <array>
#include <chrono>
#include <optional>

#include "backends/schannel/sec_status.hpp"
#include "net/connect.hpp"
#include "net/http_head.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe::schannel {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// A TLS record is at most 16 KiB of plaintext plus its overhead; more unopened input than a
// few of them means SChannel will never make a record of it.
constexpr std::size_t max_pending = std::size_t{1} << 16;

std::uint32_t as_status(SECURITY_STATUS s) { return static_cast<std::uint32_t>(s); }

ErrorInfo http_error(ErrorClass cls, std::string message) {
  return failure(Status::rejected, cls, Phase::http, std::move(message)).error;
}

ErrorInfo sspi_error(const char* what, SECURITY_STATUS s) {
  auto e = http_error(ErrorClass::protocol, std::string(what) + ": " + status_text(as_status(s)));
  e.sec_status = as_status(s);
  return e;
}

// The request sealed into records of at most cbMaximumMessage bytes each.
std::optional<ErrorInfo> seal(CtxtHandle* context, const std::string& text, std::vector<std::uint8_t>& wire) {
  SecPkgContext_StreamSizes sizes{};
  const auto queried = QueryContextAttributesW(context, SECPKG_ATTR_STREAM_SIZES, &sizes);
  if (queried != SEC_E_OK) return sspi_error("QueryContextAttributes(STREAM_SIZES) failed", queried);
  const std::size_t max_data = sizes.cbMaximumMessage > 0 ? sizes.cbMaximumMessage : 16384;
  for (std::size_t at = 0; at < text.size(); at += max_data) {
    const auto n = std::min(max_data, text.size() - at);
    std::vector<std::uint8_t> record(sizes.cbHeader + n + sizes.cbTrailer);
    std::copy_n(text.begin() + static_cast<std::ptrdiff_t>(at), n, record.begin() + sizes.cbHeader);
    SecBuffer buffers[4] = {
        {sizes.cbHeader, SECBUFFER_STREAM_HEADER, record.data()},
        {static_cast<unsigned long>(n), SECBUFFER_DATA, record.data() + sizes.cbHeader},
        {sizes.cbTrailer, SECBUFFER_STREAM_TRAILER, record.data() + sizes.cbHeader + n},
        {0, SECBUFFER_EMPTY, nullptr},
    };
    SecBufferDesc desc{SECBUFFER_VERSION, 4, buffers};
    const auto sealed = EncryptMessage(context, 0, &desc, 0);
    if (sealed != SEC_E_OK) return sspi_error("EncryptMessage failed", sealed);
    // The trailer may come out shorter than its maximum; the three parts stay contiguous.
    record.resize(buffers[0].cbBuffer + buffers[1].cbBuffer + buffers[2].cbBuffer);
    wire.insert(wire.end(), record.begin(), record.end());
  }
  return std::nullopt;
}

// One DecryptMessage over the front of `pending`.
struct Opened {
  SECURITY_STATUS status = SEC_E_INTERNAL_ERROR;
  std::string plaintext;
  std::vector<std::uint8_t> extra;  // the bytes after the record: the next one's start
};

Opened open_record(CtxtHandle* context, std::vector<std::uint8_t>& pending) {
  SecBuffer buffers[4] = {
      {static_cast<unsigned long>(pending.size()), SECBUFFER_DATA, pending.data()},
      {0, SECBUFFER_EMPTY, nullptr},
      {0, SECBUFFER_EMPTY, nullptr},
      {0, SECBUFFER_EMPTY, nullptr},
  };
  SecBufferDesc desc{SECBUFFER_VERSION, 4, buffers};
  Opened out;
  out.status = DecryptMessage(context, &desc, 0, nullptr);
  if (out.status != SEC_E_OK && out.status != SEC_I_CONTEXT_EXPIRED && out.status != SEC_I_RENEGOTIATE) return out;
  // Decrypted in place: the plaintext and the leftovers point into `pending`, so copy both
  // before it changes. Some SSPI versions leave EXTRA's pointer null: it is the tail.
  for (const auto& b : buffers) {
    if (b.BufferType == SECBUFFER_DATA && b.pvBuffer != nullptr && b.cbBuffer > 0)
      out.plaintext.assign(static_cast<const char*>(b.pvBuffer), b.cbBuffer);
    if (b.BufferType == SECBUFFER_EXTRA && b.cbBuffer > 0 && b.cbBuffer <= pending.size())
      out.extra.assign(pending.end() - static_cast<std::ptrdiff_t>(b.cbBuffer), pending.end());
  }
  return out;
}

}  // namespace

asio::awaitable<HttpCheck> run_http_check(asio::ip::tcp::socket& socket, Context& context,
                                          std::vector<std::uint8_t> leftover, bool tls13,
                                          const HttpCheckConfig& config, const std::string& host) {
  HttpCheck out;
  out.path = config.path;
  const auto start = Clock::now();
  const auto done = [&](std::optional<ErrorInfo> error) {
    out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    out.error = std::move(error);
  };

  std::vector<std::uint8_t> wire;
  if (auto error = seal(context.handle(), head_request_text(config.path, host), wire)) {
    done(std::move(error));
    co_return out;
  }

  HeadResponseReader reader;
  std::vector<std::uint8_t> pending = std::move(leftover);
  std::optional<ErrorInfo> error;
  boost::system::error_code ec;
  bool timed_out = false;
  {
    Watchdog watchdog(socket, start + config.timeout);
    co_await asio::async_write(socket, asio::buffer(wire), asio::redirect_error(asio::use_awaitable, ec));
    bool need_input = pending.empty();
    while (!ec && !error && !reader.done()) {
      if (need_input) {
        std::array<std::uint8_t, 16384> chunk{};
        const auto n =
            co_await socket.async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        pending.insert(pending.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
        if (pending.size() > max_pending) {
          error = http_error(ErrorClass::protocol, "more than " + std::to_string(max_pending) +
                                                       " bytes after the handshake that SChannel cannot make a record of");
          break;
        }
      }
      auto opened = open_record(context.handle(), pending);
      if (opened.status == SEC_E_INCOMPLETE_MESSAGE) {
        need_input = true;  // a record's start: SChannel consumed nothing, read the rest
        continue;
      }
      if (opened.status != SEC_E_OK && opened.status != SEC_I_CONTEXT_EXPIRED && opened.status != SEC_I_RENEGOTIATE) {
        error = sspi_error("DecryptMessage refused the server's answer", opened.status);
        break;
      }
      pending = std::move(opened.extra);
      need_input = pending.empty();
      boost::system::error_code parsed;
      if (!opened.plaintext.empty() && reader.feed(opened.plaintext, parsed)) break;
      if (parsed) {
        error = http_error(ErrorClass::protocol, "not an HTTP answer: " + parsed.message());
        break;
      }
      if (opened.status == SEC_I_CONTEXT_EXPIRED) {
        error = http_error(ErrorClass::closed, "server sent close_notify before answering the request");
        break;
      }
      if (opened.status == SEC_I_RENEGOTIATE) {
        // TLS 1.3 says this for any post-handshake message (a NewSessionTicket, most often):
        // SChannel wants it through InitializeSecurityContext, then the records go on.
        if (!tls13) {
          error = sspi_error("the server asked to renegotiate instead of answering", opened.status);
          break;
        }
        const auto step = context.next(pending);
        if (step.status != SEC_E_OK) {
          error = sspi_error("SChannel refused the server's post-handshake message", step.status);
          break;
        }
        if (!step.token.empty()) {
          co_await asio::async_write(socket, asio::buffer(step.token), asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
        }
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(step.consumed));
        need_input = pending.empty();
      }
    }
    timed_out = watchdog.expired();
  }
  if (timed_out && !reader.done()) {
    done(timeout_failure(Status::rejected, Phase::http).error);
  } else if (error) {
    done(std::move(error));
  } else if (ec == asio::error::eof) {
    done(http_error(ErrorClass::closed, "server closed the connection before answering the request"));
  } else if (ec) {
    done(socket_failure(Status::rejected, Phase::http, ec).error);
  } else {
    done(std::nullopt);
    out.status = reader.status();
    out.status_line = reader.status_line();
  }
  co_return out;
}

}  // namespace tlsprobe::schannel
