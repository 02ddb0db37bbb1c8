#include "core/target.hpp"

#include <doctest/doctest.h>

#include "core/errors.hpp"

using namespace tlsprobe;

TEST_CASE("targets: host, host:port, IPv4, IPv6") {
  const auto a = parse_target("Login.MicrosoftOnline.com");
  CHECK(a.host == "login.microsoftonline.com");
  CHECK(a.port == 443);
  CHECK(a.label == "login.microsoftonline.com");

  const auto b = parse_target("example.net:8443");
  CHECK(b.host == "example.net");
  CHECK(b.port == 8443);
  CHECK(b.label == "example.net:8443");

  const auto c = parse_target("127.0.0.1:4433");
  CHECK(c.host == "127.0.0.1");
  CHECK(c.port == 4433);

  const auto d = parse_target("[::1]:4433");
  CHECK(d.host == "::1");
  CHECK(d.port == 4433);
  CHECK(d.label == "[::1]:4433");

  const auto e = parse_target("2001:db8::1");
  CHECK(e.host == "2001:db8::1");
  CHECK(e.port == 443);
  CHECK(e.label == "[2001:db8::1]");

  CHECK(parse_target("fqdn.example.").host == "fqdn.example");
  CHECK(parse_target("[::1]").port == 443);
}

TEST_CASE("targets: malformed input is refused with the reason") {
  struct Bad {
    const char* text;
    const char* message;
  };
  const Bad cases[] = {
      {"", "empty target"},
      {"host:", "bad target 'host:': empty port"},
      {"host:0", "bad target 'host:0': port must be 1..65535"},
      {"host:65536", "bad target 'host:65536': port must be 1..65535"},
      {"host:https", "bad target 'host:https': port must be 1..65535"},
      {"[::1", "bad target '[::1': missing ']'"},
      {"[::1]x", "bad target '[::1]x': expected ':port' after ']'"},
      {"[not-v6]:443", "bad target '[not-v6]:443': not an IPv6 address inside []"},
      {"bad host", "bad target 'bad host': character ' ' not allowed in a host name"},
      {"-lead.example", "bad target '-lead.example': label starts with '-'"},
      {"trail-.example", "bad target 'trail-.example': label ends with '-'"},
      {"*.blob.core.windows.net", "bad target '*.blob.core.windows.net': wildcards cannot be probed: name a concrete host"},
      {"a..b", "bad target 'a..b': empty label in host name"},
      // Found by the catalog fuzz target: one trailing dot is a fully qualified name, two are not.
      {"ebeb..", "bad target 'ebeb..': empty label in host name"},
      {"https://host", "bad target 'https://host': write host or host:port, not a URL"},
      {"fe80::1:443:x", "bad target 'fe80::1:443:x': write IPv6 addresses with a port as [addr]:port"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK_THROWS_WITH_AS(parse_target(c.text), c.message, UsageError);
  }
  CHECK_THROWS_AS(parse_target(std::string(64, 'a') + ".example"), UsageError);
  CHECK_THROWS_AS(parse_target(std::string(300, 'a')), UsageError);
}

TEST_CASE("IP literal detection") {
  CHECK(is_ip_literal("10.0.0.1"));
  CHECK(is_ip_literal("::1"));
  CHECK_FALSE(is_ip_literal("localhost"));
  CHECK_FALSE(is_ip_literal("1.2.3"));
}

TEST_CASE("targets: an address with a NUL inside is no address") {
  // inet_pton stops at the NUL; the whole text must be the address (found by fuzzing).
  CHECK_FALSE(is_ip_literal(std::string_view("10.0.0.1\0junk", 13)));
  CHECK_FALSE(is_ip_literal(std::string_view("::\0", 3)));
  CHECK(is_ip_literal("10.0.0.1"));
}
