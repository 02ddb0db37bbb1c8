// The places where the Windows build differs from Linux underneath: Winsock numbers come
// back from Asio, getaddrinfo speaks WSA codes, inet_pton lives in ws2tcpip.h. The output
// must carry both numbering schemes exactly as on Linux.
#include <doctest/doctest.h>

#include <ws2tcpip.h>

#include <boost/asio/error.hpp>

#include "core/native_codes.hpp"
#include "core/target.hpp"
#include "net/connect.hpp"

using namespace tlsprobe;

TEST_CASE("winsock errors keep the Linux errno beside them") {
  struct Row {
    int winsock;
    ErrorClass cls;
    int posix;
  };
  const Row rows[] = {{WSAECONNRESET, ErrorClass::reset, 104},
                      {WSAECONNABORTED, ErrorClass::reset, 103},
                      {WSAECONNREFUSED, ErrorClass::refused, 111},
                      {WSAENETUNREACH, ErrorClass::refused, 101},
                      {WSAEHOSTUNREACH, ErrorClass::refused, 113},
                      {WSAETIMEDOUT, ErrorClass::timeout, 110}};
  for (const auto& r : rows) {
    CAPTURE(r.winsock);
    const boost::system::error_code ec(r.winsock, boost::system::system_category());
    const auto out = socket_failure(Status::unreachable, Phase::connect, ec);
    CHECK(out.error.cls == r.cls);
    CHECK(out.error.winsock == r.winsock);
    CHECK(out.error.posix_errno == r.posix);
  }
  const auto eof = socket_failure(Status::rejected, Phase::hello, boost::asio::error::eof);
  CHECK(eof.error.cls == ErrorClass::closed);
}

TEST_CASE("our own deadline reads as WSAETIMEDOUT and ETIMEDOUT") {
  const auto out = timeout_failure(Status::rejected, Phase::hello);
  CHECK(out.error.winsock == 10060);
  CHECK(out.error.posix_errno == 110);
}

TEST_CASE("getaddrinfo's EAI codes are Winsock codes on Windows") {
  CHECK(winsock_for_eai(EAI_NONAME) == 11001);
  CHECK(winsock_for_eai(EAI_AGAIN) == 11002);
  CHECK(winsock_for_eai(EAI_FAIL) == 11003);
}

TEST_CASE("targets: IPv4 and IPv6 literals through Winsock's inet_pton") {
  CHECK(is_ip_literal("127.0.0.1"));
  CHECK(is_ip_literal("::1"));
  CHECK_FALSE(is_ip_literal("localhost"));
  const auto t = parse_target("[::1]:8443");
  CHECK(t.host == "::1");
  CHECK(t.port == 8443);
}
