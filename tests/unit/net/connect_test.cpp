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

  const auto eof = socket_failure(Status::rejected, Phase::hello, boost::asio::error::eof);
  CHECK(eof.error.cls == ErrorClass::closed);
  CHECK_FALSE(eof.error.posix_errno.has_value());

  const auto timeout = timeout_failure(Status::unreachable, Phase::connect);
  CHECK(timeout.error.cls == ErrorClass::timeout);
  CHECK(timeout.error.winsock == 10060);
  CHECK(timeout.error.message == "no answer before the connect deadline");
}
