#include "backends/openssl/http_check.hpp"

#include <doctest/doctest.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>

using namespace tlsprobe;
namespace http = boost::beast::http;

TEST_CASE("openssl http check: failures in the outcome taxonomy, phase http") {
  namespace error = boost::asio::error;
  const auto check = [](const ErrorInfo& e, ErrorClass cls, std::optional<int> err, std::optional<int> winsock) {
    CHECK(to_string(e.cls) == to_string(cls));
    CHECK(to_string(e.phase) == "http");
    CHECK(e.posix_errno == err);
    CHECK(e.winsock == winsock);
    CHECK_FALSE(e.message.empty());
  };
  const boost::system::error_code none;
  // A middlebox resetting on the first data: what Windows shows as 10054.
  check(openssl::classify_http_error(error::connection_reset, false, {}), ErrorClass::reset, 104, 10054);
  // A write into a reset connection: the reset was the peer's act.
  check(openssl::classify_http_error(error::broken_pipe, false, {}), ErrorClass::reset, 104, 10054);
  // Our own deadline wins over the aborted operation it caused.
  check(openssl::classify_http_error(error::operation_aborted, true, {}), ErrorClass::timeout, 110, 10060);
  check(openssl::classify_http_error(error::eof, false, {}), ErrorClass::closed, {}, {});
  check(openssl::classify_http_error(boost::asio::ssl::error::stream_truncated, false, {}), ErrorClass::closed, {},
        {});
  check(openssl::classify_http_error(http::error::end_of_stream, false, {}), ErrorClass::closed, {}, {});
  check(openssl::classify_http_error(http::error::partial_message, false, {}), ErrorClass::closed, {}, {});
  check(openssl::classify_http_error(http::error::bad_version, false, {}), ErrorClass::protocol, {}, {});
  check(openssl::classify_http_error(http::error::header_limit, false, {}), ErrorClass::protocol, {}, {});

  const auto alert = openssl::classify_http_error(none, false, 116);
  check(alert, ErrorClass::alert, {}, {});
  CHECK(alert.alert == 116);
  CHECK(alert.message == "server sent alert 116 (certificate_required)");
}
