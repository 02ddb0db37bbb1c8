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

TEST_CASE("socket errors: the class says who did it, and the Winsock twin stays") {
  struct Row {
    int posix;
    ErrorClass cls;
    std::optional<int> winsock;
  };
  const Row rows[] = {
      {ECONNRESET, ErrorClass::reset, 10054},     {EPIPE, ErrorClass::reset, 10054},
      {ECONNABORTED, ErrorClass::reset, 10053},   {ECONNREFUSED, ErrorClass::refused, 10061},
      {ENETUNREACH, ErrorClass::refused, 10051},  {EHOSTUNREACH, ErrorClass::refused, 10065},
      {ETIMEDOUT, ErrorClass::timeout, 10060},
      // This machine, never the server: a local firewall, descriptors, buffers, addresses.
      {EACCES, ErrorClass::local, 10013},         {EPERM, ErrorClass::local, 10013},
      {EMFILE, ErrorClass::local, 10024},         {ENFILE, ErrorClass::local, std::nullopt},
      {ENOBUFS, ErrorClass::local, 10055},        {EADDRNOTAVAIL, ErrorClass::local, 10049},
      {EADDRINUSE, ErrorClass::local, 10048},     {EAFNOSUPPORT, ErrorClass::local, 10047},
      {ENOMEM, ErrorClass::local, std::nullopt},
  };
  for (const auto& r : rows) {
    CAPTURE(r.posix);
    CHECK(class_for_errno(r.posix) == r.cls);
    CHECK(winsock_for_errno(r.posix) == r.winsock);
  }
  // Windows Firewall's 10013 reads back as EACCES; the first row of a Winsock number wins.
  CHECK(errno_for_winsock(10013) == EACCES);
  CHECK(errno_for_winsock(10054) == ECONNRESET);
  // A number no peer can cause is this machine's.
  CHECK(class_for_errno(ENOENT) == ErrorClass::local);
}

TEST_CASE("our own deadline reads as ETIMEDOUT 110 / WSAETIMEDOUT 10060, in the phase it ran out") {
  const auto o = timeout_failure(Status::rejected, Phase::hello);
  CHECK(o.status == Status::rejected);
  CHECK(o.error.cls == ErrorClass::timeout);
  CHECK(o.error.phase == Phase::hello);
  CHECK(o.error.posix_errno == 110);
  CHECK(o.error.winsock == 10060);
  CHECK(o.error.message == "no answer before the hello deadline");
  CHECK(winsock_for_errno(110) == 10060);
}
