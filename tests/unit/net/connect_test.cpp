#include "net/connect.hpp"

#include <doctest/doctest.h>

#include <boost/asio/error.hpp>
#include <cerrno>

using namespace tlsprobe;

TEST_CASE("socket failures keep both numbering schemes") {
  const auto refused = socket_failure(Status::unreachable, Phase::connect,
                                      boost::system::error_code(ECONNREFUSED, boost::system::system_category()));
  CHECK(refused.error.cls == ErrorClass::refused);
  CHECK(refused.error.posix_errno == 111);
  CHECK(refused.error.winsock == 10061);
  CHECK(refused.error.phase == Phase::connect);

  const auto unreachable = socket_failure(Status::unreachable, Phase::connect,
                                          boost::system::error_code(ENETUNREACH, boost::system::system_category()));
  CHECK(unreachable.error.cls == ErrorClass::refused);
  CHECK(unreachable.error.winsock == 10051);

  // A local firewall (EPERM from a netfilter OUTPUT rule, EACCES / 10013 from Windows
  // Firewall) or no descriptors: the version never got a chance, and the server said nothing.
  for (const int local : {EPERM, EACCES, EMFILE, ENOBUFS, EADDRNOTAVAIL}) {
    CAPTURE(local);
    const auto o = socket_failure(Status::rejected, Phase::hello,
                                  boost::system::error_code(local, boost::system::system_category()));
    CHECK(o.status == Status::unreachable);
    CHECK(o.error.cls == ErrorClass::local);
    CHECK(o.error.posix_errno == local);
  }
  CHECK(socket_failure(Status::unreachable, Phase::connect,
                       boost::system::error_code(EACCES, boost::system::system_category()))
            .error.winsock == 10013);
  const auto reset = socket_failure(Status::rejected, Phase::hello,
                                    boost::system::error_code(EPIPE, boost::system::system_category()));
  CHECK(reset.error.cls == ErrorClass::reset);
  CHECK(reset.error.posix_errno == ECONNRESET);

  const auto eof = socket_failure(Status::rejected, Phase::hello, boost::asio::error::eof);
  CHECK(eof.error.cls == ErrorClass::closed);
  CHECK_FALSE(eof.error.posix_errno.has_value());

  const auto timeout = timeout_failure(Status::unreachable, Phase::connect);
  CHECK(timeout.error.cls == ErrorClass::timeout);
  CHECK(timeout.error.winsock == 10060);
  CHECK(timeout.error.message == "no answer before the connect deadline");
}
