#include "net/http_head.hpp"

#include <doctest/doctest.h>

#include <boost/beast/http/error.hpp>
#include <string>

using namespace tlsprobe;
namespace http = boost::beast::http;

TEST_CASE("http head: the request on the wire") {
  CHECK(head_request_text("/health?x=1", "vault.example") ==
        "HEAD /health?x=1 HTTP/1.1\r\n"
        "Host: vault.example\r\n"
        "User-Agent: tlsprobe/" TLSPROBE_VERSION "\r\n"
        "Connection: close\r\n"
        "\r\n");
  CHECK(head_request_text("/", "::1").find("\r\nHost: [::1]\r\n") != std::string::npos);
  CHECK(host_header("127.0.0.1") == "127.0.0.1");
  CHECK(host_header("::1") == "[::1]");
  CHECK(host_header("login.microsoftonline.com") == "login.microsoftonline.com");
}

TEST_CASE("http head: status lines as the server sent them") {
  CHECK(status_line(11, 200, "OK") == "HTTP/1.1 200 OK");
  CHECK(status_line(10, 403, "Forbidden") == "HTTP/1.0 403 Forbidden");
  CHECK(status_line(11, 204, "") == "HTTP/1.1 204");
}

TEST_CASE("http head: the answer's header, whole or in pieces") {
  const std::string answer =
      "HTTP/1.0 200 ok\r\nContent-type: text/html\r\nContent-Length: 1234\r\n\r\n<html>not read</html>";
  SUBCASE("at once") {
    HeadResponseReader reader;
    boost::system::error_code ec;
    CHECK(reader.feed(answer, ec));
    CHECK_FALSE(ec);
    CHECK(reader.status() == 200);
    CHECK(reader.status_line() == "HTTP/1.0 200 ok");
  }
  SUBCASE("a byte at a time, as TLS records may split it") {
    HeadResponseReader reader;
    boost::system::error_code ec;
    std::size_t fed = 0;
    bool done = false;
    for (; fed < answer.size() && !done; ++fed) done = reader.feed(answer.substr(fed, 1), ec);
    CHECK(done);
    CHECK_FALSE(ec);
    CHECK(fed == answer.find("\r\n\r\n") + 4);  // done exactly at the header's end
    CHECK(reader.status_line() == "HTTP/1.0 200 ok");
  }
  SUBCASE("no reason phrase: Beast supplies the standard one, as for the OpenSSL backend") {
    HeadResponseReader reader;
    boost::system::error_code ec;
    CHECK(reader.feed("HTTP/1.1 204 \r\n\r\n", ec));
    CHECK(reader.status() == 204);
    CHECK(reader.status_line() == "HTTP/1.1 204 No Content");
  }
}

TEST_CASE("http head: not HTTP, or a header over the limit") {
  SUBCASE("garbage") {
    HeadResponseReader reader;
    boost::system::error_code ec;
    CHECK_FALSE(reader.feed("SSH-2.0-OpenSSH_9.6\r\n", ec));
    CHECK(ec);
    CHECK_FALSE(reader.done());
    // The error stays.
    boost::system::error_code again;
    CHECK_FALSE(reader.feed("\r\n", again));
    CHECK(again == ec);
  }
  SUBCASE("an endless header") {
    HeadResponseReader reader;
    boost::system::error_code ec;
    CHECK_FALSE(reader.feed("HTTP/1.1 200 OK\r\n", ec));
    CHECK_FALSE(ec);
    const std::string field = "X-Padding: " + std::string(100, 'a') + "\r\n";
    bool done = false;
    for (std::size_t sent = 0; sent < 2 * http_header_limit && !ec; sent += field.size())
      done = reader.feed(field, ec);
    CHECK_FALSE(done);
    CHECK(ec == http::error::header_limit);
  }
  SUBCASE("a header over the limit in one piece, or in two, is over the limit (found by fuzzing)") {
    std::string header = "HTTP/1.1 200 OK\r\n";
    while (header.size() < http_header_limit + 100) header += "X-Field: " + std::string(90, 'v') + "\r\n";
    header += "\r\n";
    for (const std::size_t first : {header.size(), std::size_t{16000}, std::size_t{1}}) {
      CAPTURE(first);
      HeadResponseReader reader;
      boost::system::error_code ec;
      const bool done = reader.feed(header.substr(0, first), ec) || (!ec && reader.feed(header.substr(first), ec));
      CHECK_FALSE(done);
      CHECK(ec == http::error::header_limit);
    }
  }
  SUBCASE("the verdict does not depend on how the bytes were cut (found by fuzzing)") {
    const std::string bare_lf = "HTTP/1.1 200 OK\nServer: toy\n\n";
    HeadResponseReader whole, bytewise;
    boost::system::error_code a, b;
    const bool whole_done = whole.feed(bare_lf, a);
    bool bytewise_done = false;
    for (const char c : bare_lf)
      if (!b) bytewise_done = bytewise.feed(std::string(1, c), b);
    CHECK(whole_done == bytewise_done);
    CHECK(a == b);
  }
  SUBCASE("a status outside 100..599 is not HTTP (found by fuzzing)") {
    HeadResponseReader reader;
    boost::system::error_code ec;
    CHECK_FALSE(reader.feed("HTTP/1.1 020 OK\r\n\r\n", ec));
    CHECK(ec == http::error::bad_status);
    CHECK_FALSE(reader.done());
  }
  SUBCASE("an endless line") {
    HeadResponseReader reader;
    boost::system::error_code ec;
    const std::string chunk(1000, 'a');
    for (std::size_t sent = 0; sent < 2 * http_header_limit && !ec; sent += chunk.size()) reader.feed(chunk, ec);
    CHECK(ec);
  }
}
