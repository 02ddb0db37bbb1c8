#include "core/native_codes.hpp"

#include <doctest/doctest.h>
#include <netdb.h>

#include <cerrno>

using namespace tlsprobe;

TEST_CASE("errno and Winsock numbers map both ways") {
  struct Row {
    int posix;
    int winsock;
  };
  const Row rows[] = {{ECONNRESET, 10054}, {ECONNREFUSED, 10061}, {ETIMEDOUT, 10060},
                      {ECONNABORTED, 10053}, {ENETUNREACH, 10051}, {EHOSTUNREACH, 10065}};
  for (const auto& r : rows) {
    CAPTURE(r.posix);
    CHECK(winsock_for_errno(r.posix) == r.winsock);
    CHECK(errno_for_winsock(r.winsock) == r.posix);
  }
  CHECK(winsock_for_errno(104) == 10054);  // the Linux number users see in logs
  CHECK_FALSE(winsock_for_errno(ENOENT).has_value());
}

TEST_CASE("resolver failures carry their Winsock twin") {
  CHECK(winsock_for_eai(EAI_NONAME) == 11001);
  CHECK(winsock_for_eai(EAI_AGAIN) == 11002);
  CHECK(winsock_for_eai(EAI_FAIL) == 11003);
  CHECK_FALSE(winsock_for_eai(EAI_MEMORY).has_value());
}

TEST_CASE("alert names follow RFC 8446 section 6") {
  CHECK(alert_name(40) == "handshake_failure");
  CHECK(alert_name(70) == "protocol_version");
  CHECK(alert_name(71) == "insufficient_security");
  CHECK(alert_name(86) == "inappropriate_fallback");
  CHECK(alert_name(112) == "unrecognized_name");
  CHECK(alert_name(250) == "unknown_alert");
}
